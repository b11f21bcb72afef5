package dev.cistern.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.PoolTimeoutException;
import dev.cistern.SqlConnection;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CisternMetrics} on a real pool: every meter's value after each step of a workload. */
class CisternMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The README's lines (section "Observing Cistern", "Micrometer"), used as they are below. */
  static final String README_LINES =
      """
      Engine engine = Engine.create(url);
      new CisternMetrics(engine).bindTo(registry);
      """;

  private static String withQuery(String url, String query) {
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  @Test
  void theReadmeShowsTheseLines() throws IOException {
    String text = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("## Observing Cistern")
        .contains("### Micrometer")
        .contains(README_LINES);
  }

  private static String newName() {
    return "cistern_m_" + Long.toHexString(System.nanoTime());
  }

  /** Every meter of the registry as "name{tags}" to its value (a timer: its count). */
  private static Map<String, Double> values(MeterRegistry registry) {
    Map<String, Double> m = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      StringBuilder key = new StringBuilder(id.getName());
      id.getTags().stream()
          .filter(t -> !t.getKey().equals(CisternMetrics.OTEL_POOL_TAG))
          .filter(t -> !t.getKey().equals(CisternMetrics.HIKARI_POOL_TAG))
          .forEach(
              t -> key.append('{').append(t.getKey()).append('=').append(t.getValue()).append('}'));
      double v =
          meter instanceof io.micrometer.core.instrument.Timer t
              ? t.count()
              : meter.measure().iterator().next().getValue();
      m.put(key.toString(), v);
    }
    return m;
  }

  /** The expected meters of the workload's engine (poolSize 2, maxOverflow 1). */
  private static final class Expected {
    final Map<String, Double> m = new TreeMap<>();

    Expected(double idle, double used, double pending) {
      m.put("db.client.connection.count{db.client.connection.state=idle}", idle);
      m.put("db.client.connection.count{db.client.connection.state=used}", used);
      m.put("db.client.connection.idle.max", 2.0);
      m.put("db.client.connection.idle.min", 0.0);
      m.put("db.client.connection.max", 3.0);
      m.put("db.client.connection.pending_requests", pending);
      for (String k :
          List.of(
              "db.client.connection.timeouts",
              "db.client.connection.create_time",
              "db.client.connection.wait_time",
              "db.client.connection.use_time",
              "cistern.connections.created",
              "cistern.connections.create_errors",
              "cistern.connections.closed",
              "cistern.connections.invalidated",
              "cistern.connections.leaked",
              "cistern.connections.reclaimed",
              "cistern.connections.abandoned",
              "cistern.pool.soft_invalidations")) {
        m.put(k, 0.0);
      }
    }

    /** Opened {@code created} (create_time counts each), closed {@code closed}. */
    Expected connections(double created, double closed) {
      m.put("cistern.connections.created", created);
      m.put("db.client.connection.create_time", created);
      m.put("cistern.connections.closed", closed);
      return this;
    }

    /** {@code borrows} engine borrows got a connection (wait_time), {@code uses} ended. */
    Expected borrows(double borrows, double uses) {
      m.put("db.client.connection.wait_time", borrows);
      m.put("db.client.connection.use_time", uses);
      return this;
    }

    Expected with(String key, double value) {
      assertThat(m).containsKey(key);
      m.put(key, value);
      return this;
    }
  }

  private static Expected otel(double idle, double used, double pending) {
    return new Expected(idle, used, pending);
  }

  private static void select1(SqlConnection c) {
    assertThat(c.execute("select 1").scalar()).isNotNull();
  }

  /**
   * A workload with a wait, a timeout, an invalidation, a leak and a dispose, and every meter's
   * value after each step. The hold times stay far below leakDetectionThreshold but the one held on
   * purpose.
   */
  @OnEachDatabase
  void everyMeterFollowsAWorkload(TestDatabase db) throws Exception {
    String name = newName();
    String url =
        withQuery(
            db.cisternUrl(),
            "name="
                + name
                + "&poolSize=2&maxOverflow=1&poolTimeout=1500ms&leakDetectionThreshold=6s");
    MeterRegistry registry = new SimpleMeterRegistry();
    // the README's lines, verbatim (README_LINES)
    Engine engine = Engine.create(url);
    new CisternMetrics(engine).bindTo(registry);
    assertThat(engine.name()).isEqualTo(name);
    try {
      assertThat(registry.getMeters())
          .allSatisfy(
              m -> assertThat(m.getId().getTag(CisternMetrics.OTEL_POOL_TAG)).isEqualTo(name));
      assertThat(values(registry)).isEqualTo(otel(0, 0, 0).m);
      assertThat(registry.get("db.client.connection.max").gauge().getId().getBaseUnit())
          .isEqualTo("{connection}");

      // borrow and return
      try (SqlConnection c = engine.connect()) {
        select1(c);
        assertThat(values(registry)).isEqualTo(otel(0, 1, 0).connections(1, 0).borrows(1, 0).m);
      }
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0).connections(1, 0).borrows(1, 1).m);

      // hold two, then a third (overflow), and a fourth borrower waits
      SqlConnection x = engine.connect();
      SqlConnection y = engine.connect();
      assertThat(values(registry)).isEqualTo(otel(0, 2, 0).connections(2, 0).borrows(3, 1).m);
      SqlConnection z = engine.connect();
      assertThat(values(registry)).isEqualTo(otel(0, 3, 0).connections(3, 0).borrows(4, 1).m);
      CompletableFuture<SqlConnection> w = CompletableFuture.supplyAsync(engine::connect);
      await()
          .atMost(WAIT)
          .until(() -> registry.get("db.client.connection.pending_requests").gauge().value() == 1);
      assertThat(values(registry)).isEqualTo(otel(0, 3, 1).connections(3, 0).borrows(4, 1).m);
      x.close(); // handed to the waiter
      SqlConnection wc = w.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      select1(wc);
      assertThat(values(registry)).isEqualTo(otel(0, 3, 0).connections(3, 0).borrows(5, 2).m);
      y.close();
      z.close();
      assertThat(values(registry)).isEqualTo(otel(2, 1, 0).connections(3, 0).borrows(5, 4).m);
      wc.close(); // poolSize connections are idle already: this overflow one is closed
      await().atMost(WAIT).until(() -> count(registry, "cistern.connections.closed") == 1);
      assertThat(values(registry)).isEqualTo(otel(2, 0, 0).connections(3, 1).borrows(5, 5).m);
      ServerSessions.awaitCount(db, name, 2, WAIT);

      // a timeout: three held, a fourth borrower gives up after poolTimeout
      SqlConnection a = engine.connect();
      SqlConnection b = engine.connect();
      SqlConnection c = engine.connect();
      assertThatThrownBy(engine::connect).isInstanceOf(PoolTimeoutException.class);
      Expected timedOut =
          otel(0, 3, 0).connections(4, 1).borrows(8, 5).with("db.client.connection.timeouts", 1);
      assertThat(values(registry)).isEqualTo(timedOut.m);
      a.close();
      b.close();
      c.close();
      await().atMost(WAIT).until(() -> count(registry, "cistern.connections.closed") == 2);
      Expected afterTimeout =
          otel(2, 0, 0).connections(4, 2).borrows(8, 8).with("db.client.connection.timeouts", 1);
      assertThat(values(registry)).isEqualTo(afterTimeout.m);

      // an invalidation: the use ends there, the connection is closed
      SqlConnection v = engine.connect();
      v.invalidate();
      v.close();
      await().atMost(WAIT).until(() -> count(registry, "cistern.connections.closed") == 3);
      Expected invalidated =
          otel(1, 0, 0)
              .connections(4, 3)
              .borrows(9, 9)
              .with("db.client.connection.timeouts", 1)
              .with("cistern.connections.invalidated", 1);
      assertThat(values(registry)).isEqualTo(invalidated.m);

      // a leak: held past leakDetectionThreshold (6 s), reported, then returned
      try (SqlConnection held = engine.connect()) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> registry.get("cistern.connections.leaked").functionCounter().count() == 1);
        select1(held);
      }
      Expected leaked =
          otel(1, 0, 0)
              .connections(4, 3)
              .borrows(10, 10)
              .with("db.client.connection.timeouts", 1)
              .with("cistern.connections.invalidated", 1)
              .with("cistern.connections.leaked", 1);
      assertThat(values(registry)).isEqualTo(leaked.m);

      // dispose: the idle connection is closed, a fresh pool opens anew
      engine.dispose();
      await().atMost(WAIT).until(() -> count(registry, "cistern.connections.closed") == 4);
      try (SqlConnection d = engine.connect()) {
        select1(d);
      }
      Expected disposed =
          otel(1, 0, 0)
              .connections(5, 4)
              .borrows(11, 11)
              .with("db.client.connection.timeouts", 1)
              .with("cistern.connections.invalidated", 1)
              .with("cistern.connections.leaked", 1);
      assertThat(values(registry)).isEqualTo(disposed.m);
    } finally {
      engine.close();
    }
    await().atMost(WAIT).until(() -> count(registry, "cistern.connections.closed") == 5);
    assertThat(count(registry, "cistern.connections.created")).isEqualTo(5);
    assertThat(count(registry, "db.client.connection.timeouts")).isEqualTo(1);
    assertThat(registry.get("db.client.connection.use_time").timer().count()).isEqualTo(11);
    assertThat(registry.get("db.client.connection.wait_time").timer().max(TimeUnit.MILLISECONDS))
        .as("the waiter's wait, at most the timeout's")
        .isPositive();
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  private static double count(MeterRegistry registry, String counter) {
    return registry.get(counter).functionCounter().count();
  }

  /** A backend killed under a borrower: an invalidation, and every older connection made stale. */
  @OnEachDatabase(DatabaseKind.POSTGRESQL)
  void aKilledConnectionCountsAnInvalidationAndASoftInvalidation(TestDatabase db) throws Exception {
    String name = newName();
    MeterRegistry registry = new SimpleMeterRegistry();
    Engine engine = Engine.builder(db.cisternUrl()).name(name).poolSize(2, 1).build();
    CisternMetrics metrics = new CisternMetrics(engine);
    metrics.bindTo(registry);
    CisternMetrics.Events events = metrics.events();
    try {
      SqlConnection idle = engine.connect();
      SqlConnection c = engine.connect();
      idle.close();
      Object pid = c.execute("select pg_backend_pid()").scalar();
      try (Connection killer = db.openConnection();
          PreparedStatement ps = killer.prepareStatement("select pg_terminate_backend(?)")) {
        ps.setInt(1, ((Number) pid).intValue());
        ps.executeQuery().close();
      }
      assertThatThrownBy(() -> c.execute("select 1")).isInstanceOf(RuntimeException.class);
      assertThat(c.isInvalidated()).isTrue();
      c.close();
      await().atMost(WAIT).until(() -> events.closed() == 1);
      Expected killed =
          otel(1, 0, 0)
              .connections(2, 1)
              .borrows(2, 2)
              .with("cistern.connections.invalidated", 1)
              .with("cistern.pool.soft_invalidations", 1);
      assertThat(values(registry)).isEqualTo(killed.m);
      // the idle one is older than the disconnect: replaced at its next checkout
      try (SqlConnection d = engine.connect()) {
        select1(d);
      }
      await().atMost(WAIT).until(() -> events.closed() == 2);
      Expected replaced =
          otel(1, 0, 0)
              .connections(3, 2)
              .borrows(3, 3)
              .with("cistern.connections.invalidated", 1)
              .with("cistern.pool.soft_invalidations", 1);
      assertThat(values(registry)).isEqualTo(replaced.m);
    } finally {
      engine.close();
    }
    await().atMost(WAIT).until(() -> events.closed() == 3);
    assertThat(events.tracked()).isZero();
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  @OnEachDatabase
  void hikariNamesOnTheSameEngine(TestDatabase db) {
    String name = newName();
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name(name)
            .poolSize(2, 1)
            .option(Option.MIN_IDLE, 1)
            .build();
    MeterRegistry otel = new SimpleMeterRegistry();
    MeterRegistry hikari = new SimpleMeterRegistry();
    try {
      // minIdle opens one in the background: before the binders, so not counted
      await().atMost(WAIT).until(() -> engine.status().idle() == 1);
      new CisternMetrics(engine).bindTo(otel);
      CisternMetrics hikariMetrics = CisternMetrics.hikariNames(engine);
      hikariMetrics.bindTo(hikari);
      try (SqlConnection a = engine.connect();
          SqlConnection b = engine.connect()) {
        select1(a);
        select1(b);
        Map<String, Double> expected = new TreeMap<>();
        expected.put("hikaricp.connections", 2.0);
        expected.put("hikaricp.connections.idle", 0.0);
        expected.put("hikaricp.connections.active", 2.0);
        expected.put("hikaricp.connections.pending", 0.0);
        expected.put("hikaricp.connections.max", 3.0);
        expected.put("hikaricp.connections.min", 1.0);
        expected.put("hikaricp.connections.timeout", 0.0);
        expected.put("hikaricp.connections.creation", 1.0);
        expected.put("hikaricp.connections.acquire", 2.0);
        expected.put("hikaricp.connections.usage", 0.0);
        expected.put("cistern.connections.created", 1.0);
        expected.put("cistern.connections.create_errors", 0.0);
        expected.put("cistern.connections.closed", 0.0);
        expected.put("cistern.connections.invalidated", 0.0);
        expected.put("cistern.connections.leaked", 0.0);
        expected.put("cistern.connections.reclaimed", 0.0);
        expected.put("cistern.connections.abandoned", 0.0);
        expected.put("cistern.pool.soft_invalidations", 0.0);
        assertThat(values(hikari)).isEqualTo(expected);
        assertThat(hikari.getMeters())
            .allSatisfy(
                m -> assertThat(m.getId().getTag(CisternMetrics.HIKARI_POOL_TAG)).isEqualTo(name));
        assertThat(values(otel)).containsEntry("db.client.connection.idle.min", 1.0);
      }
      assertThat(hikari.get("hikaricp.connections.usage").timer().count()).isEqualTo(2);
      assertThat(otel.get("db.client.connection.use_time").timer().count()).isEqualTo(2);
      assertThat(hikari.get("hikaricp.connections.idle").gauge().value()).isEqualTo(2);

      hikariMetrics.unbind(hikari);
      assertThat(hikari.getMeters()).isEmpty();
      try (SqlConnection c = engine.connect()) {
        select1(c);
      }
      assertThat(otel.get("db.client.connection.use_time").timer().count()).isEqualTo(3);
    } finally {
      engine.close();
    }
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  /** Unlimited limits are not published; the binder's listener leaves with the last unbind. */
  @Test
  void unlimitedLimitsAreNotPublished_andUnbindRemovesTheListener() {
    TestDatabase db = TestDatabase.createH2();
    try (db;
        Engine engine = Engine.builder(db.cisternUrl()).name(newName()).poolSize(4, -1).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      CisternMetrics metrics = new CisternMetrics(engine);
      metrics.bindTo(registry);
      try (SqlConnection c = engine.connect()) {
        select1(c);
        assertThat(values(registry))
            .doesNotContainKey("db.client.connection.max")
            .containsEntry("db.client.connection.count{db.client.connection.state=used}", 1.0)
            .containsEntry("db.client.connection.idle.max", 4.0)
            .containsEntry("db.client.connection.wait_time", 1.0);
      }
      metrics.unbind(registry);
      assertThat(registry.getMeters()).isEmpty();
      assertThat(engine.removeListener(metrics.events())).as("already removed").isFalse();
    }
  }

  /** Meters bound after the engine ran count from then on; a dropped connection is reclaimed. */
  @Test
  void boundLate_countsFromThen_andAReclaimIsCounted() {
    TestDatabase db = TestDatabase.createH2();
    try (db;
        Engine engine = Engine.builder(db.cisternUrl()).name(newName()).poolSize(2, 0).build()) {
      try (SqlConnection c = engine.connect()) {
        select1(c); // before the binder: not counted
      }
      MeterRegistry registry = new SimpleMeterRegistry();
      CisternMetrics metrics = new CisternMetrics(engine);
      metrics.bindTo(registry);
      borrowAndDrop(engine);
      Awaits.untilCollected(
          "the dropped connection to be reclaimed",
          () -> registry.get("cistern.connections.reclaimed").functionCounter().count() == 1);
      Map<String, Double> v = values(registry);
      assertThat(v)
          .containsEntry("cistern.connections.created", 0.0)
          .containsEntry("db.client.connection.wait_time", 1.0)
          .containsEntry("db.client.connection.use_time", 1.0)
          .containsEntry("cistern.connections.invalidated", 1.0)
          .containsEntry("cistern.connections.leaked", 0.0);
      assertThat(metrics.events().tracked()).isZero();
    }
  }

  private static void borrowAndDrop(Engine engine) {
    SqlConnection c = engine.connect();
    select1(c);
  }

  /** A connect that fails counts a create error; its borrower's timeout counts once. */
  @Test
  void aFailedConnectCountsACreateError() {
    try (Engine engine =
        Engine.builder("h2:file:/nonexistent-dir/cistern/x;IFEXISTS=TRUE")
            .name(newName())
            .option(Option.POOL_TIMEOUT, Duration.ofMillis(300))
            .build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new CisternMetrics(engine).bindTo(registry);
      assertThatThrownBy(engine::connect).isInstanceOf(RuntimeException.class);
      assertThat(registry.get("cistern.connections.create_errors").functionCounter().count())
          .isGreaterThanOrEqualTo(1);
      assertThat(registry.get("db.client.connection.create_time").timer().count()).isZero();
      assertThat(registry.get("db.client.connection.wait_time").timer().count()).isZero();
    }
  }

  @Test
  void aNullPoolKeepsNoIdleConnection() {
    TestDatabase db = TestDatabase.createH2();
    try (db;
        Engine engine =
            Engine.builder(db.cisternUrl())
                .name(newName())
                .option(Option.POOL_CLASS, PoolClass.NULL)
                .build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      CisternMetrics metrics = new CisternMetrics(engine);
      metrics.bindTo(registry);
      try (SqlConnection c = engine.connect()) {
        select1(c);
      }
      await().atMost(WAIT).until(() -> metrics.events().closed() == 1);
      assertThat(values(registry))
          .doesNotContainKey("db.client.connection.max")
          .containsEntry("db.client.connection.idle.max", 0.0)
          .containsEntry("db.client.connection.use_time", 1.0)
          .containsEntry("db.client.connection.create_time", 1.0)
          .containsEntry("cistern.connections.created", 1.0);
      assertThat(metrics.events().tracked()).isZero();
    }
  }

  @Test
  void bindingTwiceToOneRegistryRecordsOnce() {
    TestDatabase db = TestDatabase.createH2();
    try (db;
        Engine engine = Engine.builder(db.cisternUrl()).name(newName()).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      CisternMetrics metrics = new CisternMetrics(engine);
      metrics.bindTo(registry);
      metrics.bindTo(registry);
      try (SqlConnection c = engine.connect()) {
        select1(c);
      }
      assertThat(registry.get("db.client.connection.wait_time").timer().count()).isEqualTo(1);
      assertThat(Tags.of(CisternMetrics.OTEL_POOL_TAG, engine.name())).hasSize(1);
    }
  }
}
