package dev.cistern.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.SqlConnection;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CisternMetrics} on a real pool: every meter's value after each step of a workload. */
class CisternMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The README's lines (section "Observing Cistern: Micrometer"), used as they are below. */
  static final String README_LINES =
      """
      CisternMetrics.Events events = CisternMetrics.listener();
      Engine engine = Engine.builder(url).listener(events).build();
      new CisternMetrics(engine, events).bindTo(registry);
      """;

  private static String withQuery(String url, String query) {
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  @Test
  void theReadmeShowsTheseLines() throws IOException {
    String text = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertThat(text).contains("## Observing Cistern: Micrometer").contains(README_LINES);
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

  private static Map<String, Double> otel(
      double idle,
      double used,
      double pending,
      double created,
      double closed,
      double invalidated,
      double uses) {
    return otel(idle, used, pending, created, closed, invalidated, uses, 0);
  }

  private static Map<String, Double> otel(
      double idle,
      double used,
      double pending,
      double created,
      double closed,
      double invalidated,
      double uses,
      double softInvalidations) {
    Map<String, Double> m = new TreeMap<>();
    m.put("db.client.connection.count{db.client.connection.state=idle}", idle);
    m.put("db.client.connection.count{db.client.connection.state=used}", used);
    m.put("db.client.connection.idle.max", 2.0);
    m.put("db.client.connection.idle.min", 0.0);
    m.put("db.client.connection.max", 3.0);
    m.put("db.client.connection.pending_requests", pending);
    m.put("db.client.connection.use_time", uses);
    m.put("cistern.connections.created", created);
    m.put("cistern.connections.closed", closed);
    m.put("cistern.connections.invalidated", invalidated);
    m.put("cistern.pool.soft_invalidations", softInvalidations);
    return m;
  }

  private static void select1(SqlConnection c) {
    assertThat(c.execute("select 1").scalar()).isNotNull();
  }

  @OnEachDatabase
  void everyMeterFollowsAWorkload(TestDatabase db) throws Exception {
    String name = newName();
    String url = withQuery(db.cisternUrl(), "name=" + name + "&poolSize=2&maxOverflow=1");
    MeterRegistry registry = new SimpleMeterRegistry();
    // the README's lines, verbatim (README_LINES)
    CisternMetrics.Events events = CisternMetrics.listener();
    Engine engine = Engine.builder(url).listener(events).build();
    new CisternMetrics(engine, events).bindTo(registry);
    assertThat(engine.name()).isEqualTo(name);
    try {
      assertThat(registry.getMeters())
          .allSatisfy(
              m -> assertThat(m.getId().getTag(CisternMetrics.OTEL_POOL_TAG)).isEqualTo(name));
      assertThat(values(registry)).isEqualTo(otel(0, 0, 0, 0, 0, 0, 0));
      assertThat(registry.get("db.client.connection.max").gauge().getId().getBaseUnit())
          .isEqualTo("{connection}");

      // borrow and return
      try (SqlConnection c = engine.connect()) {
        select1(c);
        assertThat(values(registry)).isEqualTo(otel(0, 1, 0, 1, 0, 0, 0));
      }
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0, 1, 0, 0, 1));

      // hold two, then a third (overflow), and a fourth borrower waits
      SqlConnection x = engine.connect();
      SqlConnection y = engine.connect();
      assertThat(values(registry)).isEqualTo(otel(0, 2, 0, 2, 0, 0, 1));
      SqlConnection z = engine.connect();
      assertThat(values(registry)).isEqualTo(otel(0, 3, 0, 3, 0, 0, 1));
      CompletableFuture<SqlConnection> w = CompletableFuture.supplyAsync(engine::connect);
      await()
          .atMost(WAIT)
          .until(() -> registry.get("db.client.connection.pending_requests").gauge().value() == 1);
      assertThat(values(registry)).isEqualTo(otel(0, 3, 1, 3, 0, 0, 1));
      x.close(); // handed to the waiter
      SqlConnection wc = w.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      select1(wc);
      assertThat(values(registry)).isEqualTo(otel(0, 3, 0, 3, 0, 0, 2));
      y.close();
      z.close();
      assertThat(values(registry)).isEqualTo(otel(2, 1, 0, 3, 0, 0, 4));
      wc.close(); // poolSize connections are idle already: this overflow one is closed
      await().atMost(WAIT).until(() -> events.closed() == 1);
      assertThat(values(registry)).isEqualTo(otel(2, 0, 0, 3, 1, 0, 5));
      ServerSessions.awaitCount(db, name, 2, WAIT);

      // an invalidation: the use ends there, the connection is closed
      SqlConnection v = engine.connect();
      v.invalidate();
      v.close();
      await().atMost(WAIT).until(() -> events.closed() == 2);
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0, 3, 2, 1, 6));

      // dispose: the idle connection is closed, a fresh pool opens anew
      engine.dispose();
      await().atMost(WAIT).until(() -> events.closed() == 3);
      assertThat(values(registry)).isEqualTo(otel(0, 0, 0, 3, 3, 1, 6));
      try (SqlConnection c = engine.connect()) {
        select1(c);
      }
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0, 4, 3, 1, 7));
      assertThat(events.tracked()).isEqualTo(1);
    } finally {
      engine.close();
    }
    await().atMost(WAIT).until(() -> events.closed() == 4);
    assertThat(events.created()).isEqualTo(4);
    assertThat(events.invalidated()).isEqualTo(1);
    assertThat(events.tracked()).as("use records left").isZero();
    assertThat(registry.get("db.client.connection.use_time").timer().count()).isEqualTo(7);
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  /** A backend killed under a borrower: an invalidation, and every older connection made stale. */
  @OnEachDatabase(DatabaseKind.POSTGRESQL)
  void aKilledConnectionCountsAnInvalidationAndASoftInvalidation(TestDatabase db) throws Exception {
    String name = newName();
    MeterRegistry registry = new SimpleMeterRegistry();
    CisternMetrics.Events events = CisternMetrics.listener();
    Engine engine =
        Engine.builder(db.cisternUrl()).name(name).poolSize(2, 1).listener(events).build();
    new CisternMetrics(engine, events).bindTo(registry);
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
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0, 2, 1, 1, 2, 1));
      // the idle one is older than the disconnect: replaced at its next checkout
      try (SqlConnection d = engine.connect()) {
        select1(d);
      }
      await().atMost(WAIT).until(() -> events.closed() == 2);
      assertThat(values(registry)).isEqualTo(otel(1, 0, 0, 3, 2, 1, 3, 1));
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
    CisternMetrics.Events events = CisternMetrics.listener();
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name(name)
            .poolSize(2, 1)
            .option(Option.MIN_IDLE, 1)
            .listener(events)
            .build();
    MeterRegistry otel = new SimpleMeterRegistry();
    MeterRegistry hikari = new SimpleMeterRegistry();
    try {
      new CisternMetrics(engine, events).bindTo(otel);
      CisternMetrics hikariMetrics = CisternMetrics.hikariNames(engine, events);
      hikariMetrics.bindTo(hikari);
      await().atMost(WAIT).until(() -> engine.status().idle() == 1); // minIdle, in the background
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
        expected.put("hikaricp.connections.usage", 0.0);
        expected.put("cistern.connections.created", 2.0);
        expected.put("cistern.connections.closed", 0.0);
        expected.put("cistern.connections.invalidated", 0.0);
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

  @Test
  void gaugesOnlyWithoutEvents_andUnlimitedLimitsAreNotPublished() {
    TestDatabase db = TestDatabase.createH2();
    try (db;
        Engine engine = Engine.builder(db.cisternUrl()).name(newName()).poolSize(4, -1).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new CisternMetrics(engine).bindTo(registry);
      try (SqlConnection c = engine.connect()) {
        select1(c);
        assertThat(values(registry))
            .containsOnlyKeys(
                "db.client.connection.count{db.client.connection.state=idle}",
                "db.client.connection.count{db.client.connection.state=used}",
                "db.client.connection.idle.max",
                "db.client.connection.idle.min",
                "db.client.connection.pending_requests")
            .containsEntry("db.client.connection.count{db.client.connection.state=used}", 1.0)
            .containsEntry("db.client.connection.idle.max", 4.0);
      }
    }
  }

  @Test
  void aNullPoolKeepsNoIdleConnection() {
    TestDatabase db = TestDatabase.createH2();
    CisternMetrics.Events events = CisternMetrics.listener();
    try (db;
        Engine engine =
            Engine.builder(db.cisternUrl())
                .name(newName())
                .option(Option.POOL_CLASS, PoolClass.NULL)
                .listener(events)
                .build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new CisternMetrics(engine, events).bindTo(registry);
      try (SqlConnection c = engine.connect()) {
        select1(c);
      }
      await().atMost(WAIT).until(() -> events.closed() == 1);
      assertThat(values(registry))
          .doesNotContainKey("db.client.connection.max")
          .containsEntry("db.client.connection.idle.max", 0.0)
          .containsEntry("db.client.connection.use_time", 1.0)
          .containsEntry("cistern.connections.created", 1.0);
      assertThat(events.tracked()).isZero();
    }
  }

  @Test
  void oneEventsPerEngine() {
    TestDatabase db = TestDatabase.createH2();
    CisternMetrics.Events events = CisternMetrics.listener();
    try (db;
        Engine a = Engine.builder(db.cisternUrl()).name(newName()).listener(events).build();
        Engine b = Engine.builder(db.cisternUrl()).name(newName()).build()) {
      new CisternMetrics(a, events);
      assertThatThrownBy(() -> new CisternMetrics(b, events))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(a.name());
      assertThat(Tags.of(CisternMetrics.OTEL_POOL_TAG, a.name())).hasSize(1);
    }
  }
}
