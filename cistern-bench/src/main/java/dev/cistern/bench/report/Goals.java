package dev.cistern.bench.report;

import java.util.List;

/**
 * The goals of issues 9 and 18, judged from one run's numbers (ratios within the run, never
 * timings).
 */
final class Goals {
  static final String CYCLE = "CycleBenchmark.cycle";
  static final String CONTENDED = "ContendedBenchmark.cycle";
  static final String LATENCY = "LatencyBenchmark.borrow";
  static final String STATEMENT = "StatementBenchmark.statement";
  static final String PG = "PgSelectBenchmark.select";

  private static final String AGROAL = "agroal";

  private final Results r;
  private final Tables t;
  private final StringBuilder b = new StringBuilder();

  Goals(Results r) {
    this.r = r;
    this.t = new Tables(r);
  }

  /** The goals table. */
  String table() {
    b.append("| Goal | Measured | Status |\n|---|---|---|\n");
    for (String pool : List.of("cistern", "cistern-lean", "cistern-api")) {
      minRatio(
          "Connection cycle ≥ 2× HikariCP at every thread count (" + pool + ")", CYCLE, pool, 2);
    }
    minRatio(
        "Connection cycle with default options ≥ 1.3× Agroal at every thread count (cistern)",
        CYCLE,
        "cistern",
        AGROAL,
        1.3);
    minRatio("Contended cycle ≥ 1.2× HikariCP (cistern)", CONTENDED, "cistern", 1.2);
    p999("cistern");
    minRatio("Statement cycle ≥ 1.25× HikariCP (cistern)", STATEMENT, "cistern", 1.25);
    minRatio(
        "`SqlConnection.execute` + reading the row ≥ HikariCP's JDBC statement cycle (cistern-api)",
        STATEMENT,
        "cistern-api",
        1.0);
    statementBytes("cistern");
    alloc("cistern");
    alloc("cistern-lean");
    floor();
    pg();
    oltp();
    dispose("dispose-stub");
    dispose("dispose-stub-closedelay1ms");
    dispose("dispose-pg");
    forks();
    return b.toString();
  }

  private void minRatio(String goal, String bench, String pool, double target) {
    minRatio(goal, bench, pool, Tables.HIKARI, target);
  }

  private void minRatio(String goal, String bench, String pool, String ref, double target) {
    List<Integer> ts = t.threads(bench);
    double min = Double.NaN;
    StringBuilder m = new StringBuilder();
    for (int th : ts) {
      double x = t.ratio(bench, pool, ref, th);
      if (Double.isNaN(x)) {
        continue;
      }
      min = Double.isNaN(min) ? x : Math.min(min, x);
      m.append(m.length() == 0 ? "" : ", ").append(Tables.times(x)).append(" at ").append(th);
    }
    row(goal, m.length() == 0 ? "no data" : m.toString(), Double.isNaN(min) ? null : min >= target);
  }

  private void p999(String pool) {
    String goal = "Contended p99.9 borrow time ≤ 0.3× HikariCP's (" + pool + ")";
    Results.Jmh c = r.find(LATENCY, pool, 0);
    Results.Jmh h = r.find(LATENCY, Tables.HIKARI, 0);
    if (c == null || h == null || Double.isNaN(c.p999()) || Double.isNaN(h.p999())) {
      row(goal, "no data", null);
      return;
    }
    row(
        goal,
        Tables.fmt(c.p999())
            + " vs "
            + Tables.fmt(h.p999())
            + " "
            + Tables.unit(c.unit())
            + " ("
            + Tables.times(c.p999() / h.p999())
            + ")",
        c.p999() <= 0.3 * h.p999());
  }

  /** Bytes per statement cycle below HikariCP's. */
  private void statementBytes(String pool) {
    String goal = "Bytes per statement cycle below HikariCP's (" + pool + "; `-prof gc`)";
    double mine = Double.NaN;
    double hikari = Double.NaN;
    for (Results.Jmh j : r.of(STATEMENT)) {
      if (Double.isNaN(j.allocNorm())) {
        continue;
      }
      if (j.pool().equals(pool)) {
        mine = Double.isNaN(mine) ? j.allocNorm() : Math.max(mine, j.allocNorm());
      } else if (j.pool().equals(Tables.HIKARI)) {
        hikari = Double.isNaN(hikari) ? j.allocNorm() : Math.max(hikari, j.allocNorm());
      }
    }
    if (Double.isNaN(mine) || Double.isNaN(hikari)) {
      row(goal, "no data", null);
      return;
    }
    row(goal, Tables.bytes(mine) + " vs " + Tables.bytes(hikari) + " B/op", mine < hikari);
  }

  private void alloc(String pool) {
    double max = Double.NaN;
    for (Results.Jmh j : r.of(CYCLE)) {
      if (j.pool().equals(pool) && !Double.isNaN(j.allocNorm())) {
        max = Double.isNaN(max) ? j.allocNorm() : Math.max(max, j.allocNorm());
      }
    }
    double hikari = Double.NaN;
    for (Results.Jmh j : r.of(CYCLE)) {
      if (j.pool().equals(Tables.HIKARI) && !Double.isNaN(j.allocNorm())) {
        hikari = Double.isNaN(hikari) ? j.allocNorm() : Math.max(hikari, j.allocNorm());
      }
    }
    row(
        "0 B allocated per connection cycle (" + pool + "; `-prof gc`)",
        Double.isNaN(max)
            ? "no data"
            : Tables.bytes(max) + " B/op (HikariCP " + Tables.bytes(hikari) + " B/op)",
        Double.isNaN(max) ? null : max < 0.5);
  }

  private void floor() {
    StringBuilder m = new StringBuilder();
    for (int th : t.threads(CYCLE)) {
      double x = t.ratio(CYCLE, "cistern", Tables.FLOOR, th);
      if (!Double.isNaN(x)) {
        m.append(m.length() == 0 ? "" : ", ").append(Tables.times(x)).append(" at ").append(th);
      }
    }
    b.append("| Distance to floor (cistern cycle / floor cycle) | ")
        .append(m.length() == 0 ? "no data" : m)
        .append(" | reported |\n");
  }

  /** The execute API against plain JDBC, both on Cistern's pool, on the real PostgreSQL. */
  private void pg() {
    String goal =
        "`execute` API within 3% of plain JDBC on Cistern's pool (PostgreSQL select by key)";
    double best = Double.NaN;
    StringBuilder m = new StringBuilder();
    for (Results.Jmh e : r.of(PG)) {
      if (!e.pool().equals("cistern-execute")) {
        continue;
      }
      Results.Jmh j = r.find(PG, "cistern-jdbc", e.threads());
      if (j == null) {
        continue;
      }
      double x = e.score() / j.score();
      best = Double.isNaN(best) ? x : Math.min(best, x);
      m.append(m.length() == 0 ? "" : ", ")
          .append(Tables.times(x))
          .append(" of JDBC at ")
          .append(e.threads())
          .append(" threads (")
          .append(Tables.fmt(e.score()))
          .append(" vs ")
          .append(Tables.fmt(j.score()))
          .append(" ")
          .append(Tables.unit(e.unit()))
          .append(")");
    }
    if (m.length() == 0) {
      // quick mode runs no PgSelectBenchmark: the oltp harness's select by key, the auto-commit
      // view of the API (as the benchmark's engine) against JDBC on the same engine
      Oltp o = new Oltp(r);
      Oltp.Point p = new Oltp.Point("postgresql", "select");
      for (int t : o.threads(p)) {
        double e = o.value(p, "cistern-api-autocommit", "tps", t);
        double j = o.value(p, "cistern-jdbc", "tps", t);
        if (Double.isNaN(e) || Double.isNaN(j) || j == 0) {
          continue;
        }
        best = Double.isNaN(best) ? e / j : Math.min(best, e / j);
        m.append(m.length() == 0 ? "oltp harness, auto-commit view: " : ", ")
            .append(Tables.times(e / j))
            .append(" of JDBC at ")
            .append(t)
            .append(" threads");
      }
    }
    row(goal, m.length() == 0 ? "no data" : m.toString(), Double.isNaN(best) ? null : best >= 0.97);
  }

  /**
   * The real-database workloads: for each database, workload and Cistern path, throughput at least
   * HikariCP's and p99 below HikariCP's at every thread count (means over the rounds); and for each
   * database and workload, no more round trips per transaction than HikariCP on the wire.
   */
  private void oltp() {
    Oltp o = new Oltp(r);
    for (Oltp.Point p : o.points("oltp")) {
      for (String path : o.paths("oltp", p)) {
        if (path.equals(Oltp.HIKARI)) {
          continue;
        }
        StringBuilder m = new StringBuilder();
        Boolean met = null;
        for (int t : o.threads(p)) {
          double tps = o.value(p, path, "tps", t) / o.value(p, Oltp.HIKARI, "tps", t);
          double p99 = o.value(p, path, "p99_ms", t) / o.value(p, Oltp.HIKARI, "p99_ms", t);
          if (Double.isNaN(tps) || Double.isNaN(p99)) {
            continue;
          }
          m.append(m.length() == 0 ? "" : "; ")
              .append(t)
              .append(" thr: ")
              .append(Tables.times(tps))
              .append(" tx/s, p99 ")
              .append(Tables.times(p99));
          boolean ok = tps >= 1 && p99 < 1;
          met = met == null ? ok : met && ok;
        }
        row(
            p.label() + ", " + path + ": ≥ HikariCP throughput and lower p99 at every thread count",
            m.length() == 0 ? "no data" : m.toString(),
            met);
      }
    }
    for (Oltp.Point p : o.points("roundtrips")) {
      double h = o.roundTrips(p, Oltp.HIKARI, "round_trips_per_tx");
      StringBuilder m = new StringBuilder();
      Boolean met = null;
      for (String path : o.paths("roundtrips", p)) {
        double x = o.roundTrips(p, path, "round_trips_per_tx");
        if (Double.isNaN(x)) {
          continue;
        }
        m.append(m.length() == 0 ? "" : ", ").append(path).append(' ').append(Tables.fmt(x));
        if (!path.equals(Oltp.HIKARI) && !Double.isNaN(h)) {
          // counts over many transactions: a few hundredths are the pool's housekeeping
          boolean ok = x <= h + 0.05;
          met = met == null ? ok : met && ok;
        }
      }
      row(
          p.label() + ": Cistern adds no round trip over HikariCP (per transaction, on the wire)",
          m.length() == 0 ? "no data" : m.toString(),
          met);
    }
  }

  /**
   * Closing 100 idle connections: HikariCP's close() against Cistern's close(), p50 of the call.
   */
  private void dispose(String setup) {
    double c = harness(setup, "cistern", "close_ms_p50");
    double h = harness(setup, "hikari", "close_ms_p50");
    double left = harness(setup, "cistern", "close_sessions_left_max");
    String goal = "close() of idle connections ≥ 5× faster than HikariCP's (" + setup + ")";
    if (Double.isNaN(c) || Double.isNaN(h) || c <= 0) {
      row(goal, "no data", null);
      return;
    }
    String measured =
        Tables.times(h / c)
            + " ("
            + Tables.fmt(c)
            + " vs "
            + Tables.fmt(h)
            + " ms p50"
            + (Double.isNaN(left) ? "" : "; sessions left when it returned: " + Tables.fmt(left))
            + ")";
    row(goal, measured, h / c >= 5);
  }

  private double harness(String benchmark, String pool, String metric) {
    for (Results.Harness x : r.harness) {
      if (x.benchmark().equals(benchmark) && x.pool().equals(pool) && x.metric().equals(metric)) {
        return x.value();
      }
    }
    return Double.NaN;
  }

  private void forks() {
    int min = Integer.MAX_VALUE;
    List<String> compared = List.of(CYCLE, CONTENDED, LATENCY, STATEMENT);
    for (Results.Jmh j : r.jmh) {
      if ((j.pool().equals("cistern") || j.pool().equals(Tables.HIKARI))
          && compared.contains(j.benchmark())) {
        min = Math.min(min, j.forks());
      }
    }
    row(
        "Cistern-HikariCP comparisons with at least 3 forks",
        min == Integer.MAX_VALUE ? "no data" : "fewest forks: " + min,
        min == Integer.MAX_VALUE ? null : min >= 3);
  }

  private void row(String goal, String measured, Boolean met) {
    b.append("| ")
        .append(goal)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(met == null ? "no data" : met ? "**met**" : "not met")
        .append(" |\n");
  }
}
