package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import dev.cistern.ResetOnReturn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of the wait queue: no wake-up that was due is lost.
 *
 * <p>A pool of one or two connections, full, shared by {@link #THREADS} borrowers whose every
 * operation borrows and gives back (so a connection is never held across operations, and every
 * borrower that waits is owed a connection). The pool parks a waiting borrower through its {@link
 * Ticker}, and this one ({@link ModelTicker}) parks <em>without</em> a time limit: a borrower left
 * parked while the connection it is owed sits idle stays parked for good, and Lincheck reports the
 * execution as hung (all threads parked, or the rest done), with the interleaving that led there.
 * With a time limit the pool's old one-second re-check hid exactly that.
 *
 * <p>Besides the patient borrowers there is an impatient one ({@link Model#impatientCycle}), whose
 * first park returns as if its deadline had passed (its own clock jumps by the park's length): a
 * waiter that gives up, possibly just after a return woke it to compete for the idle connection.
 * Every other clock stands still, so a patient borrower never times out.
 *
 * <p>Results carry no information (a borrow either gets a connection or, for the impatient one,
 * times out, and both are right); what is checked is that every execution finishes, and that at the
 * end ({@link Model#validate}) every connection is idle and nobody waits.
 */
@Tag("slow")
class WaitQueueLincheckTest {
  static final int THREADS = 3;

  /** Set for the duration of an impatient borrow, on its thread: its clock. */
  private static final ThreadLocal<long[]> IMPATIENT = new ThreadLocal<>();

  /**
   * The model's clock and parking. A patient thread's clock stands still, and its park returns only
   * once {@link #unpark} gave it a permit: never on its own, never spuriously (Lincheck's own model
   * of {@link LockSupport#park} may wake a thread spuriously, which would hide a lost wake-up), so
   * a borrower that nobody wakes spins here for good and Lincheck reports the execution as hung. An
   * impatient thread's clock jumps by the park's length and the park returns at once: it timed out.
   */
  static final class ModelTicker implements Ticker {
    private static final int MAX_THREADS = 8;
    private final AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(MAX_THREADS);
    private final AtomicBoolean[] permits = new AtomicBoolean[MAX_THREADS];

    ModelTicker() {
      for (int i = 0; i < MAX_THREADS; i++) {
        permits[i] = new AtomicBoolean();
      }
    }

    private AtomicBoolean permit(Thread t) {
      for (int i = 0; i < MAX_THREADS; i++) {
        if (threads.get(i) == null && threads.compareAndSet(i, null, t)) {
          return permits[i];
        }
        if (threads.get(i) == t) {
          return permits[i];
        }
      }
      throw new IllegalStateException("more than " + MAX_THREADS + " threads");
    }

    @Override
    public long nanoTime() {
      long[] clock = IMPATIENT.get();
      return clock == null ? 0 : clock[0];
    }

    @Override
    public void park(Object blocker, long nanos) {
      long[] clock = IMPATIENT.get();
      if (clock != null) {
        clock[0] += nanos;
        return;
      }
      AtomicBoolean p = permit(Thread.currentThread());
      while (!p.compareAndSet(true, false)) {
        Thread.yield();
      }
    }

    @Override
    public void unpark(Thread thread) {
      permit(thread).set(true);
    }
  }

  /** The pool under test. */
  public abstract static class Model {
    final ConnectionPool pool;
    final int size;

    Model(int size, long handOffAfter) {
      this.size = size;
      PoolConfig config =
          PoolConfig.defaults("lincheck-wait")
              .withSize(size, 0)
              .withTimeout(Duration.ofSeconds(1)) // one park for the impatient borrower
              .withResetOnReturn(ResetOnReturn.NONE)
              .withHealth(PoolHealth.DEFAULT.withIdleTimeout(Duration.ZERO));
      pool = new ConnectionPool(config, PoolLincheckTest::inertConnection, new ModelTicker());
      pool.waitQueue.handOffAfter(handOffAfter);
      pool.waitQueue.spinYields(0); // each yield is a switch point: the models stay small
      for (int i = 0; i < size; i++) {
        if (!pool.reserveSlot()) {
          throw new IllegalStateException("no slot for connection " + i);
        }
        pool.added(PoolLincheckTest.inertConnection());
      }
    }

    /** Borrows (waiting as long as it takes) and gives back. */
    @Operation
    public int cycle() {
      pool.giveBack(pool.acquire());
      return 0;
    }

    /** Borrows, giving up at its first park, and gives back what it got. */
    @Operation
    public int impatientCycle() {
      IMPATIENT.set(new long[1]);
      PoolEntry e;
      try {
        e = pool.acquire();
      } catch (PoolTimeoutException timedOut) {
        return 0;
      } finally {
        IMPATIENT.remove();
      }
      pool.giveBack(e);
      return 0;
    }

    /** Once the threads are done: every connection is idle and nobody waits. */
    @Validate
    public void validate() {
      PoolStatus s = pool.status();
      if (s.size() != size || s.idle() != size || s.waiting() != 0) {
        throw new AssertionError(s.counts());
      }
      if (pool.waitQueue.unserved() != 0) {
        throw new AssertionError(pool.waitQueue.unserved() + " waiters unserved");
      }
    }
  }

  /**
   * One connection; the default hand-off (wake the head to compete; the clock never says 250 µs).
   */
  public static final class CompeteModel extends Model {
    public CompeteModel() {
      super(1, WaitQueue.HAND_OFF_AFTER_NANOS);
    }
  }

  /** One connection, every return handed straight to the longest waiter. */
  public static final class StrictModel extends Model {
    public StrictModel() {
      super(1, 0);
    }
  }

  /** Two connections, compete: two entries can be idle while two borrowers are woken or waiting. */
  public static final class TwoModel extends Model {
    public TwoModel() {
      super(2, WaitQueue.HAND_OFF_AFTER_NANOS);
    }
  }

  /** The specification: every operation returns 0. */
  public static final class Spec {
    public int cycle() {
      return 0;
    }

    public int impatientCycle() {
      return 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** An actor for the model's operation {@code name}. */
  private static Actor actor(String name) {
    try {
      return new Actor(Model.class.getMethod(name), List.of(), false, false, false, false, false);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The scenario of the lost wake-up the one-second re-check hid: a patient borrower queues up
   * behind an impatient one; the holder's return wakes the impatient one, which gives up.
   */
  private static ExecutionScenario wokenWaiterGivesUp() {
    return new ExecutionScenario(
        List.of(),
        List.of(List.of(actor("cycle")), List.of(actor("impatientCycle")), List.of(actor("cycle"))),
        List.of(),
        null);
  }

  private static ModelCheckingOptions options(int threads, int iterations) {
    return new ModelCheckingOptions()
        .iterations(iterations)
        .invocationsPerIteration(PoolLincheckTest.INVOCATIONS)
        .threads(threads)
        .actorsPerThread(2)
        .actorsBefore(0)
        .actorsAfter(0)
        .sequentialSpecification(Spec.class);
  }

  /** The known scenario alone, explored more deeply than the random ones. */
  @Test
  void wokenWaiterThatGivesUpPassesTheWakeUpOn() {
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(wokenWaiterGivesUp())
        .invocationsPerIteration(PoolLincheckTest.DEEP ? 50_000 : 10_000)
        .sequentialSpecification(Spec.class)
        .check(CompeteModel.class);
  }

  @Test
  void competeNoLostWakeUp() {
    options(THREADS, PoolLincheckTest.DEEP ? 30 : 5).check(CompeteModel.class);
  }

  @Test
  void strictNoLostWakeUp() {
    options(THREADS, PoolLincheckTest.DEEP ? 20 : 3).check(StrictModel.class);
  }

  @Test
  void twoConnectionsNoLostWakeUp() {
    options(4, PoolLincheckTest.DEEP ? 20 : 5).check(TwoModel.class);
  }
}
