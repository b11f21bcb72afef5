package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cistern.CannotConnectException;
import dev.cistern.CisternException;
import dev.cistern.PoolTimeoutException;
import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The borrow path of the queue pool (issue 13): a connection the driver opened is adopted or closed
 * (defect 4), one deadline per borrow (5), connect errors that retrying cannot fix fail the waiters
 * at once (8), and poolTimeout 0 (9). Stub driver; a fake clock where time matters.
 */
class BorrowPathTest {
  private static final long SECOND = 1_000_000_000L;

  private final StubDatabase db = StubDatabase.named("borrow-" + System.nanoTime());
  private final FakeTicker ticker = new FakeTicker();
  private final List<ConnectionPool> pools = new ArrayList<>();

  private ConnectionPool pool(PoolConfig config, Ticker t, PoolSupport support) {
    ConnectionPool p = new ConnectionPool(config, db::connect, t, support);
    pools.add(p);
    return p;
  }

  private ConnectionPool pool(PoolConfig config, Ticker t) {
    return pool(config, t, PoolSupport.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    pools.forEach(ConnectionPool::close);
    StubDatabase.reset(db.name()); // releases a creator hung in connect
  }

  // ---- defect 4: adopted or closed, counters exact ----

  @Test
  void aConnectionThatFailsAdoptionIsClosedAndTheCountsStayExact() {
    ConnectionPool p = pool(PoolConfig.defaults("adopt").withSize(2, 0), Ticker.SYSTEM);
    p.beforeAdoption =
        e -> {
          p.beforeAdoption = null; // only the first one
          throw new IllegalStateException("injected between open and adoption");
        };
    long start = System.nanoTime();
    CannotConnectException e = catchThrowableOfType(CannotConnectException.class, p::acquire);
    assertThat(e).hasMessageContaining("injected between open and adoption");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    await("the unadopted connection closed")
        .untilAsserted(() -> assertThat(db.closedTotal() == 1).as(() -> db + " " + p).isTrue());
    assertThat(db.liveConnectionsList()).noneMatch(c -> c.id() == 1);
    // an opening started for the failed borrower meanwhile may have gone idle: nothing else
    await("the pool and the server agree")
        .untilAsserted(
            () ->
                assertThat(p.creator().pending() == 0 && db.liveConnections() == p.status().size())
                    .as(() -> db + " " + p)
                    .isTrue());
    assertThat(p.status().inUse()).as("no phantom in use").isZero();
    assertThat(db.openedTotal()).as("no retry loop").isLessThanOrEqualTo(3);

    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    assertThat(p.status()).extracting("size", "inUse").containsExactly(2, 2);
    assertThat(db.liveConnections()).as("the maximum holds").isEqualTo(2);
    p.giveBack(a);
    p.giveBack(b);
    p.close();
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void aHugeRecycleNeverOrphansAConnection() {
    // A real injection point (issue 13, defect 3): a recycle beyond ~292 years overflowed while
    // adopting. Whether the borrow works or fails, nothing may stay open after close.
    ConnectionPool p =
        pool(
            PoolConfig.defaults("recycle")
                .withSize(1, 0)
                .withTimeout(Duration.ofSeconds(5))
                .withHealth(PoolHealth.DEFAULT.withRecycle(Duration.ofSeconds(Long.MAX_VALUE))),
            ticker);
    Throwable t = catchThrowable(() -> p.giveBack(p.acquire()));
    if (t != null) { // refused at adoption: the borrower hears why, at once
      assertThat(t).isInstanceOf(CannotConnectException.class);
    }
    p.close();
    await("every stub connection closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 0).as(db::toString).isTrue());
    assertThat(db.openedTotal()).isLessThanOrEqualTo(1);
  }

  // ---- defect 5: one deadline per borrow ----

  @Test
  void aPrePingGetsOnlyWhatIsLeftOfTheBorrowsDeadline() {
    List<Duration> pingLimits = new CopyOnWriteArrayList<>();
    List<Long> pingTimes = new CopyOnWriteArrayList<>();
    PoolSupport recordingPings =
        new PoolSupport(
            (c, limit) -> {
              pingLimits.add(limit);
              pingTimes.add(ticker.nanoTime());
              return true;
            },
            PoolSupport.DEFAULT.disconnect(),
            PoolListener.NONE);
    ConnectionPool p =
        pool(
            PoolConfig.defaults("ping-left")
                .withSize(1, 0)
                .withTimeout(Duration.ofSeconds(5))
                .withHealth(PoolHealth.DEFAULT.withPrePing(true)),
            ticker,
            recordingPings);
    ticker.beforeBorrowerPark(() -> awaitOpenings(p));
    PoolEntry held = p.acquire();
    java.util.concurrent.atomic.AtomicInteger parks =
        new java.util.concurrent.atomic.AtomicInteger();
    ticker.beforeBorrowerPark(
        () -> {
          if (parks.incrementAndGet() == 3) {
            p.giveBack(held); // after about 3 s of the borrower's 5 s
          }
        });
    long start = ticker.nanoTime();
    PoolEntry got = p.acquire();
    assertThat(got).isSameAs(held);
    assertThat(pingLimits).hasSize(1);
    long waited = pingTimes.get(0) - start;
    assertThat(waited).as("it waited").isGreaterThan(SECOND);
    assertThat(pingLimits.get(0)).isEqualTo(Duration.ofNanos(5 * SECOND - waited));
    p.giveBack(got);
  }

  /** Waits (real time, bounded) until no opening is under way. */
  private static void awaitOpenings(ConnectionPool p) {
    long deadline = System.nanoTime() + 5 * SECOND;
    while (p.creator().pending() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aFailedPrePingAndTheWaitAfterItShareOneDeadline() {
    List<Duration> pingLimits = new CopyOnWriteArrayList<>();
    PoolSupport slowDeadPings =
        new PoolSupport(
            (c, limit) -> {
              pingLimits.add(limit);
              ticker.advance(Math.min(3 * SECOND, limit.toNanos())); // a black-holed server
              return false;
            },
            PoolSupport.DEFAULT.disconnect(),
            PoolListener.NONE);
    ConnectionPool p =
        pool(
            PoolConfig.defaults("deadline")
                .withSize(2, 0)
                .withTimeout(Duration.ofSeconds(5))
                .withHealth(PoolHealth.DEFAULT.withPrePing(true)),
            ticker,
            slowDeadPings);
    // the fake clock races the creator: let each borrower park wait for the opening to finish
    ticker.beforeBorrowerPark(() -> awaitOpenings(p));
    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    p.giveBack(a);
    p.giveBack(b);
    ticker.beforeBorrowerPark(() -> {});
    ticker.advance(10 * SECOND); // past the pre-ping bypass
    db.connectFaults().setHang(true); // replacements never come

    long start = ticker.nanoTime();
    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, p::acquire);
    long took = ticker.nanoTime() - start;

    assertThat(e).as("timed out").isNotNull();
    // the first ping took 3 s and failed (and marked the other connection stale, replaced
    // without a ping): the wait for a replacement gets the 2 s left, not a fresh 5 s
    assertThat(pingLimits).containsExactly(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(took)).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  // ---- defect 8: connect errors ----

  @Test
  void aPermanentConnectErrorFailsEveryWaiterAtOnceWithTheReason() throws Exception {
    db.connectFaults().setSqlState("28000"); // invalid authorization
    db.connectFaults().setFail(true);
    ConnectionPool p =
        pool(PoolConfig.defaults("auth").withTimeout(Duration.ofSeconds(10)), Ticker.SYSTEM);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      long start = System.nanoTime();
      List<Future<PoolEntry>> borrows = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        borrows.add(threads.submit(p::acquire));
      }
      for (Future<PoolEntry> f : borrows) {
        Throwable t = catchThrowable(() -> f.get(10, TimeUnit.SECONDS)).getCause();
        assertThat(t)
            .isInstanceOf(CannotConnectException.class)
            .hasMessageStartingWith("pool 'auth' cannot open connections: ")
            .hasMessageContaining("connect failure injected by stub database")
            .hasMessageContaining("28000")
            .hasMessageNotContaining("exhausted");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    } finally {
      threads.shutdownNow();
    }
    assertThat(p.status()).extracting("size", "waiting").containsExactly(0, 0);
    long attempts = db.connectAttempts();
    db.connectFaults().clear(); // the password was fixed: the next borrower tries again
    p.giveBack(p.acquire());
    assertThat(db.connectAttempts()).isEqualTo(attempts + 1);
  }

  @Test
  void aTransientConnectErrorTimesOutSayingThePoolCannotOpenConnections() {
    db.connectFaults().setFail(true); // 08001: the server may come back
    ConnectionPool p = pool(PoolConfig.defaults("down").withTimeout(Duration.ofSeconds(5)), ticker);
    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, p::acquire);
    assertThat(e)
        .hasMessageStartingWith("pool 'down' cannot open connections for 5 s: ")
        .hasMessageContaining("connect failure injected by stub database")
        .hasMessageNotContaining("exhausted");
    assertThat(db.connectAttempts()).as("retried with back-off").isGreaterThan(1);
  }

  @Test
  void aRuntimeExceptionFromTheFactoryIsPermanent() {
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults("rt").withTimeout(Duration.ofSeconds(10)),
            () -> {
              throw new IllegalArgumentException("bad driver property 'sslmode=maybe'");
            },
            Ticker.SYSTEM);
    pools.add(p);
    long start = System.nanoTime();
    assertThat(catchThrowable(p::acquire))
        .isInstanceOf(CannotConnectException.class)
        .hasMessageContaining("bad driver property 'sslmode=maybe'");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  // ---- defect 9: poolTimeout 0 ----

  @Test
  void withTimeoutZeroABorrowerWaitsForTheOpeningItCaused() {
    ConnectionPool p =
        pool(PoolConfig.defaults("zero").withSize(1, 1).withTimeout(Duration.ZERO), Ticker.SYSTEM);
    PoolEntry a = p.acquire(); // empty pool: not "exhausted", it opens one
    PoolEntry b = p.acquire(); // overflow allowed: opens another
    assertThat(p.status()).extracting("size", "inUse").containsExactly(2, 2);
    long start = System.nanoTime();
    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, p::acquire);
    assertThat(e).as("at the maximum with nothing idle: at once").hasMessageContaining("exhausted");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    p.giveBack(a);
    p.giveBack(p.acquire()); // below the maximum again: served, idle or newly opened
    p.giveBack(b);
  }

  @Test
  void withTimeoutZeroAFailedOpeningFailsItsBorrowerAtOnce() {
    db.connectFaults().setFail(true); // transient: no time to retry with timeout 0
    ConnectionPool p =
        pool(PoolConfig.defaults("zero-down").withTimeout(Duration.ZERO), Ticker.SYSTEM);
    long start = System.nanoTime();
    assertThat(catchThrowable(p::acquire))
        .isInstanceOf(PoolTimeoutException.class)
        .hasMessageContaining("cannot open connections")
        .hasMessageContaining("connect failure injected by stub database")
        .hasMessageNotContaining("exhausted");
    db.connectFaults().setSqlState("3D000"); // unknown database
    assertThat(catchThrowable(p::acquire))
        .isInstanceOf(CannotConnectException.class)
        .hasMessageContaining("3D000");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(catchThrowable(p::acquire)).isInstanceOf(CisternException.class);
  }
}
