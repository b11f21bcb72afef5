package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.PoolTimeoutException;
import dev.cistern.internal.jdbc.PoolFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The wait queue stays small and serves everyone, however many borrowers wait or give up. */
class WaitQueueTest {

  /** A clock that a park moves on by its full length at once: a timeout passes without waiting. */
  private static final class JumpingTicker implements Ticker {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void park(Object blocker, long nanos) {
      now.addAndGet(nanos);
      Thread.yield();
    }

    @Override
    public void unpark(Thread thread) {
      LockSupport.unpark(thread);
    }
  }

  @Test
  void waitersThatGiveUpDoNotPileUpInTheQueue() {
    try (PoolFixture f =
        new PoolFixture(
            PoolConfig.defaults("t").withSize(1, 0).withTimeout(Duration.ofMillis(1)),
            new JumpingTicker())) {
      PoolEntry held = null;
      while (held == null) { // the first connection opens in the background
        try {
          held = f.pool.acquire();
        } catch (PoolTimeoutException e) {
          Thread.onSpinWait();
        }
      }
      for (int i = 0; i < 2000; i++) {
        assertThatThrownBy(f.pool::acquire).isInstanceOf(PoolTimeoutException.class);
      }
      assertThat(f.pool.waitQueue.queued()).as("swept").isLessThanOrEqualTo(256);
      assertThat(f.pool.waitQueue.unserved()).isZero();
      assertThat(f.pool.waitQueue.waiting()).isZero();
      f.pool.giveBack(held);
      PoolEntry again = f.pool.acquire();
      f.pool.giveBack(again);
    }
  }

  @Test
  void fiveHundredWaitersOnTwoConnectionsAreAllServed() throws Exception {
    try (PoolFixture f =
        new PoolFixture(
            PoolConfig.defaults("t").withSize(2, 0).withTimeout(Duration.ofSeconds(30)))) {
      int threads = 500;
      int rounds = 20;
      AtomicInteger served = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                      PoolEntry e = f.pool.acquire();
                      served.incrementAndGet();
                      f.pool.giveBack(e);
                    }
                  } catch (Exception | Error e) {
                    failures.incrementAndGet();
                  }
                });
        th.start();
        all.add(th);
      }
      start.countDown();
      for (Thread th : all) {
        th.join(60_000);
      }
      assertThat(failures).hasValue(0);
      assertThat(served).hasValue(threads * rounds);
      assertThat(f.pool.waitQueue.unserved()).isZero();
      assertThat(f.pool.status().inUse()).isZero();
      assertThat(f.db.openedTotal()).isBetween(1L, 2L); // never more than the pool allows
    }
  }
}
