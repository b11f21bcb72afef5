package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many threads borrow and return connections of a small pool on the stub driver as fast as they
 * can. Each entry has a holder cell that a borrower claims with a CAS right after acquire and
 * clears right before giving it back: a failed claim means two borrowers hold one connection. At
 * the end every cycle must be accounted for and every connection back in the pool, none lost and
 * none leaked; after close, none left open.
 */
@Tag("slow")
class PoolStressTest {
  private static final long TOTAL_CYCLES = 2_000_000;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void resetDatabases() {
    databases.forEach(StubDatabase::reset);
  }

  private StubDatabase database(String name) {
    StubDatabase.reset(name);
    databases.add(name);
    return StubDatabase.named(name);
  }

  /** What a run did. */
  record Outcome(
      long cycles,
      long doubleHolds,
      long timeouts,
      long errors,
      boolean deadlineHit,
      double rate) {}

  /**
   * Runs {@code threads} threads, each doing {@code cycles} acquire → claim → clear → giveBack
   * cycles or stopping at the deadline.
   */
  private static Outcome hammer(
      ConnectionPool pool,
      int threads,
      long cycles,
      Function<PoolEntry, AtomicReference<Thread>> holderOf) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    AtomicLong done = new AtomicLong();
    AtomicLong doubleHolds = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicInteger stoppedEarly = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] perThread = new long[threads];
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread w =
          new Thread(
              () -> {
                Thread me = Thread.currentThread();
                long mine = 0;
                try {
                  start.await();
                  for (long i = 0; i < cycles; i++) {
                    if ((i & 1023) == 0 && System.nanoTime() - deadline > 0) {
                      stoppedEarly.incrementAndGet();
                      break;
                    }
                    PoolEntry e;
                    try {
                      e = pool.acquire();
                    } catch (PoolTimeoutException timeout) {
                      timeouts.incrementAndGet();
                      continue;
                    }
                    AtomicReference<Thread> holder = holderOf.apply(e);
                    if (!holder.compareAndSet(null, me)) {
                      doubleHolds.incrementAndGet();
                    } else {
                      if ((i & 7) == 0) {
                        Thread.yield(); // hold it a little, now and then: the pool runs short
                      }
                      holder.set(null);
                    }
                    pool.giveBack(e);
                    mine++;
                  }
                } catch (InterruptedException | RuntimeException ex) {
                  errors.incrementAndGet();
                } finally {
                  perThread[index] = mine;
                  done.addAndGet(mine);
                }
              },
              "stress-" + t);
      workers.add(w);
      w.start();
    }
    long began = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      try {
        w.join(DEADLINE.toMillis() + 30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      assertThat(w.isAlive()).as("%s still running", w.getName()).isFalse();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long sum = 0;
    for (long n : perThread) {
      sum += n;
    }
    assertThat(sum).as("per-thread cycles add up").isEqualTo(done.get());
    Outcome o =
        new Outcome(
            done.get(),
            doubleHolds.get(),
            timeouts.get(),
            errors.get(),
            stoppedEarly.get() > 0,
            done.get() / seconds);
    System.out.printf(
        "%s: %d threads, %d cycles in %.2f s = %.0f cycles/s%s%n",
        pool.config().name(),
        threads,
        o.cycles(),
        seconds,
        o.rate(),
        o.deadlineHit() ? " (deadline hit)" : "");
    return o;
  }

  private static ConnectionPool filledPool(PoolConfig config, StubDatabase db, int n)
      throws SQLException {
    ConnectionPool pool = new ConnectionPool(config, db::connect, Ticker.SYSTEM);
    for (int i = 0; i < n; i++) {
      assertThat(pool.reserveSlot()).isTrue();
      pool.added(db.connect());
    }
    assertThat(pool.status().idle()).isEqualTo(n);
    return pool;
  }

  /** Waits up to 5 s, without sleeping, for {@code condition} to hold. */
  private static boolean eventually(IntSupplier value, int atMost) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (value.getAsInt() > atMost) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return true;
  }

  private void fixedPool(String name, boolean lifo) throws SQLException {
    StubDatabase db = database(name);
    PoolConfig config =
        PoolConfig.defaults(name).withSize(4, 0).withTimeout(Duration.ofSeconds(30)).withLifo(lifo);
    ConnectionPool pool = filledPool(config, db, 4);
    Map<PoolEntry, AtomicReference<Thread>> holders = new IdentityHashMap<>();
    for (PoolEntry e : pool.entries()) {
      holders.put(e, new AtomicReference<>());
    }
    int threads = 32;
    Outcome o =
        hammer(
            pool,
            threads,
            TOTAL_CYCLES / threads,
            e -> {
              AtomicReference<Thread> h = holders.get(e);
              if (h == null) {
                throw new AssertionError("unknown entry " + e);
              }
              return h;
            });

    assertThat(o.doubleHolds()).as("double holds").isZero();
    assertThat(o.timeouts()).as("timeouts").isZero();
    assertThat(o.errors()).as("errors").isZero();
    if (!o.deadlineHit()) {
      assertThat(o.cycles()).isEqualTo(TOTAL_CYCLES);
    }
    assertThat(o.cycles()).as("cycles done by the deadline").isGreaterThanOrEqualTo(200_000);
    PoolStatus s = pool.status();
    assertThat(s.size()).isEqualTo(4);
    assertThat(s.idle()).isEqualTo(4);
    assertThat(s.inUse()).isZero();
    assertThat(s.waiting()).isZero();
    assertThat(db.liveConnections()).isEqualTo(4);
    assertThat(db.openedTotal()).as("no connection opened beyond the pool's 4").isEqualTo(4);

    pool.close();
    assertThat(eventually(db::liveConnections, 0))
        .as("connections closed after close(): %d live", db.liveConnections())
        .isTrue();
  }

  @Test
  void thirtyTwoThreadsOnFourConnectionsFifo() throws SQLException {
    fixedPool("stress-fifo", false);
  }

  @Test
  void thirtyTwoThreadsOnFourConnectionsLifo() throws SQLException {
    fixedPool("stress-lifo", true);
  }

  @Test
  void overflowConnectionsComeAndGo() throws SQLException {
    overflow("stress-overflow", false);
  }

  /**
   * The same load, counting open physical connections at the stub. A retired connection still
   * counts against the maximum until it is really closed, so the server never sees more than
   * poolSize + maxOverflow.
   */
  @Test
  void openConnectionsNeverExceedTheMaximum() throws SQLException {
    overflow("stress-overflow-live", true);
  }

  private void overflow(String name, boolean checkLive) throws SQLException {
    StubDatabase db = database(name);
    PoolConfig config =
        PoolConfig.defaults(name).withSize(2, 2).withTimeout(Duration.ofSeconds(30));
    ConnectionPool pool = filledPool(config, db, 2);
    Map<Long, AtomicReference<Thread>> holders = new ConcurrentHashMap<>();
    AtomicInteger maxLive = new AtomicInteger();
    AtomicInteger maxSize = new AtomicInteger();
    Thread monitor =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                maxLive.accumulateAndGet(db.liveConnections(), Math::max);
                maxSize.accumulateAndGet(pool.status().size(), Math::max);
                LockSupport.parkNanos(50_000);
              }
            },
            "stress-monitor");
    monitor.setDaemon(true);
    monitor.start();
    Outcome o;
    try {
      o =
          hammer(
              pool, 8, 50_000, e -> holders.computeIfAbsent(e.id(), id -> new AtomicReference<>()));
    } finally {
      monitor.interrupt();
    }
    try {
      monitor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }

    System.out.printf(
        "%s: at most %d live, pool size at most %d%n", name, maxLive.get(), maxSize.get());
    assertThat(o.doubleHolds()).as("double holds").isZero();
    assertThat(o.timeouts()).as("timeouts").isZero();
    assertThat(o.errors()).as("errors").isZero();
    assertThat(o.cycles()).isGreaterThanOrEqualTo(o.deadlineHit() ? 50_000 : 8 * 50_000);
    assertThat(maxSize.get()).as("pool size never above 2 + 2").isLessThanOrEqualTo(4);
    if (checkLive) {
      assertThat(maxLive.get()).as("live connections never above 2 + 2").isLessThanOrEqualTo(4);
    }
    assertThat(db.openedTotal()).as("overflow connections were opened").isGreaterThan(2);
    PoolStatus s = pool.status();
    assertThat(s.inUse()).isZero();
    assertThat(s.waiting()).isZero();
    assertThat(s.idle()).isEqualTo(s.size());
    assertThat(eventually(db::liveConnections, 2))
        .as("overflow connections closed after the load: %s, %d live", s, db.liveConnections())
        .isTrue();
    assertThat(pool.status().size()).isLessThanOrEqualTo(2);

    pool.close();
    assertThat(eventually(db::liveConnections, 0))
        .as("connections closed after close(): %d live", db.liveConnections())
        .isTrue();
  }
}
