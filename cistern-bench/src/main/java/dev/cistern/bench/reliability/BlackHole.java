package dev.cistern.bench.reliability;

import dev.cistern.testkit.fault.FaultProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 3, black hole: a {@code FaultProxy} between the pool and the shared server forwards
 * nothing, with every socket kept open (a dead network, a crashed host), first at idle (the fault
 * starts before the load) and then under load, each for the scenario's duration. {@value #THREADS}
 * threads borrow, run {@code select 1} and return, on a pool of {@value #SIZE} with a 1 s
 * poolTimeout. Measured: the longest borrow ({@code getConnection}, validation included) against
 * poolTimeout + 100 ms; the statements in flight when the fault began (how many returned, failed,
 * and how long they were stuck); then, still black-holed, {@code close(1s)} (HikariCP {@code
 * close()}), and once the network heals, the server sessions left.
 *
 * <p>Two settings per pool: {@code statementTimeout=5s} (Cistern; HikariCP, which has no statement
 * timeout, gets the driver {@code socketTimeout} Cistern derives from it, 7.5 s, as HikariCP
 * advises) and the defaults (nothing set).
 */
public final class BlackHole implements Scenario {
  static final int THREADS = 8;
  static final int SIZE = 4;
  static final Duration POOL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration GRACE = Duration.ofSeconds(1);
  static final Duration SESSIONS_BOUND = Duration.ofSeconds(5);
  static final Duration SLACK = Duration.ofMillis(100);
  static final Duration CLOSE_BOUND = Duration.ofSeconds(10);

  private final List<String> variants;

  /** Both settings: {@code st5} (statementTimeout 5 s) and {@code def} (defaults). */
  public BlackHole() {
    this(List.of("st5", "def"));
  }

  /** Only the given settings, {@code st5} and/or {@code def}. */
  public BlackHole(List<String> variants) {
    this.variants = List.copyOf(variants);
  }

  @Override
  public int id() {
    return 3;
  }

  @Override
  public String name() {
    return "black-hole";
  }

  @Override
  public String title() {
    return "3. Black hole";
  }

  private static String label(String v) {
    return v.equals("st5") ? "statementTimeout 5 s" : "defaults";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int seconds = ctx.count(3, 20);
    for (String v : variants) {
      String l = label(v) + ": ";
      report.metric(v + "_idle_borrow_max", l + "at idle, longest borrow", "ms");
      report.metric(v + "_idle_ok", l + "at idle, operations that succeeded", "");
      report.metric(v + "_idle_err", l + "at idle, operations that failed", "");
      report.metric(v + "_load_borrow_max", l + "under load, longest borrow", "ms");
      report.metric(v + "_inflight_err", l + "in-flight statements that failed", "");
      report.metric(
          v + "_inflight_ok", l + "in-flight statements that returned (after healing)", "");
      report.metric(v + "_inflight_max", l + "in-flight statements, longest stuck", "ms");
      report.metric(v + "_close_ms", l + "close while black-holed (10000: not back in 10 s)", "ms");
      report.metric(v + "_hung", l + "threads not back 5 s after healing", "");
      report.metric(v + "_sessions", l + "server sessions 5 s after healing", "");
    }
    report.setting(
        "black hole of "
            + seconds
            + " s at idle, then "
            + seconds
            + " s under load, through a FaultProxy in front of the shared server; "
            + THREADS
            + " threads, pool of "
            + SIZE
            + " (Cistern maxOverflow 0), poolTimeout/connectionTimeout "
            + POOL_TIMEOUT.toSeconds()
            + " s; borrow time = getConnection()");
    report.setting(
        "statementTimeout 5 s: Cistern statementTimeout=5s (it then sets the driver's socket"
            + " timeout to 7.5 s and connectTimeout to poolTimeout itself); HikariCP has no statement"
            + " timeout, so it gets socketTimeout=8 (pgjdbc, whole seconds) / 7500 (MariaDB, ms), the"
            + " driver setting HikariCP's documentation tells its users to set. defaults: nothing"
            + " set on either pool (Cistern still sets connectTimeout = poolTimeout)");
    report.setting(
        "close while black-holed: Cistern close("
            + GRACE.toSeconds()
            + "s), HikariCP close(); then the proxy heals and the pool's sessions are counted for"
            + " up to "
            + SESSIONS_BOUND.toSeconds()
            + " s");
    for (Database db : ctx.databases()) {
      var reason = Scratch.unavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      for (Target t : ctx.targets()) {
        for (String v : variants) {
          try (Rig rig = Rig.shared(db)) {
            runOn(ctx, report, rig, t, v, Duration.ofSeconds(seconds));
          }
        }
      }
    }
  }

  private void runOn(Context ctx, ScenarioReport report, Rig rig, Target t, String v, Duration hole)
      throws Exception {
    FaultProxy proxy = rig.proxy();
    String app = "rel3-" + (t == Target.CISTERN ? "c" : "h") + "-" + v;
    Pool.Settings s = Pool.Settings.of(app, SIZE, POOL_TIMEOUT);
    if (v.equals("st5")) {
      s = s.withStatementTimeout(STATEMENT_TIMEOUT);
    }
    Database d = rig.database();
    Pool pool = Pool.open(t, rig.endpoint(), s);
    try {
      DataSource ds = pool.dataSource();
      Rig.selectOne(ds);
      // at idle: the fault first, then the load
      AtomicLong idleBorrow = new AtomicLong();
      proxy.blackHole();
      Load idle = Load.start("rel3i", THREADS, 100_000_000, hole, SLACK, op(ds, idleBorrow, null));
      LockSupport.parkNanos(hole.toNanos());
      proxy.passThrough();
      Load.Result ri = idle.stopAndJoin(SESSIONS_BOUND);
      // under load: the load first, then the fault, then close while still black-holed
      AtomicLong loadBorrow = new AtomicLong();
      InFlight inFlight = new InFlight();
      Load load =
          Load.start(
              "rel3l",
              THREADS,
              100_000_000,
              hole.plusSeconds(30),
              SLACK,
              op(ds, loadBorrow, inFlight));
      LockSupport.parkNanos(500_000_000L);
      inFlight.at = System.nanoTime();
      proxy.blackHole();
      LockSupport.parkNanos(hole.toNanos());
      load.stop();
      Pool.Closed closed = pool.close(GRACE, CLOSE_BOUND);
      proxy.passThrough();
      if (closed.millis() < 0) {
        report.note(
            t.label()
                + " "
                + d.label()
                + ", "
                + label(v)
                + ": close("
                + GRACE.toSeconds()
                + "s) had not returned "
                + CLOSE_BOUND.toSeconds()
                + " s later, while the network was black-holed (it returns once the network heals)");
      }
      double closeMs = closed.millis() < 0 ? CLOSE_BOUND.toMillis() : closed.millis();
      Load.Result rl = load.stopAndJoin(SESSIONS_BOUND);
      long until = System.nanoTime() + SESSIONS_BOUND.toNanos();
      int sessions = rig.sessions(app);
      while (sessions > 0 && System.nanoTime() < until) {
        LockSupport.parkNanos(50_000_000L);
        sessions = rig.sessions(app);
      }
      double idleMax = idleBorrow.get() / 1e6;
      double loadMax = loadBorrow.get() / 1e6;
      report.put(d, t, v + "_idle_borrow_max", idleMax);
      report.put(d, t, v + "_idle_ok", ri.successes());
      report.put(d, t, v + "_idle_err", ri.errors());
      report.put(d, t, v + "_load_borrow_max", loadMax);
      report.put(d, t, v + "_inflight_err", inFlight.err.get());
      report.put(d, t, v + "_inflight_ok", inFlight.ok.get());
      report.put(d, t, v + "_inflight_max", inFlight.maxNanos.get() / 1e6);
      report.put(d, t, v + "_close_ms", closeMs);
      report.put(d, t, v + "_hung", ri.hung() + rl.hung());
      report.put(d, t, v + "_sessions", sessions);
      long bound = POOL_TIMEOUT.plus(SLACK).toMillis();
      String l = label(v) + ": ";
      if (t == Target.CISTERN) {
        report.goal(
            l + "no borrow over poolTimeout + 100 ms (at idle)",
            d,
            t,
            idleMax <= bound,
            ScenarioReport.format(idleMax) + " ms");
        report.goal(
            l + "no borrow over poolTimeout + 100 ms (under load)",
            d,
            t,
            loadMax <= bound,
            ScenarioReport.format(loadMax) + " ms");
        report.goal(
            l + "close(" + GRACE.toSeconds() + "s) while black-holed within grace + 1 s",
            d,
            t,
            closed.millis() >= 0 && closeMs <= GRACE.plusSeconds(1).toMillis(),
            (closed.millis() < 0 ? "> " : "") + ScenarioReport.format(closeMs) + " ms");
        if (v.equals("st5") && hole.toSeconds() >= 10) {
          double stuck = inFlight.maxNanos.get() / 1e6;
          report.goal(
              l + "in-flight statements released within 10 s",
              d,
              t,
              stuck <= 10_000 && rl.hung() == 0,
              ScenarioReport.format(stuck) + " ms");
        }
      }
      report.goal(
          l + "0 server sessions after healing",
          d,
          t,
          sessions == 0,
          ScenarioReport.format(sessions));
      ctx.log()
          .printf(
              "%s %s %s %s: borrow max idle %.0f / load %.0f ms, idle %d ok %d err, in flight %d ok"
                  + " %d err (max %.0f ms), close %.0f ms, hung %d, sessions %d%n",
              name(),
              d.label(),
              t.label(),
              v,
              idleMax,
              loadMax,
              ri.successes(),
              ri.errors(),
              inFlight.ok.get(),
              inFlight.err.get(),
              inFlight.maxNanos.get() / 1e6,
              closed.millis() < 0 ? CLOSE_BOUND.toMillis() : closed.millis(),
              ri.hung() + rl.hung(),
              sessions);
    } finally {
      proxy.passThrough();
      pool.close(GRACE, CLOSE_BOUND);
    }
  }

  /** Statements running when the fault began: their outcome and how long after it they ended. */
  static final class InFlight {
    volatile long at;
    final AtomicLong ok = new AtomicLong();
    final AtomicLong err = new AtomicLong();
    final AtomicLong maxNanos = new AtomicLong();

    void ended(long started, boolean success) {
      long fault = at;
      long now = System.nanoTime();
      if (fault != 0 && started < fault && now > fault) {
        (success ? ok : err).incrementAndGet();
        Rig.max(maxNanos, now - fault);
      }
    }
  }

  private static Load.Operation op(DataSource ds, AtomicLong borrowMax, InFlight inFlight) {
    return (thread, seq) -> {
      long t0 = System.nanoTime();
      boolean success = false;
      try (Connection c = getConnection(ds, borrowMax);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select 1")) {
        rs.next();
        success = true;
      } finally {
        if (inFlight != null) {
          inFlight.ended(t0, success);
        }
      }
    };
  }

  private static Connection getConnection(DataSource ds, AtomicLong borrowMax)
      throws java.sql.SQLException {
    long t0 = System.nanoTime();
    try {
      return ds.getConnection();
    } finally {
      Rig.max(borrowMax, System.nanoTime() - t0);
    }
  }
}
