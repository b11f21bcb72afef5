package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.engine.LeakDetectors;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine-level events (acquired, acquireTimeout, connectAttempt, leak, engineClosed) and
 * listeners added and removed while the engine runs, on the stub driver.
 */
class EngineObservationEventsTest {
  private final String name = "observe-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final RecordingLogger log = new RecordingLogger();
  private Engine engine;

  /** Every event as a line: "acquired #1", "connectAttempt ok", "leak HELD_TOO_LONG #1", ... */
  static final class Recording implements EngineListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Object> payloads = new CopyOnWriteArrayList<>();

    @Override
    public void firstConnect(ConnectionEvent e) {
      events.add("firstConnect #" + e.connectionId());
    }

    @Override
    public void connect(ConnectionEvent e) {
      events.add("connect #" + e.connectionId());
    }

    @Override
    public void checkout(ConnectionEvent e) {
      events.add("checkout #" + e.connectionId());
    }

    @Override
    public void checkin(ConnectionEvent e) {
      events.add("checkin #" + e.connectionId());
    }

    @Override
    public void acquired(ConnectionEvent e, long waitNanos) {
      assertThat(waitNanos).isNotNegative();
      assertThat(e.connection()).isNotNull();
      events.add("acquired #" + e.connectionId());
    }

    @Override
    public void acquireTimeout(String engineName, PoolTimeoutException e) {
      events.add("acquireTimeout " + engineName);
      payloads.add(e);
    }

    @Override
    public void connectAttempt(String engineName, long elapsedNanos, Throwable failure) {
      assertThat(elapsedNanos).isNotNegative();
      events.add("connectAttempt " + (failure == null ? "ok" : "failed"));
      if (failure != null) {
        payloads.add(failure);
      }
    }

    @Override
    public void leak(LeakEvent e) {
      events.add("leak " + e.kind() + " #" + e.connectionId());
      payloads.add(e);
    }

    @Override
    public void engineClosed(DisposalReport report) {
      events.add("engineClosed " + report.engineName());
      payloads.add(report);
    }
  }

  private Engine engine(PoolClass kind, Duration leakThreshold, Duration abandon) {
    return engine(kind, leakThreshold, abandon, Duration.ofSeconds(10));
  }

  private Engine engine(
      PoolClass kind, Duration leakThreshold, Duration abandon, Duration poolTimeout) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .option(Option.POOL_CLASS, kind)
            .option(Option.POOL_SIZE, 1)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.POOL_TIMEOUT, poolTimeout)
            .option(Option.LEAK_DETECTION_THRESHOLD, leakThreshold)
            .option(Option.ABANDON_TIMEOUT, abandon)
            .hooks(EngineHooks.DEFAULT.leakDetection(log, clock::get))
            .build();
    return engine;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void everyPoolKindTellsTheConnectAttemptAndTheAcquire(PoolClass kind) throws Exception {
    Engine e = engine(kind, Duration.ZERO, Duration.ZERO);
    Recording r = new Recording();
    e.addListener(r);
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events)
        .as("%s", kind)
        .startsWith("connectAttempt ok", "firstConnect #1", "connect #1", "checkout #1")
        .contains("acquired #1", "checkin #1");
    assertThat(r.events.indexOf("acquired #1")).isGreaterThan(r.events.indexOf("checkout #1"));
  }

  @Test
  void aListenerAddedLaterHearsFromThenOn_andRemovedHearsNothingMore() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO);
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    Recording r = new Recording();
    e.addListener(r);
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events).containsExactly("checkout #1", "acquired #1", "checkin #1");

    e.dispose(); // the fresh pool dispatches to the same listeners
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events)
        .containsSequence(
            "connectAttempt ok",
            "firstConnect #1",
            "connect #1",
            "checkout #1",
            "acquired #1",
            "checkin #1");

    assertThat(e.removeListener(r)).isTrue();
    assertThat(e.removeListener(r)).as("the second removal").isFalse();
    int heard = r.events.size();
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events).hasSize(heard);
    assertThatThrownBy(() -> e.addListener(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aListenerAddedAfterTheFirstConnectionIsNotToldOfAFirstConnectLater() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO);
    SqlConnection first = e.connect();
    Recording r = new Recording();
    e.addListener(r);
    first.invalidate();
    first.close();
    try (SqlConnection c = e.connect()) { // a second connection of the same pool
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events).contains("connect #2").doesNotContain("firstConnect #2");
  }

  @Test
  void aTimeoutIsToldWithTheExceptionTheBorrowerGets() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO, Duration.ofMillis(200));
    Recording r = new Recording();
    e.addListener(r);
    try (SqlConnection held = e.connect()) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(e::connect);
      assertThat(thrown).isInstanceOf(PoolTimeoutException.class);
      assertThat(r.payloads).contains(thrown);
      assertThat(r.events).containsOnlyOnce("acquireTimeout orders");
      assertThat(held.isClosed()).isFalse();
    }
  }

  @Test
  void aFailedConnectIsToldWithTheDriversError() throws Exception {
    StubDriver.register();
    db.failNextConnects(1);
    Engine e = engine(PoolClass.NULL, Duration.ZERO, Duration.ZERO);
    Recording r = new Recording();
    e.addListener(r);
    assertThatThrownBy(e::connect).isInstanceOf(CisternException.class);
    assertThat(r.events).contains("connectAttempt failed").doesNotContain("acquired #1");
    assertThat(r.payloads).anySatisfy(p -> assertThat(p).isInstanceOf(java.sql.SQLException.class));
  }

  @Test
  void aConnectionHeldTooLongIsToldOnceWithItsStack() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ofSeconds(10), Duration.ZERO);
    Recording r = new Recording();
    e.addListener(r);
    SqlConnection c = e.connect();
    clock.addAndGet(Duration.ofSeconds(11).toNanos());
    LeakDetectors.checkNow(e.core().leakDetector());
    LeakDetectors.checkNow(e.core().leakDetector());
    assertThat(r.events).containsOnlyOnce("leak HELD_TOO_LONG #1");
    LeakEvent leak = (LeakEvent) r.payloads.get(0);
    assertThat(leak.engineName()).isEqualTo("orders");
    assertThat(leak.threadName()).isEqualTo(Thread.currentThread().getName());
    assertThat(leak.heldNanos()).isEqualTo(Duration.ofSeconds(11).toNanos());
    assertThat(leak.borrowedAt()).isNotNull();
    c.close();
  }

  @Test
  void anAbandonedConnectionIsTold() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ofSeconds(30));
    Recording r = new Recording();
    e.addListener(r);
    SqlConnection held = e.connect(); // referenced to the end: no GC can reclaim it
    clock.addAndGet(Duration.ofSeconds(31).toNanos());
    LeakDetectors.checkNow(e.core().leakDetector());
    await().until(() -> r.events.contains("leak ABANDONED #1"));
    LeakEvent leak = (LeakEvent) r.payloads.get(0);
    assertThat(leak.heldNanos()).isEqualTo(Duration.ofSeconds(31).toNanos());
    assertThat(leak.borrowedAt()).as("no leakDetectionThreshold").isNull();
    assertThat(held.isClosed()).isFalse();
  }

  @Test
  void aDroppedConnectionIsToldAsReclaimedWithoutAHoldTime() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO);
    Recording r = new Recording();
    e.addListener(r);
    borrowAndDrop(e);
    Awaits.untilCollected("the reclaim", () -> r.events.contains("leak RECLAIMED #1"));
    LeakEvent leak =
        r.payloads.stream()
            .filter(LeakEvent.class::isInstance)
            .map(LeakEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(leak.heldNanos()).as("the default borrow reads no clock").isEqualTo(-1);
  }

  private static void borrowAndDrop(Engine e) {
    SqlConnection c = e.connect();
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void theCloseIsToldOnceWithItsReport() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO);
    Recording r = new Recording();
    e.addListener(r);
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
    }
    DisposalReport report = e.close(Duration.ZERO);
    e.close(Duration.ZERO);
    assertThat(r.events).containsOnlyOnce("engineClosed orders");
    assertThat(r.payloads).containsExactly(report);
    assertThat(report.closedIdle()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsBreaksNeitherTheBorrowNorTheOthers() throws Exception {
    Engine e = engine(PoolClass.QUEUE, Duration.ZERO, Duration.ZERO);
    e.addListener(
        new EngineListener() {
          @Override
          public void acquired(ConnectionEvent ev, long waitNanos) {
            throw new IllegalStateException("broken listener");
          }

          @Override
          public void connectAttempt(String engineName, long elapsedNanos, Throwable failure) {
            throw new IllegalStateException("broken listener");
          }
        });
    Recording r = new Recording();
    e.addListener(r);
    try (SqlConnection c = e.connect()) {
      assertThat(c.jdbc().isValid(1)).isTrue();
    }
    assertThat(r.events).contains("connectAttempt ok", "acquired #1");
  }
}
