package dev.cistern.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import dev.cistern.bench.pg.PgSupport;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * How long shutting a pool of idle connections takes: Cistern's {@code engine.dispose()} and {@code
 * engine.close()} against HikariCP's {@code close()}, on the stub driver (no I/O: the pools' own
 * cost), on the stub driver with a 1 ms close delay per connection, and on the real PostgreSQL.
 *
 * <p>Each repetition fills a fresh pool with N idle connections (Cistern: {@code poolSize=N,
 * maxOverflow=0}, N connections borrowed at once and returned, so a disposed engine's fresh pool
 * opens nothing in the background; HikariCP: {@code maximumPoolSize=minimumIdle=N}), then times the
 * call. Rows per pool: {@code <op>_ms_p50/max} (the call), {@code <op>_sessions_left_max} (sessions
 * still open when the call returned: stub live connections, or PostgreSQL {@code pg_stat_activity}
 * rows with the pool's application name) and {@code <op>_drained_ms_p50/max} (until no session is
 * left; Cistern closes idle connections on background threads).
 */
public final class DisposeHarness implements Harness {
  private static final long DRAIN_LIMIT_NANOS = Duration.ofSeconds(10).toNanos();

  private final int connections;
  private final int reps;
  private final int warmups;
  private final int pgReps;
  private final boolean postgres;

  /**
   * @param connections idle connections per pool
   * @param reps measured repetitions per pool and operation
   * @param warmups unmeasured repetitions first
   * @param pgReps measured repetitions on PostgreSQL (each opens 3 x connections sessions), 0 to
   *     skip it
   */
  public DisposeHarness(int connections, int reps, int warmups, int pgReps) {
    this.connections = connections;
    this.reps = reps;
    this.warmups = warmups;
    this.pgReps = pgReps;
    this.postgres = pgReps > 0;
  }

  /** 100 connections, 10 repetitions on the stub driver, 5 on PostgreSQL. */
  public static DisposeHarness quick() {
    return new DisposeHarness(100, 10, 2, 3);
  }

  /** 100 connections, 30 repetitions. */
  public static DisposeHarness full() {
    return new DisposeHarness(100, 30, 3, 30);
  }

  @Override
  public String name() {
    return "dispose";
  }

  @Override
  public void run(HarnessCsv csv, PrintStream out) throws Exception {
    StubDriver.register();
    scenario(csv, out, new StubTarget(Duration.ZERO), "dispose-stub", connections, reps, warmups);
    scenario(
        csv,
        out,
        new StubTarget(Duration.ofMillis(1)),
        "dispose-stub-closedelay1ms",
        connections,
        reps,
        warmups);
    if (!postgres) {
      return;
    }
    String reason = PgSupport.unreachableReason();
    if (reason != null) {
      out.println("dispose-pg: skipped, " + reason);
      return;
    }
    try (Connection admin = PgSupport.open("cistern-bench-admin")) {
      int free = freeSessions(admin);
      int n = Math.min(connections, free - 5);
      if (n < 10) {
        out.println("dispose-pg: skipped, only " + free + " free server sessions");
        return;
      }
      if (n < connections) {
        out.println(
            "dispose-pg: max_connections leaves room for " + n + " sessions, not " + connections);
      }
      scenario(csv, out, new PgTarget(admin), "dispose-pg", n, pgReps, Math.min(1, warmups));
    }
  }

  private static int freeSessions(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select current_setting('max_connections')::int"
                    + " - (select count(*) from pg_stat_activity where backend_type = 'client backend')")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void scenario(
      HarnessCsv csv, PrintStream out, Target target, String bench, int n, int reps, int warmups)
      throws Exception {
    csv.add(bench, "all", "connections", n, "count");
    csv.add(bench, "all", "repetitions", reps, "count");
    double[][] cisternDispose = measure(target, bench, n, Op.CISTERN_DISPOSE, reps, warmups);
    double[][] cisternClose = measure(target, bench, n, Op.CISTERN_CLOSE, reps, warmups);
    double[][] hikariClose = measure(target, bench, n, Op.HIKARI_CLOSE, reps, warmups);
    record(csv, bench, "cistern", "dispose", cisternDispose);
    record(csv, bench, "cistern", "close", cisternClose);
    record(csv, bench, "hikari", "close", hikariClose);
    double hikari = Stats.percentile(hikariClose[0], 50);
    out.printf(
        "%s (%d idle, %d reps): p50 cistern dispose %.2f ms, cistern close %.2f ms, hikari close %.2f ms"
            + " -> hikari/cistern-close %.1fx; sessions left max %d/%d/%d;"
            + " drained p50 %.1f/%.1f/%.1f ms%n",
        bench,
        n,
        reps,
        Stats.percentile(cisternDispose[0], 50),
        Stats.percentile(cisternClose[0], 50),
        hikari,
        hikari / Math.max(1e-6, Stats.percentile(cisternClose[0], 50)),
        (int) Stats.max(cisternDispose[1]),
        (int) Stats.max(cisternClose[1]),
        (int) Stats.max(hikariClose[1]),
        Stats.percentile(cisternDispose[2], 50),
        Stats.percentile(cisternClose[2], 50),
        Stats.percentile(hikariClose[2], 50));
  }

  private static void record(
      HarnessCsv csv, String bench, String pool, String op, double[][] samples) {
    csv.add(bench, pool, op + "_ms_p50", Stats.percentile(samples[0], 50), "ms");
    csv.add(bench, pool, op + "_ms_max", Stats.max(samples[0]), "ms");
    csv.add(bench, pool, op + "_sessions_left_max", Stats.max(samples[1]), "count");
    csv.add(bench, pool, op + "_drained_ms_p50", Stats.percentile(samples[2], 50), "ms");
    csv.add(bench, pool, op + "_drained_ms_max", Stats.max(samples[2]), "ms");
  }

  private enum Op {
    CISTERN_DISPOSE,
    CISTERN_CLOSE,
    HIKARI_CLOSE
  }

  /** Returns {call ms[], sessions left[], drained ms[]} over the measured repetitions. */
  private static double[][] measure(
      Target target, String bench, int n, Op op, int reps, int warmups) throws Exception {
    double[][] samples = new double[3][reps];
    for (int i = -warmups; i < reps; i++) {
      String name = bench + "-" + op.name().toLowerCase(java.util.Locale.ROOT) + "-" + i;
      target.prepare(name);
      long start;
      long end;
      if (op == Op.HIKARI_CLOSE) {
        HikariConfig hc = target.hikari(name);
        hc.setMaximumPoolSize(n);
        hc.setMinimumIdle(n);
        hc.setPoolName(name);
        HikariDataSource ds = new HikariDataSource(hc);
        await(() -> ds.getHikariPoolMXBean().getIdleConnections(), n, name);
        start = System.nanoTime();
        ds.close();
        end = System.nanoTime();
      } else {
        Engine engine =
            Engine.builder(target.cisternUrl(name))
                .name(name)
                .option(Option.POOL_SIZE, n)
                .option(Option.MAX_OVERFLOW, 0)
                .option(Option.SHUTDOWN_HOOK, false)
                .build();
        fill(engine, n);
        await(() -> engine.status().idle(), n, name);
        start = System.nanoTime();
        if (op == Op.CISTERN_DISPOSE) {
          engine.dispose();
        } else {
          engine.close();
        }
        end = System.nanoTime();
        if (op == Op.CISTERN_DISPOSE) {
          engine.close(Duration.ZERO);
        }
      }
      int left = target.sessions(name);
      long drained = left == 0 ? end : awaitDrained(target, name);
      target.finish(name);
      if (i >= 0) {
        samples[0][i] = Stats.ms(end - start);
        samples[1][i] = left;
        samples[2][i] = drained < 0 ? -1 : Stats.ms(drained - start);
      }
    }
    return samples;
  }

  private static void fill(Engine engine, int n) {
    List<SqlConnection> held = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        held.add(engine.connect());
      }
    } finally {
      held.forEach(SqlConnection::close);
    }
  }

  private static void await(IntSupplier idle, int n, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (idle.getAsInt() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + ": pool did not fill to " + n + " in 60 s");
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }

  private static long awaitDrained(Target target, String name) throws SQLException {
    long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
    while (System.nanoTime() < deadline) {
      if (target.sessions(name) == 0) {
        return System.nanoTime();
      }
      LockSupport.parkNanos(200_000L);
    }
    return -1;
  }

  /** Where the pools connect and how their open sessions are counted. */
  private interface Target {
    void prepare(String name);

    String cisternUrl(String name);

    HikariConfig hikari(String name);

    int sessions(String name) throws SQLException;

    void finish(String name);
  }

  /** A fresh stub database per repetition; sessions are its live connections. */
  private static final class StubTarget implements Target {
    private final Duration closeDelay;

    StubTarget(Duration closeDelay) {
      this.closeDelay = closeDelay;
    }

    @Override
    public void prepare(String name) {
      StubDatabase.reset(name);
      StubDatabase.named(name).closeFaults().setDelay(closeDelay);
    }

    @Override
    public String cisternUrl(String name) {
      return StubDriver.url(name);
    }

    @Override
    public HikariConfig hikari(String name) {
      HikariConfig hc = new HikariConfig();
      hc.setJdbcUrl(StubDriver.url(name));
      return hc;
    }

    @Override
    public int sessions(String name) {
      return StubDatabase.named(name).liveConnections();
    }

    @Override
    public void finish(String name) {
      StubDatabase.reset(name);
    }
  }

  /** The loopback PostgreSQL; sessions are counted by application name. */
  private static final class PgTarget implements Target {
    private final Connection admin;

    PgTarget(Connection admin) {
      this.admin = admin;
    }

    @Override
    public void prepare(String name) {}

    @Override
    public String cisternUrl(String name) {
      return PgSupport.cisternUrl();
    }

    @Override
    public HikariConfig hikari(String name) {
      HikariConfig hc = new HikariConfig();
      hc.setJdbcUrl(PgSupport.jdbcUrl());
      hc.setUsername(PgSupport.user());
      hc.addDataSourceProperty("ApplicationName", name);
      return hc;
    }

    @Override
    public int sessions(String name) throws SQLException {
      return PgSupport.sessions(admin, name);
    }

    @Override
    public void finish(String name) {}
  }
}
