package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.engine.LeakDetectors;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Leak detection, reclamation of dropped connections, and leaks in the disposal report. */
class EngineLeakTest {
  private final String name = "leaks-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final RecordingLogger log = new RecordingLogger();
  private Engine engine;

  private Engine engine(Duration threshold) {
    return engine(threshold, true);
  }

  private Engine engine(Duration threshold, boolean reclaim) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .option(Option.POOL_SIZE, 1)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(2))
            .option(Option.LEAK_DETECTION_THRESHOLD, threshold)
            .option(Option.RECLAIM_LEAKS, reclaim)
            .hooks(EngineHooks.DEFAULT.leakDetection(log, clock::get))
            .build();
    return engine;
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void aConnectionHeldTooLongIsReportedOnceWithItsStackAndItsReturnIsLogged() {
    Engine e = engine(Duration.ofSeconds(10));
    SqlConnection c = e.connect();
    LeakDetectors.checkNow(e.core().leakDetector());
    assertThat(log.lines).isEmpty();

    advance(Duration.ofMillis(12_300));
    LeakDetectors.checkNow(e.core().leakDetector());
    LeakDetectors.checkNow(e.core().leakDetector());
    assertThat(log.at(Level.WARN)).hasSize(1);
    String warn = log.at(Level.WARN).get(0);
    assertThat(warn)
        .startsWith(
            "WARN engine 'orders': connection #1 held for 12.3 s by thread '"
                + Thread.currentThread().getName()
                + "' (leakDetectionThreshold 10s); borrowed at:")
        .contains("borrowed here")
        .contains("aConnectionHeldTooLongIsReportedOnceWithItsStackAndItsReturnIsLogged");
    assertThat(LeakDetectors.timerScheduled(e.core().leakDetector())).isTrue();

    advance(Duration.ofMillis(2_700));
    c.close();
    assertThat(log.at(Level.INFO))
        .containsExactly(
            "INFO engine 'orders': connection #1 reported as leaked was returned after 15.0 s");
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
  }

  @Test
  void theWarningWritesAThresholdBelowASecondInMillisecondsAndAnOddOneInFull() {
    for (Duration threshold : new Duration[] {Duration.ofMillis(1_500), Duration.ofNanos(2_500)}) {
      log.lines.clear();
      Engine e = engine(threshold);
      try (SqlConnection c = e.connect()) {
        advance(Duration.ofSeconds(3));
        LeakDetectors.checkNow(e.core().leakDetector());
        assertThat(c.isClosed()).isFalse();
      }
      assertThat(log.at(Level.WARN))
          .singleElement()
          .asString()
          .contains(
              "(leakDetectionThreshold "
                  + (threshold.toNanos() == 2_500 ? "PT0.0000025S" : "1500ms")
                  + ")");
      e.close(Duration.ZERO);
      StubDatabase.reset(name);
    }
  }

  @Test
  void aConnectionClosedInTimeIsNeverReported() {
    Engine e = engine(Duration.ofSeconds(10));
    e.connect().close();
    advance(Duration.ofSeconds(60));
    LeakDetectors.checkNow(e.core().leakDetector());
    assertThat(log.lines).isEmpty();
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
  }

  @Test
  void closingThroughTheJdbcViewAlsoEndsTheWatch() throws Exception {
    Engine e = engine(Duration.ofSeconds(10));
    SqlConnection c = e.connect();
    advance(Duration.ofSeconds(11));
    LeakDetectors.checkNow(e.core().leakDetector());
    c.jdbc().close();
    assertThat(log.at(Level.INFO)).hasSize(1);
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
  }

  @Test
  void withDetectionOffNothingIsRecordedAndNoTimerIsScheduled() {
    Engine e = engine(Duration.ZERO);
    try (SqlConnection c = e.connect()) {
      assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
      assertThat(LeakDetectors.timerScheduled(e.core().leakDetector())).isFalse();
      advance(Duration.ofDays(1));
      LeakDetectors.checkNow(e.core().leakDetector());
      assertThat(c.isClosed()).isFalse();
    }
    assertThat(LeakDetectors.timerScheduled(e.core().leakDetector())).isFalse();
    assertThat(log.lines).isEmpty();
  }

  /** Borrows and drops the connection; the caller's frame is in the borrowing stack. */
  private void borrowAndDrop(Engine e) {
    SqlConnection c = e.connect();
    assertThat(c.isClosed()).isFalse();
  }

  /** Waits for {@code condition}, collecting garbage between looks (reclaiming needs a GC). */
  @Test
  void anUnreachableConnectionIsReclaimedWithItsBorrowingStack() {
    Engine e = engine(Duration.ofSeconds(10));
    borrowAndDrop(e);
    assertThat(db.liveConnections()).isEqualTo(1);
    Awaits.untilCollected("the leaked connection to be reclaimed", () -> db.liveConnections() == 0);
    Awaits.untilCollected("the warning", () -> !log.at(Level.WARN).isEmpty());
    String warn = log.at(Level.WARN).get(0);
    assertThat(warn)
        .startsWith("WARN engine 'orders': connection #1 borrowed by thread '")
        .contains("became unreachable without being closed")
        .contains("borrowAndDrop")
        .contains("anUnreachableConnectionIsReclaimedWithItsBorrowingStack")
        .doesNotContain("LeakDetector.checkout") // the stack starts at the caller
        .doesNotContain("Engine.connect");
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
    try (SqlConnection c = e.connect()) { // pool size 1: the slot was freed
      assertThat(c.isClosed()).isFalse();
    }
    assertThat(e.close(Duration.ZERO).leaked()).isEmpty();
  }

  @Test
  void withDetectionOffAnUnreachableConnectionIsStillReclaimed() {
    Engine e = engine(Duration.ZERO);
    borrowAndDrop(e);
    Awaits.untilCollected("the leaked connection to be reclaimed", () -> db.liveConnections() == 0);
    Awaits.untilCollected("the warning", () -> !log.at(Level.WARN).isEmpty());
    assertThat(log.at(Level.WARN).get(0))
        .contains("connection #1 borrowed by thread '" + Thread.currentThread().getName() + "'")
        .contains("enable leakDetectionThreshold to see where it was borrowed");
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
    }
  }

  @Test
  void withTheDefaultsTheFirstCheckoutStartsTheReclaimSweepAndCloseStopsIt() {
    Engine e = engine(Duration.ZERO);
    assertThat(LeakDetectors.sweepScheduled(e.core().leakDetector()))
        .as("no checkout yet: no sweep")
        .isFalse();
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
      assertThat(LeakDetectors.sweepScheduled(e.core().leakDetector())).isTrue();
      assertThat(LeakDetectors.tracked(e.core().leakDetector()))
          .as("no record per checkout")
          .isZero();
    }
    e.close(Duration.ZERO);
    assertThat(LeakDetectors.sweepScheduled(e.core().leakDetector())).isFalse();
  }

  @Test
  void withDetectionOnEveryBorrowIsWatchedAndThereIsNoSweep() {
    Engine e = engine(Duration.ofSeconds(10));
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
      assertThat(LeakDetectors.tracked(e.core().leakDetector())).isEqualTo(1);
      assertThat(LeakDetectors.sweepScheduled(e.core().leakDetector())).isFalse();
    }
  }

  @Test
  void withReclaimOffADroppedConnectionStaysOutUntilClose() {
    borrowAndDrop(engine(Duration.ZERO, false));
    for (int i = 0; i < 5; i++) {
      System.gc();
      LockSupport.parkNanos(20_000_000L);
    }
    assertThat(db.liveConnections()).as("not reclaimed").isEqualTo(1);
    assertThat(engine.status().inUse()).isEqualTo(1);
    DisposalReport r = engine.close(Duration.ZERO);
    assertThat(r.leaked())
        .singleElement()
        .asString()
        .isEqualTo("connection #1 borrowed by thread '" + Thread.currentThread().getName() + "'");
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void disposeAndCloseReturnOnlyOnceConnectionsArePhysicallyClosed() {
    StubDriver.register();
    db.closeFaults().setDelay(Duration.ofMillis(2)); // each close takes a while
    engine = Engine.builder(StubDriver.url(name)).option(Option.POOL_SIZE, 40).build();
    java.util.List<SqlConnection> fill = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fill.add(engine.connect());
    }
    fill.forEach(SqlConnection::close); // 40 idle; the fresh pool after dispose opens nothing
    assertThat(db.liveConnections()).isEqualTo(40);
    SqlConnection busy = engine.connect();
    engine.dispose();
    assertThat(db.liveConnections()).as("idle closed when dispose() returns").isEqualTo(1);
    Thread late =
        new Thread(
            () -> {
              LockSupport.parkNanos(50_000_000L);
              busy.close();
            });
    late.start();
    DisposalReport r = engine.close(Duration.ofSeconds(5));
    assertThat(r.returnedDuringGrace()).isEqualTo(1);
    assertThat(db.liveConnections()).as("all closed when close() returns").isZero();
  }

  @Test
  void closeWaitsForConnectionsOfPoolsReplacedByDispose() {
    Engine e = engine(Duration.ZERO);
    SqlConnection before = e.connect();
    e.dispose();
    SqlConnection after = e.connect();
    assertThat(db.liveConnections()).isEqualTo(2);
    Thread late =
        new Thread(
            () -> {
              LockSupport.parkNanos(50_000_000L);
              before.close(); // the old pool's connection comes back during the grace period
            });
    late.start();
    DisposalReport r = e.close(Duration.ofMillis(500));
    assertThat(r.returnedDuringGrace()).isEqualTo(1);
    assertThat(r.aborted()).isEqualTo(1);
    assertThat(db.liveConnections()).isZero();
    assertThat(after.isClosed()).isFalse(); // aborted under its borrower, who still has to close
  }

  @Test
  void closeAbortsConnectionsOfPoolsReplacedByDispose() {
    Engine e = engine(Duration.ZERO);
    SqlConnection before = e.connect();
    e.dispose();
    DisposalReport r = e.close(Duration.ZERO);
    assertThat(r.aborted()).isEqualTo(1);
    assertThat(r.leaked()).singleElement().asString().contains("connection #1");
    assertThat(db.liveConnections()).as("the old pool's connection").isZero();
    before.close();
  }

  @Test
  void aConnectionDroppedAfterDisposeIsStillReclaimed() {
    Engine e = engine(Duration.ZERO);
    borrowAndDisposeAndDrop(e);
    // nothing references the replaced pool now but the dropped connection's borrow
    Awaits.untilCollected("the leaked connection to be reclaimed", () -> db.liveConnections() == 0);
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
    }
  }

  private void borrowAndDisposeAndDrop(Engine e) {
    SqlConnection c = e.connect();
    e.dispose();
    assertThat(c.isClosed()).isFalse();
    assertThat(db.liveConnections()).isEqualTo(1);
  }

  @Test
  void theDisposalReportListsAbortedConnectionsWithTheirStacks() {
    Engine e = engine(Duration.ofSeconds(10));
    SqlConnection c = e.connect();
    DisposalReport r = e.close(Duration.ZERO);
    assertThat(r.aborted()).isEqualTo(1);
    assertThat(r.leaked()).hasSize(1);
    assertThat(r.leaked().get(0))
        .startsWith("connection #1 borrowed by thread '" + Thread.currentThread().getName() + "'\n")
        .contains("theDisposalReportListsAbortedConnectionsWithTheirStacks");
    c.close();
    assertThat(log.lines).isEmpty();
  }

  @Test
  void withDetectionOffTheDisposalReportNamesTheThread() {
    Engine e = engine(Duration.ZERO);
    SqlConnection c = e.connect(); // kept reachable: the cleaner must not reclaim it first
    DisposalReport r = e.close(Duration.ZERO);
    c.close();
    assertThat(r.leaked())
        .containsExactly(
            "connection #1 borrowed by thread '" + Thread.currentThread().getName() + "'");
  }
}
