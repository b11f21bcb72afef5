package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cistern.internal.engine.EngineCores;
import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.engine.LeakDetectors;
import dev.cistern.internal.jfr.JfrEvents;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK Flight Recorder events ({@code dev.cistern.ConnectionAcquire}, {@code ConnectionOpen},
 * {@code ConnectionLeak}, {@code EngineDispose}, {@code EngineClose}): recorded to a file with
 * threshold 0 and read back with {@code jdk.jfr.consumer}; and that a borrow is timed only while a
 * recording enables ConnectionAcquire.
 */
class EngineJfrTest {
  static final String ACQUIRE = "dev.cistern.ConnectionAcquire";
  static final String OPEN = "dev.cistern.ConnectionOpen";
  static final String LEAK = "dev.cistern.ConnectionLeak";
  static final String DISPOSE = "dev.cistern.EngineDispose";
  static final String CLOSE = "dev.cistern.EngineClose";
  static final List<String> ALL = List.of(ACQUIRE, OPEN, LEAK, DISPOSE, CLOSE);

  private final String name = "jfr-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final RecordingLogger log = new RecordingLogger();
  private final List<Engine> engines = new java.util.ArrayList<>();

  @TempDir Path dir;

  private Engine engine(String engineName, PoolClass kind, Duration leakThreshold) {
    return engine(engineName, kind, leakThreshold, Duration.ZERO);
  }

  private Engine engine(
      String engineName, PoolClass kind, Duration leakThreshold, Duration abandonTimeout) {
    StubDriver.register();
    Engine e =
        Engine.builder(StubDriver.url(name))
            .name(engineName)
            .option(Option.POOL_CLASS, kind)
            .option(Option.POOL_SIZE, 1)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(1)) // a cold first connect is slow
            .option(Option.LEAK_DETECTION_THRESHOLD, leakThreshold)
            .option(Option.ABANDON_TIMEOUT, abandonTimeout)
            .hooks(EngineHooks.DEFAULT.leakDetection(log, clock::get))
            .build();
    engines.add(e);
    return e;
  }

  @AfterEach
  void tearDown() {
    engines.forEach(e -> e.close(Duration.ZERO));
    StubDatabase.reset(name);
  }

  /** A recording of every Cistern event with threshold 0 (and no stack for the acquire). */
  private static Recording allEvents() {
    Recording r = new Recording();
    for (String event : ALL) {
      r.enable(event).withThreshold(Duration.ZERO);
    }
    return r;
  }

  /** Stops {@code r}, writes it to a file and reads back the events of {@code engine}, in order. */
  private List<RecordedEvent> readBack(Recording r, String event, String engine) throws Exception {
    Path file = Files.createTempFile(dir, "rec", ".jfr");
    r.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(event))
        .filter(e -> engine.equals(e.getString("engine")))
        .sorted(Comparator.comparing(RecordedEvent::getStartTime))
        .collect(Collectors.toList());
  }

  @Test
  void aWorkloadRecordsEveryEventWithItsFields() throws Exception {
    String main = name + "-main";
    String failing = name + "-failing";
    try (Recording rec = allEvents()) {
      rec.start();
      Engine e = engine(main, PoolClass.QUEUE, Duration.ofSeconds(10));

      SqlConnection c = e.connect(); // open #1, acquire #1
      Throwable timeout = catchThrowable(e::connect); // pool of one: times out
      assertThat(timeout).isInstanceOf(PoolTimeoutException.class);

      clock.addAndGet(Duration.ofSeconds(11).toNanos());
      LeakDetectors.checkNow(e.core().leakDetector()); // held too long, with its stack

      e.dispose(true); // c is still out of the old pool
      c.close();

      SqlConnection kept = e.connect(); // open #1 of the fresh pool; aborted by the close
      DisposalReport report = e.close(Duration.ZERO);
      kept.close(); // aborted under its borrower: closing it now does nothing more

      db.failNextConnects(1);
      Engine f = engine(failing, PoolClass.NULL, Duration.ZERO);
      assertThat(catchThrowable(f::connect)).isInstanceOf(CisternException.class);
      rec.stop();

      List<RecordedEvent> acquires = readBack(rec, ACQUIRE, main);
      assertThat(acquires).hasSize(3);
      RecordedEvent first = acquires.get(0);
      assertThat(first.getLong("connectionId")).isEqualTo(1);
      assertThat(first.getBoolean("timedOut")).isFalse();
      assertThat(first.getInt("size")).isEqualTo(1);
      assertThat(first.getInt("idle")).isZero();
      assertThat(first.getInt("inUse")).isEqualTo(1);
      assertThat(first.getInt("waiting")).isZero();
      assertThat(first.getDuration()).isGreaterThanOrEqualTo(Duration.ZERO);
      assertThat(first.getThread().getJavaName()).isEqualTo(Thread.currentThread().getName());
      assertThat(first.getStackTrace().getFrames())
          .anySatisfy(
              fr ->
                  assertThat(fr.getMethod().getType().getName() + "." + fr.getMethod().getName())
                      .isEqualTo(
                          EngineJfrTest.class.getName()
                              + ".aWorkloadRecordsEveryEventWithItsFields"));
      RecordedEvent timedOut = acquires.get(1);
      assertThat(timedOut.getLong("connectionId")).isZero();
      assertThat(timedOut.getBoolean("timedOut")).isTrue();
      assertThat(timedOut.getInt("size")).isEqualTo(1);
      assertThat(timedOut.getInt("idle")).isZero();
      assertThat(timedOut.getInt("inUse")).isEqualTo(1);
      assertThat(timedOut.getInt("waiting")).isZero();
      assertThat(timedOut.getDuration()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(acquires.get(2).getLong("connectionId")).isEqualTo(1);
      assertThat(acquires.get(2).getBoolean("timedOut")).isFalse();

      List<RecordedEvent> opens = readBack(rec, OPEN, main);
      assertThat(opens).hasSize(2);
      for (RecordedEvent o : opens) {
        assertThat(o.getBoolean("success")).isTrue();
        assertThat(o.getString("failureClass")).isNull();
        assertThat(o.getString("failureMessage")).isNull();
        assertThat(o.getDuration()).isGreaterThanOrEqualTo(Duration.ZERO);
      }
      List<RecordedEvent> failed = readBack(rec, OPEN, failing);
      assertThat(failed).singleElement();
      RecordedEvent fail = failed.get(0);
      assertThat(fail.getBoolean("success")).isFalse();
      assertThat(fail.getString("failureClass")).isEqualTo("java.sql.SQLException");
      assertThat(fail.getString("failureMessage"))
          .isEqualTo(
              "transient connect failure injected by stub database '"
                  + name
                  + "' (failNextConnects)");

      List<RecordedEvent> leaks = readBack(rec, LEAK, main);
      assertThat(leaks).singleElement();
      RecordedEvent leak = leaks.get(0);
      assertThat(leak.getLong("connectionId")).isEqualTo(1);
      assertThat(leak.getString("kind")).isEqualTo("HELD_TOO_LONG");
      assertThat(leak.getString("threadName")).isEqualTo(Thread.currentThread().getName());
      assertThat(leak.getDuration("heldTime")).isEqualTo(Duration.ofSeconds(11));
      assertThat(leak.getString("borrowedAt")).contains("aWorkloadRecordsEveryEventWithItsFields");
      assertThat(leak.getStackTrace()).as("the detector's own stack is not recorded").isNull();

      List<RecordedEvent> disposes = readBack(rec, DISPOSE, main);
      assertThat(disposes).singleElement();
      assertThat(disposes.get(0).getBoolean("closeConnections")).isTrue();
      assertThat(disposes.get(0).getInt("stillBorrowed")).isEqualTo(1);
      assertThat(disposes.get(0).getDuration()).isGreaterThanOrEqualTo(Duration.ZERO);

      List<RecordedEvent> closes = readBack(rec, CLOSE, main);
      assertThat(closes).singleElement();
      RecordedEvent close = closes.get(0);
      assertThat(report.aborted()).isEqualTo(1);
      assertThat(close.getInt("closedIdle")).isEqualTo(report.closedIdle());
      assertThat(close.getInt("returnedDuringGrace")).isEqualTo(report.returnedDuringGrace());
      assertThat(close.getInt("aborted")).isEqualTo(1);
      assertThat(close.getDuration("took")).isEqualTo(report.took());
      assertThat(close.getInt("errors")).isEqualTo(report.errors().size());
      assertThat(close.getBoolean("clean")).isFalse();
      assertThat(close.getString("leaked"))
          .isEqualTo(String.join("\n\n", report.leaked()))
          .startsWith("connection #1 borrowed by thread '" + Thread.currentThread().getName())
          .contains("aWorkloadRecordsEveryEventWithItsFields");
    }
  }

  /** Counts the leak events an engine tells its listeners, to know when one happened. */
  static final class Leaks implements EngineListener {
    final java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void leak(LeakEvent e) {
      count.incrementAndGet();
    }
  }

  @Test
  void anAbandonedConnectionIsRecordedWithItsHoldTimeAndNoStack() throws Exception {
    try (Recording rec = allEvents()) {
      rec.start();
      Engine e = engine(name, PoolClass.QUEUE, Duration.ZERO, Duration.ofSeconds(30));
      Leaks told = new Leaks();
      e.addListener(told);
      SqlConnection held = e.connect(); // referenced to the end: no GC can reclaim it
      clock.addAndGet(Duration.ofSeconds(31).toNanos());
      LeakDetectors.checkNow(e.core().leakDetector());
      org.awaitility.Awaitility.await().until(() -> told.count.get() == 1);
      rec.stop();
      RecordedEvent leak = readBack(rec, LEAK, name).get(0);
      assertThat(leak.getString("kind")).isEqualTo("ABANDONED");
      assertThat(leak.getLong("connectionId")).isEqualTo(1);
      assertThat(leak.getString("threadName")).isEqualTo(Thread.currentThread().getName());
      assertThat(leak.getDuration("heldTime")).isEqualTo(Duration.ofSeconds(31));
      assertThat(leak.getString("borrowedAt")).as("no leakDetectionThreshold").isNull();
      assertThat(held.isClosed()).isFalse();
    }
  }

  @Test
  void aReclaimedConnectionIsRecordedWithAnUnknownHoldTime() throws Exception {
    try (Recording rec = allEvents()) {
      rec.start();
      Engine e = engine(name, PoolClass.QUEUE, Duration.ZERO);
      Leaks told = new Leaks();
      e.addListener(told);
      borrowAndDrop(e);
      dev.cistern.testkit.Awaits.untilCollected("the reclaim", () -> told.count.get() == 1);
      rec.stop();
      RecordedEvent leak = readBack(rec, LEAK, name).get(0);
      assertThat(leak.getString("kind")).isEqualTo("RECLAIMED");
      assertThat(leak.getLong("connectionId")).isEqualTo(1);
      assertThat(leak.getLong("heldTime")).as("the default borrow reads no clock").isEqualTo(-1);
      assertThat(leak.getString("borrowedAt")).isNull();
    }
  }

  private static void borrowAndDrop(Engine e) {
    SqlConnection c = e.connect();
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void aBorrowIsTimedOnlyWhileARecordingEnablesConnectionAcquire() throws Exception {
    assertThat(JfrEvents.available()).isTrue();
    Engine e = engine(name, PoolClass.QUEUE, Duration.ZERO);
    assertThat(EngineCores.borrowTimed(e.core()))
        .as("no listener, no recording: the default borrow reads no clock")
        .isFalse();

    try (Recording other = new Recording()) {
      other.disable(ACQUIRE);
      other.enable(OPEN);
      other.start();
      assertThat(EngineCores.borrowTimed(e.core()))
          .as("a recording without ConnectionAcquire")
          .isFalse();
    }

    try (Recording rec = new Recording()) {
      rec.enable(ACQUIRE).withThreshold(Duration.ZERO);
      rec.start();
      assertThat(EngineCores.borrowTimed(e.core())).as("while recording").isTrue();
      try (SqlConnection c = e.connect()) {
        assertThat(c.isClosed()).isFalse();
      }
      rec.stop();
      assertThat(EngineCores.borrowTimed(e.core())).as("after the recording stopped").isFalse();
      assertThat(readBack(rec, ACQUIRE, name)).singleElement();
    }
  }

  @Test
  void aFailingEventNeverReachesTheBorrower() throws Exception {
    try (Recording rec = allEvents()) {
      rec.start();
      Object token = JfrEvents.acquireBegin();
      assertThat(token).isNotNull();
      assertThatCode(
              () ->
                  JfrEvents.acquireEnd(
                      token,
                      name,
                      1,
                      false,
                      () -> {
                        throw new IllegalStateException("status failed");
                      }))
          .doesNotThrowAnyException();
      assertThatCode(() -> JfrEvents.openEnd("not an event", name, null))
          .doesNotThrowAnyException();
    }
  }

  @OnEachDatabase(DatabaseKind.POSTGRESQL)
  void aConnectionOpenOnPostgresHasAPositiveDuration(TestDatabase pg) throws Exception {
    String engineName = "jfr-pg-" + System.nanoTime();
    String canary = "Canary7PwJfr";
    String wrong =
        "postgresql://"
            + pg.user()
            + ":"
            + canary
            + "@"
            + pg.host()
            + ":"
            + pg.port()
            + "/cistern_t_missing_"
            + System.nanoTime(); // a database that does not exist: the connect fails
    try (Recording rec = new Recording()) {
      rec.enable(OPEN).withThreshold(Duration.ZERO);
      rec.start();
      try (Engine e = Engine.builder(pg.cisternUrl()).name(engineName).build();
          SqlConnection c = e.connect()) {
        assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
      try (Engine bad =
          Engine.builder(wrong)
              .name(engineName + "-bad")
              .option(Option.POOL_CLASS, PoolClass.NULL)
              .build()) {
        assertThat(catchThrowable(bad::connect)).isInstanceOf(CisternException.class);
      }
      rec.stop();

      List<RecordedEvent> opens = readBack(rec, OPEN, engineName);
      assertThat(opens).isNotEmpty();
      assertThat(opens.get(0).getBoolean("success")).isTrue();
      assertThat(opens.get(0).getDuration()).isPositive();

      List<RecordedEvent> failed = readBack(rec, OPEN, engineName + "-bad");
      assertThat(failed).isNotEmpty();
      RecordedEvent f = failed.get(0);
      assertThat(f.getBoolean("success")).isFalse();
      assertThat(f.getString("failureClass")).isNotBlank();
      assertThat(f.getString("failureMessage")).isNotBlank().doesNotContain("Canary7");
      assertThat(f.getDuration()).isPositive();
    }
  }
}
