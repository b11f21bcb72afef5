package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A borrow that times out names who holds the connections: the threads, longest holder first, how
 * long each has held its connection, where it was borrowed (with leak detection on), at most five.
 * The hold times come from the leak detector's clock, faked here, and are read only when borrows
 * are watched (leak detection or abandonTimeout on): the default checkout reads no clock. The wait
 * itself is real (50 ms).
 */
class EngineTimeoutMessageTest {
  private final String name = "timeouts-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final List<SqlConnection> held = new ArrayList<>();
  private Engine engine;

  private Engine engine(int size, Duration threshold) {
    return engine(size, threshold, Duration.ofHours(1));
  }

  /** With abandonTimeout on (never reached here), borrows are timed without leak detection. */
  private Engine engine(int size, Duration threshold, Duration abandon) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .option(Option.POOL_SIZE, size)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.MIN_IDLE, size) // opened up front: the 50 ms are for the wait alone
            .option(Option.POOL_TIMEOUT, Duration.ofMillis(50))
            .option(Option.LEAK_DETECTION_THRESHOLD, threshold)
            .option(Option.ABANDON_TIMEOUT, abandon)
            .hooks(EngineHooks.DEFAULT.leakDetection(new RecordingLogger(), clock::get))
            .build();
    await("warmed up").until(() -> engine.status().idle() == size);
    return engine;
  }

  @AfterEach
  void tearDown() throws Exception {
    held.forEach(SqlConnection::close);
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  /** Borrows a connection on a thread of that name, and keeps it out. */
  private void borrowOn(String thread) throws InterruptedException {
    AtomicReference<SqlConnection> c = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                c.set(engine.connect());
              } catch (RuntimeException e) {
                failed.set(e);
              }
            },
            thread);
    t.start();
    t.join(10_000);
    assertThat(failed.get()).as("borrowing on %s", thread).isNull();
    assertThat(c.get()).as("borrowed on %s", thread).isNotNull();
    held.add(c.get());
  }

  /** The text as a pattern, each {@code #?} standing for any connection number. */
  private static String anyIds(String text) {
    StringBuilder p = new StringBuilder();
    String[] parts = text.split("#\\?", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        p.append("#\\d+");
      }
      p.append(Pattern.quote(parts[i]));
    }
    return p.toString();
  }

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void theMessageNamesTheHoldersLongestFirstWithTheirHoldTimes() throws Exception {
    engine(2, Duration.ZERO);
    borrowOn("holder-a");
    advance(Duration.ofMillis(2_500));
    borrowOn("holder-b");
    advance(Duration.ofMillis(500));

    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, engine::connect);

    assertThat(e.getMessage())
        .matches(
            anyIds(
                "pool 'orders' exhausted: size 2, overflow 0/0, idle 0, in use 2, waiting 1; timed out"
                    + " after 50ms. Held by (longest first): thread 'holder-a' for 3.0 s (connection"
                    + " #?); thread 'holder-b' for 500 ms (connection #?). Usual causes: connections"
                    + " not closed (enable leakDetectionThreshold to find them, abandonTimeout to get"
                    + " them back), long transactions, pool too small."));
  }

  @Test
  void byDefaultBorrowsAreNotTimedAndTheMessageSaysHowToGetTheTimes() throws Exception {
    engine(2, Duration.ZERO, Duration.ZERO);
    borrowOn("holder-a");
    advance(Duration.ofMillis(2_500));
    borrowOn("holder-b");

    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, engine::connect);

    assertThat(e.getMessage())
        .matches(
            anyIds(
                "pool 'orders' exhausted: size 2, overflow 0/0, idle 0, in use 2, waiting 1; timed out"
                    + " after 50ms. Held by: thread 'holder-a' (connection #?); thread 'holder-b'"
                    + " (connection #?) (leakDetectionThreshold or abandonTimeout adds how long each"
                    + " has held it). Usual causes: connections not closed (enable"
                    + " leakDetectionThreshold to find them, abandonTimeout to get them back), long"
                    + " transactions, pool too small."));
  }

  @Test
  void withLeakDetectionOnItSaysWhereEachWasBorrowed() throws Exception {
    engine(2, Duration.ofHours(1));
    borrowOn("holder-a");
    advance(Duration.ofMillis(100));
    borrowOn("holder-b");

    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, engine::connect);

    String caller = EngineTimeoutMessageTest.class.getName() + ".lambda$borrowOn$";
    assertThat(e.getMessage())
        .containsPattern(
            anyIds(
                "Held by (longest first): thread 'holder-a' for 100 ms (connection #?, borrowed at "
                    + caller))
        .containsPattern(
            anyIds("; thread 'holder-b' for 0 ms (connection #?, borrowed at " + caller))
        .contains("(EngineTimeoutMessageTest.java:")
        .doesNotContain("stub:")
        .doesNotContain("password");
  }

  @Test
  void moreThanFiveHoldersAreCounted() throws Exception {
    engine(7, Duration.ZERO);
    for (int i = 1; i <= 7; i++) {
      borrowOn("holder-" + i);
      advance(Duration.ofSeconds(1));
    }

    PoolTimeoutException e = catchThrowableOfType(PoolTimeoutException.class, engine::connect);

    assertThat(e.getMessage())
        .containsPattern(
            anyIds(
                "Held by (longest first): thread 'holder-1' for 7.0 s (connection #?); thread"
                    + " 'holder-2' for 6.0 s (connection #?); thread 'holder-3' for 5.0 s"
                    + " (connection #?); thread 'holder-4' for 4.0 s (connection #?); thread"
                    + " 'holder-5' for 3.0 s (connection #?); and 2 more. Usual causes:"))
        .doesNotContain("holder-6")
        .doesNotContain("holder-7");
  }
}
