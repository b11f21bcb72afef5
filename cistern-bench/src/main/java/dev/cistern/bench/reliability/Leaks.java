package dev.cistern.bench.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 7, leaks: {@value #THREADS} threads borrow, run {@code select 1} and return, 1,000 times
 * in all, and every tenth borrower drops its connection without closing it, on a pool of {@value
 * #SIZE} with a 250 ms borrow timeout and a 2 s leak detection threshold (Cistern also with its
 * default {@code reclaimLeaks=true}). Twice: without any {@code System.gc()} call, and with one
 * every {@value #GC_EVERY} iterations. Measured: borrow timeouts, iterations done (a pool that runs
 * dry stops the run after {@value #DRY_AFTER} timeouts in a row), connections still borrowed at the
 * end (slots lost), again after one more GC, and the WARN lines each pool logs about it (captured
 * from slf4j-simple on {@code System.err}). A third run, Cistern's alone (HikariCP has nothing like
 * it), is without GC but with {@code abandonTimeout} at {@value #ABANDON_MILLIS} ms: the dropped
 * connections are aborted and their slots freed without a collection.
 */
public final class Leaks implements Scenario {
  static final int THREADS = 4;
  static final int SIZE = 10;
  static final int LEAK_EVERY = 10;
  static final int GC_EVERY = 50;
  static final int DRY_AFTER = 20;

  /**
   * With the abandon timeout a pool runs dry for up to 1.5 times it before it gets its slots back:
   * {@value} timeouts in a row (about 6 s on 4 threads) before the run counts as dry.
   */
  static final int DRY_AFTER_ABANDON = 100;

  static final Duration POOL_TIMEOUT = Duration.ofMillis(250);
  static final Duration THRESHOLD = Duration.ofSeconds(2);
  static final Duration SETTLE = Duration.ofSeconds(3);
  static final long ABANDON_MILLIS = 1000;
  static final Duration ABANDON = Duration.ofMillis(ABANDON_MILLIS);
  static final List<String> MODES = List.of("nogc", "gc", "abandon");

  /** How a mode is named in the report. */
  static String how(String mode) {
    switch (mode) {
      case "gc":
        return "with a GC every " + GC_EVERY;
      case "abandon":
        return "without GC, abandonTimeout " + ABANDON_MILLIS + " ms";
      default:
        return "without GC";
    }
  }

  private final LogCapture logs;

  /** A scenario counting log lines through {@code logs}, or none if {@code null}. */
  public Leaks(LogCapture logs) {
    this.logs = logs;
  }

  @Override
  public int id() {
    return 7;
  }

  @Override
  public String name() {
    return "leaks";
  }

  @Override
  public String title() {
    return "7. Leaks";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int iterations = ctx.count(1000, 1000);
    for (String mode : MODES) {
      String how = how(mode);
      report.metric(mode + "_leaks", how + ": connections dropped", "");
      report.metric(mode + "_done", how + ": iterations done", "");
      report.metric(mode + "_timeouts", how + ": borrow timeouts", "");
      report.metric(mode + "_lost", how + ": slots lost at the end", "");
      report.metric(mode + "_lost_after_gc", how + ": slots lost after one more GC", "");
      report.metric(mode + "_warn_held", how + ": WARN lines 'held too long'", "");
      report.metric(mode + "_warn_reclaimed", how + ": WARN lines 'reclaimed'", "");
      if (mode.equals("abandon")) {
        report.metric(mode + "_warn_abandoned", how + ": WARN lines 'abandonTimeout'", "");
      }
    }
    report.setting(
        iterations
            + " iterations on "
            + THREADS
            + " threads, pool of "
            + SIZE
            + " (Cistern maxOverflow 0), borrow timeout "
            + POOL_TIMEOUT.toMillis()
            + " ms (HikariCP's minimum), leakDetectionThreshold "
            + THRESHOLD.toSeconds()
            + " s (HikariCP's minimum); Cistern reclaimLeaks=true (default)");
    report.setting(
        "the third run is Cistern's alone, with abandonTimeout "
            + ABANDON_MILLIS
            + " ms and no GC at all until the slots are counted: HikariCP has no such option");
    report.setting(
        "every "
            + LEAK_EVERY
            + "th borrower drops its connection unclosed; a run stops early after "
            + DRY_AFTER
            + " ("
            + DRY_AFTER_ABANDON
            + " with abandonTimeout, which frees the slots only after it)"
            + " borrow timeouts in a row (the pool ran dry)");
    report.setting(
        "slots lost: connections the pool counts as borrowed after the run and "
            + SETTLE.toSeconds()
            + " s (the leak log's threshold has passed); then one System.gc() and up to "
            + SETTLE.toSeconds()
            + " s for the pool to get them back");
    for (Database db : ctx.databases()) {
      var reason = Scratch.unavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      for (Target t : ctx.targets()) {
        try (Scratch scratch = Scratch.create(db)) {
          for (String mode : MODES) {
            if (mode.equals("abandon") && t != Target.CISTERN) {
              continue;
            }
            runOn(ctx, report, scratch, t, mode, iterations);
          }
        }
      }
    }
  }

  private void runOn(
      Context ctx, ScenarioReport report, Scratch db, Target t, String mode, int iterations)
      throws Exception {
    boolean gc = mode.equals("gc");
    String app = "rel7-" + (t == Target.CISTERN ? "c" : "h") + "-" + mode;
    int logStart = logs == null ? 0 : logs.size();
    Pool.Settings s = Pool.Settings.of(app, SIZE, POOL_TIMEOUT).withLeakThreshold(THRESHOLD);
    if (mode.equals("abandon")) {
      s = s.withAbandonTimeout(ABANDON);
    }
    int dryAfter = mode.equals("abandon") ? DRY_AFTER_ABANDON : DRY_AFTER;
    Pool pool = Pool.open(t, db, s);
    try {
      DataSource ds = pool.dataSource();
      AtomicInteger leaks = new AtomicInteger();
      AtomicInteger timeouts = new AtomicInteger();
      AtomicInteger inARow = new AtomicInteger();
      AtomicReference<Load> self = new AtomicReference<>();
      Load load =
          Load.start(
              "rel7",
              THREADS,
              iterations,
              Duration.ofSeconds(60),
              Duration.ofMillis(100),
              (thread, seq) -> {
                if (gc && seq % GC_EVERY == GC_EVERY - 1) {
                  System.gc();
                }
                Connection c;
                try {
                  c = ds.getConnection();
                } catch (SQLException e) {
                  timeouts.incrementAndGet();
                  if (inARow.incrementAndGet() >= dryAfter && self.get() != null) {
                    self.get().stop();
                  }
                  throw e;
                }
                inARow.set(0);
                try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select 1")) {
                  rs.next();
                }
                if (seq % LEAK_EVERY == LEAK_EVERY - 1) {
                  leaks.incrementAndGet();
                  return; // dropped: never closed, no reference kept
                }
                c.close();
              });
      self.set(load);
      Load.Result r = load.awaitAndJoin(Duration.ofSeconds(60), Duration.ofSeconds(5));
      // let the leak log's threshold pass (no GC here: the "without GC" run stays without one)
      LockSupport.parkNanos(SETTLE.toNanos());
      int lost = pool.counts().active();
      System.gc();
      long until = System.nanoTime() + SETTLE.toNanos();
      long nextGc = System.nanoTime() + 500_000_000L;
      while (pool.counts().active() > 0 && System.nanoTime() < until) {
        LockSupport.parkNanos(20_000_000);
        if (System.nanoTime() > nextGc) {
          System.gc();
          nextGc = System.nanoTime() + 500_000_000L;
        }
      }
      int lostAfterGc = pool.counts().active();
      Database d = db.database();
      report.put(d, t, mode + "_leaks", leaks.get());
      report.put(d, t, mode + "_done", r.successes() + r.errors());
      report.put(d, t, mode + "_timeouts", timeouts.get());
      report.put(d, t, mode + "_lost", lost);
      report.put(d, t, mode + "_lost_after_gc", lostAfterGc);
      String how = how(mode);
      if (mode.equals("abandon")) {
        report.goal(
            how + ": 0 slots lost before any GC", d, t, lost == 0, ScenarioReport.format(lost));
        report.goal(
            how + ": all " + iterations + " iterations done (the pool never ran dry)",
            d,
            t,
            r.successes() + r.errors() == iterations,
            ScenarioReport.format(r.successes() + r.errors()));
      } else if (gc) {
        report.goal(
            how + ", then one GC: 0 slots lost",
            d,
            t,
            lostAfterGc == 0,
            ScenarioReport.format(lostAfterGc));
        report.goal(
            how + ": 0 borrow timeouts",
            d,
            t,
            timeouts.get() == 0,
            ScenarioReport.format(timeouts.get()));
      } else {
        report.goal(
            how + ", then one GC: 0 slots lost",
            d,
            t,
            lostAfterGc == 0,
            ScenarioReport.format(lostAfterGc));
      }
      if (logs != null) {
        List<String> warns = logs.since(logStart, l -> LogCapture.isWarn(l) && l.contains(app));
        long held =
            warns.stream()
                .filter(
                    l ->
                        (l.contains("held for") && !l.contains("abandonTimeout"))
                            || l.contains("leak detection triggered"))
                .count();
        long reclaimed = warns.stream().filter(l -> l.contains("reclaimed")).count();
        if (mode.equals("abandon")) {
          report.put(
              d,
              t,
              mode + "_warn_abandoned",
              warns.stream().filter(l -> l.contains("longer than abandonTimeout")).count());
        }
        report.put(d, t, mode + "_warn_held", held);
        report.put(d, t, mode + "_warn_reclaimed", reclaimed);
        warns.stream()
            .findFirst()
            .ifPresent(
                l ->
                    report.note(
                        t.label()
                            + " logs, e.g.: `"
                            + l.replaceAll("rel7-[a-z]-[a-z]+", "NAME")
                                .replaceAll("@[0-9a-f]+", "@…")
                                .replaceAll("thread '[^']*'", "thread 'T'")
                                .replaceAll("on thread [^,]+", "on thread T")
                                .replaceAll(
                                    "for org\\.mariadb\\.jdbc\\.Connection@…",
                                    "for DRIVER-CONNECTION")
                                .replaceAll(
                                    "for org\\.postgresql\\.jdbc\\.PgConnection@…",
                                    "for DRIVER-CONNECTION")
                                .replaceAll("\\[[^\\]]*\\]", "[T]")
                                .replaceAll("#\\d+", "#N")
                                .replaceAll("held for [^ ]+", "held for D")
                            + "`"));
      }
      ctx.log()
          .printf(
              "%s %s %s %s: %d leaks, %d done, %d timeouts, lost %d, after GC %d%n",
              name(),
              d.label(),
              t.label(),
              how,
              leaks.get(),
              r.successes() + r.errors(),
              timeouts.get(),
              lost,
              lostAfterGc);
    } finally {
      pool.close(Duration.ofSeconds(1));
    }
  }
}
