package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.internal.util.Durations;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration option, given a value longer than a {@code long} of nanoseconds can hold (about
 * 292 years), through every way of configuring an engine: it is honoured as "as long as it takes"
 * and never overflows later. Negative and malformed values are refused at once, naming the option.
 */
class DurationEdgeTest {
  private static final String URL = "h2:mem:durations?user=sa";

  /** How a huge value is written: typed through the builder, or as text everywhere else. */
  enum Entry {
    BUILDER_TYPED,
    BUILDER_TEXT,
    URL_QUERY,
    PROPERTIES,
    ENVIRONMENT
  }

  @SuppressWarnings("unchecked") // checked: the option's type is Duration
  static List<Option<Duration>> durationOptions() {
    List<Option<Duration>> out = new ArrayList<>();
    for (Option<?> o : Option.values()) {
      if (o.type() == Duration.class) {
        out.add((Option<Duration>) o);
      }
    }
    return out;
  }

  static Stream<Arguments> hugeEverywhere() {
    List<Arguments> out = new ArrayList<>();
    for (Option<Duration> o : durationOptions()) {
      if (o == Option.TRANSACTION_RETRY_BACKOFF) {
        continue; // refused above 1h: see aHugeTransactionRetryBackoffIsRefusedNamingTheLimit
      }
      out.add(Arguments.of(o, Entry.BUILDER_TYPED, Duration.ofSeconds(Long.MAX_VALUE), null));
      out.add(Arguments.of(o, Entry.BUILDER_TYPED, ChronoUnit.FOREVER.getDuration(), null));
      for (Entry e : List.of(Entry.BUILDER_TEXT, Entry.URL_QUERY, Entry.PROPERTIES)) {
        out.add(Arguments.of(o, e, null, "PT9999999H"));
      }
      out.add(Arguments.of(o, Entry.ENVIRONMENT, null, "999999999999999999d"));
    }
    return out.stream();
  }

  private static Engine build(Option<Duration> o, Entry entry, Duration typed, String text) {
    String name = "dur_" + o.key() + "_" + entry.ordinal();
    switch (entry) {
      case BUILDER_TYPED:
        return Engine.builder(URL).name(name).option(o, typed).build();
      case BUILDER_TEXT:
        return Engine.builder(URL).name(name).optionText(o, text).build();
      case URL_QUERY:
        return Engine.builder(URL + "&" + o.key() + "=" + text).name(name).build();
      case PROPERTIES:
        {
          Properties p = new Properties();
          p.setProperty("c.url", URL);
          p.setProperty("c.name", name);
          p.setProperty("c." + o.names().get(o.names().size() > 1 ? 1 : 0), text);
          return Engine.fromProperties(p, "c.");
        }
      case ENVIRONMENT:
        {
          Map<String, String> env = new HashMap<>();
          env.put("DATABASE_URL", URL);
          env.put("CISTERN_NAME", name);
          env.put(o.environmentVariable(), text);
          return Engine.fromEnvironment(env::get);
        }
      default:
        throw new AssertionError(entry);
    }
  }

  @ParameterizedTest(name = "{0} via {1}: {2}{3}")
  @MethodSource("hugeEverywhere")
  void aHugeDurationMeansAsLongAsItTakesAndNeverOverflows(
      Option<Duration> o, Entry entry, Duration typed, String text) {
    Engine engine = build(o, entry, typed, text);
    assertThat(engine.option(o)).as("saturated to ~292 years").isEqualTo(Durations.MAX);
    for (int i = 0; i < 3; i++) {
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
    }
    assertThat(engine.status().inUse()).isZero();
    assertThat(engine.status().size()).as("no churn: one connection serves all").isEqualTo(1);
    DisposalReport r = engine.close((Duration) engine.option(Option.CLOSE_GRACE));
    assertThat(r.errors()).isEmpty();
    assertThat(r.closedIdle()).isEqualTo(1);
  }

  /** A clock the test moves by hand; waits park for at most a millisecond of real time. */
  private static Ticker manualClock(AtomicLong now) {
    return new Ticker() {
      @Override
      public long nanoTime() {
        return now.get();
      }

      @Override
      public void park(Object blocker, long nanos) {
        LockSupport.parkNanos(blocker, Math.min(nanos, 1_000_000L));
      }

      @Override
      public void unpark(Thread thread) {
        LockSupport.unpark(thread);
      }
    };
  }

  @Test
  void aHugePoolTimeoutStillTimesNothingOutAndConnectWorks() {
    try (Engine engine =
        Engine.builder(URL)
            .option(Option.POOL_TIMEOUT, ChronoUnit.FOREVER.getDuration())
            .poolSize(1, 0)
            .build()) {
      SqlConnection held = engine.connect();
      CompletableFuture<Integer> waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try (SqlConnection c = engine.connect()) {
                  return c.execute("select 2").scalar(Integer.class);
                }
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> engine.status().waiting() == 1);
      held.close();
      assertThat(waiter).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(2);
    }
  }

  @Test
  void aHugeValidationTimeoutWithPrePingLeavesNothingInUse() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker clock = manualClock(now);
    try (Engine engine =
        Engine.builder(URL)
            .option(Option.POOL_PRE_PING, true)
            .option(Option.VALIDATION_TIMEOUT, Duration.ofSeconds(Long.MAX_VALUE))
            .hooks(EngineHooks.DEFAULT.ticker(clock))
            .build()) {
      for (int i = 0; i < 3; i++) {
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // past the pre-ping bypass window
        try (SqlConnection c = engine.connect()) {
          assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
        }
        assertThat(engine.status().inUse()).isZero();
      }
      assertThat(engine.status().size()).isEqualTo(1);
    }
  }

  @Test
  void aHugePoolRecycleDoesNotRetireEveryConnection() {
    AtomicInteger opened = new AtomicInteger();
    try (Engine engine =
        Engine.builder(URL)
            .optionText(Option.POOL_RECYCLE, "PT9999999H")
            .option(Option.IDLE_TIMEOUT, ChronoUnit.FOREVER.getDuration())
            .option(Option.KEEPALIVE, ChronoUnit.FOREVER.getDuration())
            .listener(
                new EngineListener() {
                  @Override
                  public void connect(ConnectionEvent e) {
                    opened.incrementAndGet();
                  }
                })
            .build()) {
      for (int i = 0; i < 20; i++) {
        engine.connect().close();
      }
      assertThat(opened).as("connections opened for 20 checkouts").hasValue(1);
    }
  }

  @Test
  @Timeout(60) // before the fix, the second close spun forever
  void closeForeverWaitsForTheBorrowerAndASecondCloseReturnsTheSameReport() throws Exception {
    Engine engine = Engine.create(URL);
    SqlConnection c = engine.connect();
    CompletableFuture<DisposalReport> first =
        CompletableFuture.supplyAsync(() -> engine.close(ChronoUnit.FOREVER.getDuration()));
    await().atMost(Duration.ofSeconds(10)).until(engine::isClosed);
    c.close();
    DisposalReport r = first.get(10, TimeUnit.SECONDS);
    assertThat(r.returnedDuringGrace()).isEqualTo(1);
    assertThat(r.errors()).isEmpty();
    assertThat(engine.close(Duration.ofSeconds(Long.MAX_VALUE))).isSameAs(r);
    engine.close(); // the AutoCloseable form returns at once too
  }

  @Test
  @Timeout(60)
  void aSecondCloseWithAShorterGraceHurriesTheFirst() throws Exception {
    Engine engine = Engine.create(URL);
    SqlConnection stuck = engine.connect();
    CompletableFuture<DisposalReport> first =
        CompletableFuture.supplyAsync(() -> engine.close(ChronoUnit.FOREVER.getDuration()));
    await().atMost(Duration.ofSeconds(10)).until(engine::isClosed);
    DisposalReport second = engine.close(Duration.ofMillis(100)); // the shutdown hook, say
    assertThat(second.aborted()).isEqualTo(1);
    assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(second);
    stuck.close();
  }

  @Test
  void aHugeTransactionRetryBackoffIsRefusedNamingTheLimit() {
    // slept on the caller's thread and doubled per retry: "forever" would only hang the caller
    for (Duration huge : List.of(ChronoUnit.FOREVER.getDuration(), Duration.ofHours(2))) {
      assertThatThrownBy(
              () -> Engine.builder(URL).option(Option.TRANSACTION_RETRY_BACKOFF, huge).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("transactionRetryBackoff must be at most 1h")
          .hasMessageContaining("transactionRetries=0");
    }
    assertThatThrownBy(() -> Engine.create(URL + "&transactionRetryBackoff=PT9999999H"))
        .hasMessageContaining("transactionRetryBackoff must be at most 1h");
  }

  @OnEachDatabase
  void hugeValidationAndStatementTimeoutsWorkOnEveryServer(TestDatabase db) {
    // MariaDB multiplies isValid's seconds into an int of milliseconds, H2 its query timeout:
    // Integer.MAX_VALUE seconds would turn negative there, failing every ping or statement
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker clock = manualClock(now);
    AtomicInteger opened = new AtomicInteger();
    try (Engine engine =
        Engine.builder(db.cisternUrl())
            .option(Option.POOL_PRE_PING, true)
            .option(Option.VALIDATION_TIMEOUT, ChronoUnit.FOREVER.getDuration())
            .option(Option.POOL_TIMEOUT, ChronoUnit.FOREVER.getDuration()) // ping unbounded
            .optionText(Option.STATEMENT_TIMEOUT, "PT9999999H")
            .listener(
                new EngineListener() {
                  @Override
                  public void connect(ConnectionEvent e) {
                    opened.incrementAndGet();
                  }
                })
            .hooks(EngineHooks.DEFAULT.ticker(clock))
            .build()) {
      for (int i = 0; i < 3; i++) {
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // past the pre-ping bypass window
        try (SqlConnection c = engine.connect()) {
          assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
        }
      }
      assertThat(opened).as("a live connection is kept, not failed by its ping").hasValue(1);
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @Test
  void negativeAndMalformedDurationsAreRefusedNamingTheOption() {
    for (Option<Duration> o : durationOptions()) {
      assertThatThrownBy(() -> Engine.builder(URL).option(o, Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(o.key())
          .hasMessageContaining("negative");
      assertThatThrownBy(() -> Engine.builder(URL).optionText(o, "-5s"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(o.key());
      assertThatThrownBy(() -> Engine.builder(URL).optionText(o, "ten seconds"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(o.key())
          .hasMessageContaining("500ms, 30s");
    }
  }

  @Test
  void minusOneAndZeroMeanOffWhereTheOptionAllowsIt() {
    for (Option<Duration> o : durationOptions()) {
      if (o == Option.VALIDATION_TIMEOUT) {
        assertThatThrownBy(() -> Engine.builder(URL).optionText(o, "0"))
            .hasMessageContaining("must be positive");
        continue;
      }
      assertThat(o.parse("-1")).as(o.key()).isEqualTo(Duration.ZERO);
      assertThat(o.parse("0")).as(o.key()).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void aNegativeGraceIsRefusedAndTheEngineStaysOpen() {
    try (Engine engine = Engine.create(URL)) {
      assertThatThrownBy(() -> engine.close(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("grace must not be negative");
      assertThat(engine.isClosed()).isFalse();
      engine.connect().close();
    }
  }
}
