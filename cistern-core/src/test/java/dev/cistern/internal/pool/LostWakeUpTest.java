package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.PoolTimeoutException;
import dev.cistern.ResetOnReturn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A borrower waiting for a connection is woken when one comes back, and not by a timer: the pool
 * parks it until its deadline, and a park of this test's clock ends only when the pool wakes it
 * (or, as a safety bound that only a lost wake-up reaches, after {@link
 * WakeOnlyTicker#BOUND_SECONDS} of real time, which is counted as a wake-up that never came).
 */
class LostWakeUpTest {
  /**
   * The pool's clock for these tests. A borrower's park ends only on {@link #unpark} (its clock
   * stands still); one thread may be made impatient instead, with a clock of its own that its parks
   * move past the deadline at once, and hooks at its park and at its first look at the clock after
   * it.
   */
  static final class WakeOnlyTicker implements Ticker {
    static final long BOUND_SECONDS = 10;

    private final ConcurrentHashMap<Thread, AtomicBoolean> permits = new ConcurrentHashMap<>();

    /** Parks that ended without a wake-up: each one a lost wake-up. */
    final AtomicInteger unwoken = new AtomicInteger();

    /** How long each patient park was asked to last. */
    final List<Long> parkNanos = new CopyOnWriteArrayList<>();

    /** Counted down at each patient park. */
    volatile CountDownLatch patientParked = new CountDownLatch(1);

    volatile Thread impatient;
    private final AtomicLong impatientClock = new AtomicLong();
    volatile Runnable atImpatientPark = () -> {};
    private final AtomicBoolean parkedPastDeadline = new AtomicBoolean();
    volatile Runnable afterImpatientPark = () -> {};

    private AtomicBoolean permit(Thread t) {
      return permits.computeIfAbsent(t, k -> new AtomicBoolean());
    }

    @Override
    public long nanoTime() {
      if (Thread.currentThread() != impatient) {
        return 0;
      }
      if (parkedPastDeadline.compareAndSet(true, false)) {
        afterImpatientPark.run();
      }
      return impatientClock.get();
    }

    @Override
    public void park(Object blocker, long nanos) {
      Thread me = Thread.currentThread();
      if (me == impatient) {
        atImpatientPark.run();
        impatientClock.addAndGet(nanos);
        parkedPastDeadline.set(true);
        return;
      }
      if (!(blocker instanceof ConnectionPool)) {
        LockSupport.parkNanos(blocker, nanos); // the creator's back-off: not used here
        return;
      }
      parkNanos.add(nanos);
      patientParked.countDown();
      AtomicBoolean p = permit(me);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
      while (!p.compareAndSet(true, false)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          unwoken.incrementAndGet();
          return;
        }
        LockSupport.parkNanos(blocker, left);
      }
    }

    @Override
    public void unpark(Thread thread) {
      permit(thread).set(true);
      LockSupport.unpark(thread);
    }
  }

  private final WakeOnlyTicker ticker = new WakeOnlyTicker();
  private ConnectionPool pool;

  /** A full pool of {@code size} inert connections (no creator runs), timeout {@code timeout}. */
  private ConnectionPool pool(int size, Duration timeout) {
    PoolConfig config =
        PoolConfig.defaults("wake")
            .withSize(size, 0)
            .withTimeout(timeout)
            .withResetOnReturn(ResetOnReturn.NONE)
            .withHealth(PoolHealth.DEFAULT.withIdleTimeout(Duration.ZERO));
    pool = new ConnectionPool(config, PoolLincheckTest::inertConnection, ticker);
    for (int i = 0; i < size; i++) {
      assertThat(pool.reserveSlot()).isTrue();
      pool.added(PoolLincheckTest.inertConnection());
    }
    return pool;
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(WakeOnlyTicker.BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aReturnWakesTheWaiterAtOnceAndItParksUntilItsDeadline() throws Exception {
    ConnectionPool p = pool(1, Duration.ofSeconds(30));
    PoolEntry held = p.acquire();
    CompletableFuture<PoolEntry> waiter = CompletableFuture.supplyAsync(p::acquire);
    await(ticker.patientParked);
    p.giveBack(held);
    PoolEntry got = waiter.get(WakeOnlyTicker.BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(got).isSameAs(held);
    assertThat(ticker.unwoken).as("parks that no wake-up ended").hasValue(0);
    assertThat(ticker.parkNanos)
        .as("parks until the deadline, no periodic re-check")
        .containsOnly(Duration.ofSeconds(30).toNanos());
    p.giveBack(got);
  }

  /**
   * The lost wake-up: borrower A waits at the head of the queue and B behind it. A reaches its
   * deadline; just before A gives up, the connection comes back, and the return wakes A (the head)
   * to take it. A leaves without it. B must be woken in A's place, not left parked (until its
   * re-check, a second later, before the fix) beside an idle connection.
   */
  @Test
  void aWokenWaiterThatGivesUpPassesTheWakeUpOn() throws Exception {
    ConnectionPool p = pool(1, Duration.ofSeconds(1));
    PoolEntry held = p.acquire();
    CountDownLatch aParked = new CountDownLatch(1);
    CountDownLatch returnNow = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    ticker.atImpatientPark =
        () -> {
          aParked.countDown();
          await(ticker.patientParked); // B queues up behind A before A times out
        };
    ticker.afterImpatientPark =
        () -> { // A is past its park, not yet gone: the connection comes back now
          returnNow.countDown();
          await(returned);
        };
    CompletableFuture<Throwable> a = new CompletableFuture<>();
    Thread aThread =
        new Thread(
            () -> {
              try {
                p.giveBack(p.acquire());
                a.complete(null);
              } catch (Throwable t) {
                a.complete(t);
              }
            },
            "borrower A");
    ticker.impatient = aThread;
    aThread.start();
    await(aParked);
    CompletableFuture<PoolEntry> b = CompletableFuture.supplyAsync(p::acquire);
    await(returnNow);
    p.giveBack(held);
    returned.countDown();

    assertThat(a.get(WakeOnlyTicker.BOUND_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(PoolTimeoutException.class);
    PoolEntry got = b.get(2 * WakeOnlyTicker.BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(ticker.unwoken).as("B left parked beside an idle connection").hasValue(0);
    p.giveBack(got);
    assertThat(p.status().idle()).isEqualTo(1);
    assertThat(p.waitQueue.waiting()).isZero();
  }

  @Test
  void aBorrowerThatTimesOutWithNothingReturnedStillTimesOut() {
    ConnectionPool p = pool(1, Duration.ofSeconds(1));
    PoolEntry held = p.acquire();
    ticker.impatient = Thread.currentThread();
    assertThatThrownBy(p::acquire).isInstanceOf(PoolTimeoutException.class);
    ticker.impatient = null;
    p.giveBack(held);
    assertThat(p.waitQueue.waiting()).isZero();
  }
}
