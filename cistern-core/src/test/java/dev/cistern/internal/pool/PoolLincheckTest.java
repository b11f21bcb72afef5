package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import dev.cistern.ResetOnReturn;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck checks of the pool's borrow/return structure: a pool of {@link #N} connections, filled
 * before the operations run, with a zero pool timeout (a borrower never parks: it gets a connection
 * or a {@link PoolTimeoutException} at once) and no overflow.
 *
 * <p>There are {@link #HOLDERS} holders; each one's operations form a non-parallel group, so
 * Lincheck runs them all on one thread (group {@code i} goes to thread {@code i}) and a holder's
 * state needs no synchronisation. A holder borrows only when it holds nothing and gives back only
 * what it holds. The sequential specification is a counter of free connections: a borrow succeeds
 * iff one is free in the chosen linearization. Besides, every borrow marks its entry in a per-entry
 * holder count, so an entry handed to two holders at once shows up as a result the specification
 * never gives ({@link #DOUBLE_HOLD}), and {@link Model#validate()} checks the pool's counts once
 * the threads are done.
 *
 * <p>Two depths. The default run (in {@code ./mvnw verify} and CI) model-checks the strict models,
 * FIFO and LIFO, on {@link #STRICT_SCENARIOS} random scenarios of {@value #INVOCATIONS}
 * interleavings each, and stress-runs all four models; about a minute on the 2-core machine. The
 * strict models catch everything the safety models do (a double hold is a result {@link Spec} never
 * gives, and {@link Model#validate()} is the same), so the safety models are model-checked only in
 * the deep run. {@code -Dcistern.lincheck.deep=true} (e.g. {@code ./mvnw -pl
 * cistern-testkit,cistern-core test -Dtest=PoolLincheckTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcistern.lincheck.deep=true}) checks 15 strict and 5 safety scenarios per order and stresses
 * twice as long, as the build did before; about 3.5 minutes. Run it after a change to the slots,
 * the wait queue or the entries.
 */
@Tag("slow")
class PoolLincheckTest {
  /** Connections in the pool. */
  static final int N = 2;

  /** Holders, one per Lincheck thread. */
  static final int HOLDERS = 3;

  /** borrow: got a connection. */
  static final int GOT = 1;

  /** borrow: holds one already; giveBack: holds none. Nothing done. */
  static final int NOTHING = 0;

  /** borrow: none free (PoolTimeoutException). */
  static final int NONE_FREE = -1;

  /** borrow: the entry handed over is held by another holder too. Never right. */
  static final int DOUBLE_HOLD = -2;

  /** giveBack: gave it back. */
  static final int GAVE_BACK = 1;

  private static final Ticker FROZEN =
      new Ticker() {
        @Override
        public long nanoTime() {
          return 0;
        }

        @Override
        public void park(Object blocker, long nanos) {
          LockSupport.parkNanos(blocker, nanos);
        }

        @Override
        public void unpark(Thread thread) {
          LockSupport.unpark(thread);
        }
      };

  /** A connection nobody calls: with nothing changed on it, giveBack does not touch it. */
  static Connection inertConnection() {
    return (Connection)
        Proxy.newProxyInstance(
            PoolLincheckTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                case "toString":
                  return "inert connection";
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  /** The pool under test, with its holders' bookkeeping. */
  public abstract static class Model {
    final ConnectionPool pool;
    private final PoolEntry[] held = new PoolEntry[HOLDERS];

    /** Holders per entry, indexed by entry id (ids run from 1). */
    private final AtomicIntegerArray holders = new AtomicIntegerArray(N + 1);

    private volatile boolean doubleHold;

    /** False: borrow and giveBack report only a double hold, so only safety is checked. */
    private final boolean strict;

    Model(boolean lifo, boolean strict) {
      this.strict = strict;
      PoolConfig config =
          PoolConfig.defaults("lincheck")
              .withSize(N, 0)
              .withTimeout(Duration.ZERO)
              .withLifo(lifo)
              .withResetOnReturn(ResetOnReturn.NONE)
              // nothing periodic: the model checks borrow and return, not the maintenance timer
              .withHealth(PoolHealth.DEFAULT.withIdleTimeout(Duration.ZERO));
      pool = new ConnectionPool(config, PoolLincheckTest::inertConnection, FROZEN);
      for (int i = 0; i < N; i++) {
        if (!pool.reserveSlot()) {
          throw new IllegalStateException("no slot for connection " + i);
        }
        pool.added(inertConnection());
      }
    }

    int borrow(int holder) {
      if (held[holder] != null) {
        return NOTHING;
      }
      PoolEntry e;
      try {
        e = pool.acquire();
      } catch (PoolTimeoutException timeout) {
        return strict ? NONE_FREE : NOTHING;
      }
      held[holder] = e;
      if (holders.incrementAndGet((int) e.id()) != 1) {
        doubleHold = true;
        return DOUBLE_HOLD;
      }
      return strict ? GOT : NOTHING;
    }

    int giveBack(int holder) {
      PoolEntry e = held[holder];
      if (e == null) {
        return NOTHING;
      }
      held[holder] = null;
      holders.decrementAndGet((int) e.id());
      pool.giveBack(e);
      return strict ? GAVE_BACK : NOTHING;
    }

    @Operation(nonParallelGroup = "holder0")
    public int borrow0() {
      return borrow(0);
    }

    @Operation(nonParallelGroup = "holder0")
    public int giveBack0() {
      return giveBack(0);
    }

    @Operation(nonParallelGroup = "holder1")
    public int borrow1() {
      return borrow(1);
    }

    @Operation(nonParallelGroup = "holder1")
    public int giveBack1() {
      return giveBack(1);
    }

    @Operation(nonParallelGroup = "holder2")
    public int borrow2() {
      return borrow(2);
    }

    @Operation(nonParallelGroup = "holder2")
    public int giveBack2() {
      return giveBack(2);
    }

    /** Once the threads are done: every connection is idle or held, by exactly its holder. */
    @Validate
    public void validate() {
      if (doubleHold) {
        throw new AssertionError("an entry was handed to two holders");
      }
      PoolStatus s = pool.status();
      int holding = (int) Arrays.stream(held).filter(e -> e != null).count();
      if (s.size() != N || s.idle() + s.inUse() != N || s.inUse() != holding || s.waiting() != 0) {
        throw new AssertionError(s.counts() + ", holders hold " + holding);
      }
      for (PoolEntry e : pool.entries()) {
        int expected = e.state() == PoolEntry.IN_USE ? 1 : 0;
        if (holders.get((int) e.id()) != expected) {
          throw new AssertionError(e + " has " + holders.get((int) e.id()) + " holders");
        }
      }
    }
  }

  /** FIFO pool (the scan starts at a rotating position), every result checked. */
  public static final class FifoModel extends Model {
    public FifoModel() {
      super(false, true);
    }
  }

  /** LIFO pool (the scan starts at the first slot), every result checked. */
  public static final class LifoModel extends Model {
    public LifoModel() {
      super(true, true);
    }
  }

  /** FIFO pool, safety only: no double hold, and the counts add up at the end. */
  public static final class FifoSafetyModel extends Model {
    public FifoSafetyModel() {
      super(false, false);
    }
  }

  /** LIFO pool, safety only. */
  public static final class LifoSafetyModel extends Model {
    public LifoSafetyModel() {
      super(true, false);
    }
  }

  /**
   * The specification of the safety models: every operation does nothing visible; only a double
   * hold ({@link #DOUBLE_HOLD}) differs from it.
   */
  public static final class SafetySpec {
    public int borrow0() {
      return NOTHING;
    }

    public int giveBack0() {
      return NOTHING;
    }

    public int borrow1() {
      return NOTHING;
    }

    public int giveBack1() {
      return NOTHING;
    }

    public int borrow2() {
      return NOTHING;
    }

    public int giveBack2() {
      return NOTHING;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SafetySpec;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** The sequential specification: a counter of free connections and who holds one. */
  public static final class Spec {
    private int free = N;
    private final boolean[] holds = new boolean[HOLDERS];

    int borrow(int holder) {
      if (holds[holder]) {
        return NOTHING;
      }
      if (free == 0) {
        return NONE_FREE;
      }
      free--;
      holds[holder] = true;
      return GOT;
    }

    int giveBack(int holder) {
      if (!holds[holder]) {
        return NOTHING;
      }
      free++;
      holds[holder] = false;
      return GAVE_BACK;
    }

    public int borrow0() {
      return borrow(0);
    }

    public int giveBack0() {
      return giveBack(0);
    }

    public int borrow1() {
      return borrow(1);
    }

    public int giveBack1() {
      return giveBack(1);
    }

    public int borrow2() {
      return borrow(2);
    }

    public int giveBack2() {
      return giveBack(2);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec s && s.free == free && Arrays.equals(s.holds, holds);
    }

    @Override
    public int hashCode() {
      return 31 * free + Arrays.hashCode(holds);
    }
  }

  /** True for the deep run ({@code -Dcistern.lincheck.deep=true}). */
  static final boolean DEEP = Boolean.getBoolean("cistern.lincheck.deep");

  /** Interleavings explored per model-checked scenario, in either run. */
  static final int INVOCATIONS = 500;

  /** Scenarios per strict model-checking test. */
  static final int STRICT_SCENARIOS = DEEP ? 15 : 5;

  /** Scenarios per safety model check (deep run only). */
  static final int SAFETY_SCENARIOS = 5;

  /** Iterations of each stress test. */
  static final int STRESS_ITERATIONS = DEEP ? 10 : 5;

  private static ModelCheckingOptions modelChecking(Class<?> spec, int iterations) {
    return new ModelCheckingOptions()
        .iterations(iterations)
        .invocationsPerIteration(INVOCATIONS)
        .threads(HOLDERS)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(spec);
  }

  private static StressOptions stress(Class<?> spec) {
    return new StressOptions()
        .iterations(STRESS_ITERATIONS)
        .invocationsPerIteration(2_000)
        .threads(HOLDERS)
        .actorsPerThread(4)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(spec);
  }

  @Test
  void fifoSafetyStress() {
    stress(SafetySpec.class).check(FifoSafetyModel.class);
  }

  @Test
  void lifoSafetyStress() {
    stress(SafetySpec.class).check(LifoSafetyModel.class);
  }

  // Strict: every borrow succeeds exactly when a connection is free in some linearization.

  @Test
  void fifoModelChecking() {
    modelChecking(Spec.class, STRICT_SCENARIOS).check(FifoModel.class);
    if (DEEP) {
      modelChecking(SafetySpec.class, SAFETY_SCENARIOS).check(FifoSafetyModel.class);
    }
  }

  @Test
  void lifoModelChecking() {
    modelChecking(Spec.class, STRICT_SCENARIOS).check(LifoModel.class);
    if (DEEP) {
      modelChecking(SafetySpec.class, SAFETY_SCENARIOS).check(LifoSafetyModel.class);
    }
  }

  @Test
  void fifoStress() {
    stress(Spec.class).check(FifoModel.class);
  }

  @Test
  void lifoStress() {
    stress(Spec.class).check(LifoModel.class);
  }
}
