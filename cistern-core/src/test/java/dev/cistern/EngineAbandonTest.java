package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.engine.LeakDetectors;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * {@code abandonTimeout}: a connection borrowed for longer is aborted and its slot freed, without a
 * garbage collection; its borrower learns why at its next call. The leak detector's clock is moved
 * by hand and its check run directly; only the abort runs on a thread of its own.
 */
class EngineAbandonTest {
  private final String name = "abandon-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final RecordingLogger log = new RecordingLogger();
  private Engine engine;

  private Engine engine(PoolClass kind, Duration abandon, Duration leakThreshold) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .option(Option.POOL_CLASS, kind)
            .option(Option.POOL_SIZE, 1)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(5))
            .option(Option.ABANDON_TIMEOUT, abandon)
            .option(Option.LEAK_DETECTION_THRESHOLD, leakThreshold)
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

  private void check() {
    LeakDetectors.checkNow(engine.core().leakDetector());
  }

  @ParameterizedTest
  @EnumSource(
      value = PoolClass.class,
      names = {"QUEUE", "NULL", "ASSERTION"})
  void aConnectionHeldPastTheTimeoutIsAbortedItsSlotFreedAndItsBorrowerToldWhy(PoolClass kind)
      throws Exception {
    Engine e = engine(kind, Duration.ofSeconds(30), Duration.ZERO);
    SqlConnection held = e.connect(); // referenced to the end: no GC can reclaim it
    Connection jdbc = held.jdbc();
    advance(Duration.ofSeconds(30));
    check();
    assertThat(db.abortedTotal()).as("at the timeout, not past it").isZero();

    advance(Duration.ofMillis(1_500));
    check();
    await("the abort").until(() -> db.abortedTotal() == 1 && db.liveConnections() == 0);
    await("the slot").until(() -> e.status().inUse() == 0);
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .startsWith(
            "WARN engine 'orders': connection #1 borrowed by thread '"
                + Thread.currentThread().getName()
                + "' was held for 31.5 s, longer than abandonTimeout 30s; the engine aborted it")
        .contains("enable leakDetectionThreshold to see where it was borrowed");

    // the pool of one can lend again at once, without a GC
    try (SqlConnection next = e.connect()) {
      assertThat(next.jdbc().isValid(1)).isTrue();
    }

    // the borrower's next call fails, saying why, however it calls
    assertThatThrownBy(() -> jdbc.createStatement().execute("select 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("longer than abandonTimeout 30s")
        .satisfies(t -> assertThat(((SQLException) t).getSQLState()).isEqualTo("08003"));
    assertThatThrownBy(jdbc::getAutoCommit)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("abandonTimeout");
    assertThat(jdbc.isValid(1)).isFalse();
    held.close(); // harmless, and gives nothing back twice
    assertThat(e.status().inUse()).isZero();
    DisposalReport r = e.close(Duration.ZERO);
    assertThat(r.leaked()).isEmpty();
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void aStatementRunningOnTheAbandonedConnectionFailsWithTheReason() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ofSeconds(1), Duration.ZERO);
    SqlConnection held = e.connect();
    Statement st = held.jdbc().createStatement();
    advance(Duration.ofSeconds(2));
    check();
    await().until(() -> db.abortedTotal() == 1);
    assertThatThrownBy(() -> st.executeQuery("select 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("abandonTimeout 1s");
    held.close();
  }

  @Test
  void withLeakDetectionTheWarningHasTheBorrowingStackAndNoHeldTooLongLineFollows() {
    Engine e = engine(PoolClass.QUEUE, Duration.ofSeconds(20), Duration.ofSeconds(10));
    SqlConnection held = e.connect();
    advance(Duration.ofSeconds(11));
    check();
    assertThat(log.at(Level.WARN)).singleElement().asString().contains("leakDetectionThreshold");
    advance(Duration.ofSeconds(10));
    check();
    check();
    await().until(() -> db.abortedTotal() == 1);
    assertThat(log.at(Level.WARN)).hasSize(2);
    assertThat(log.at(Level.WARN).get(1))
        .contains("longer than abandonTimeout 20s")
        .contains("borrowed at:")
        .contains("withLeakDetectionTheWarningHasTheBorrowingStackAndNoHeldTooLongLineFollows");
    held.close();
  }

  @Test
  void aConnectionReturnedInTimeIsNeverAbortedAndTheWatchEnds() {
    Engine e = engine(PoolClass.QUEUE, Duration.ofSeconds(5), Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      try (SqlConnection c = e.connect()) {
        advance(Duration.ofSeconds(4));
        check();
        assertThat(c.isClosed()).isFalse();
      }
    }
    advance(Duration.ofHours(1));
    check();
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isZero();
    assertThat(db.abortedTotal()).isZero();
    assertThat(log.lines).isEmpty();
  }

  @Test
  void offByDefaultNothingIsWatched() {
    StubDriver.register();
    engine = Engine.builder(StubDriver.url(name)).build();
    assertThat(engine.option(Option.ABANDON_TIMEOUT)).isZero();
    SqlConnection c = engine.connect();
    assertThat(LeakDetectors.tracked(engine.core().leakDetector())).isZero();
    assertThat(LeakDetectors.timerScheduled(engine.core().leakDetector())).isFalse();
    c.close();
  }

  @Test
  void aHugeTimeoutNeverAbortsAndDoesNotOverflow() {
    Engine e = engine(PoolClass.QUEUE, ChronoUnit.FOREVER.getDuration(), Duration.ZERO);
    SqlConnection c = e.connect();
    advance(Duration.ofDays(365 * 200));
    check();
    assertThat(db.abortedTotal()).isZero();
    assertThat(LeakDetectors.tracked(e.core().leakDetector())).isOne();
    c.close();
  }

  @Test
  void manyLeaksAreAllAbortedAndThePoolKeepsLending() {
    Engine e = engine(PoolClass.QUEUE, Duration.ofSeconds(1), Duration.ZERO);
    List<SqlConnection> leaked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      leaked.add(e.connect()); // never closed, still referenced
      advance(Duration.ofSeconds(2));
      check();
      await().until(() -> e.status().inUse() == 0);
    }
    await().until(() -> db.abortedTotal() == 20 && db.liveConnections() == 0);
    assertThat(log.at(Level.WARN)).hasSize(20);
    assertThat(leaked).allSatisfy(c -> assertThat(c.jdbc().isValid(1)).isFalse());
  }

  @ParameterizedTest
  @EnumSource(
      value = PoolClass.class,
      names = {"STATIC", "SINGLETON_THREAD"})
  void isRefusedForPoolKindsThatShareAConnection(PoolClass kind) {
    StubDriver.register();
    assertThatThrownBy(
            () ->
                Engine.builder(StubDriver.url(name))
                    .option(Option.POOL_CLASS, kind)
                    .option(Option.ABANDON_TIMEOUT, Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("abandonTimeout=30s")
        .hasMessageContaining("poolClass=" + kind)
        .hasMessageContaining("use poolClass=QUEUE");
    assertThat(db.openedTotal()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "abc", "10 parsecs"})
  void aBadValueInTheUrlIsRefusedNamingIt(String value) {
    assertThatThrownBy(() -> DatabaseUrl.parse("h2:mem:x?abandonTimeout=" + value))
        .hasMessageContaining("abandonTimeout");
  }

  @Test
  void theUrlAndTheOptionTextTakeIt() {
    StubDriver.register();
    engine = Engine.builder(StubDriver.url(name)).optionText(Option.ABANDON_TIMEOUT, "2m").build();
    assertThat(engine.option(Option.ABANDON_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
    assertThat(DatabaseUrl.parse("h2:mem:x?abandonTimeout=90s").toString())
        .contains("abandonTimeout=90s");
  }
}
