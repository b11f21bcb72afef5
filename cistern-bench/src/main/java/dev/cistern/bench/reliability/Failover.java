package dev.cistern.bench.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 4, failover seen from the client: {@value #THREADS} threads run {@code select 1}
 * transactions on a pool of {@value #SIZE} through a {@code FaultProxy} in front of the shared
 * server, and the proxy's {@code failover()} makes every open connection dead for good (sockets
 * open, nothing comes back) while new connections pass at once: the new server accepts at the
 * moment of the failover. Measured: the time from the failover to the first successful transaction
 * begun after it, to 80% of the throughput before it (50 ms buckets), errors, and threads not back
 * within poolTimeout + 1 s of the end of the observation (stuck on a dead connection). Settings as
 * in scenario 3: {@code statementTimeout=5s} (HikariCP: the derived driver socketTimeout) and the
 * defaults; and, Cistern's alone, {@code statementTimeout=5s} with {@code lostRequestCheck=1s}.
 */
public final class Failover implements Scenario {
  static final int THREADS = 8;
  static final int SIZE = 8;
  static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration WARM = Duration.ofMillis(1000);
  static final Duration BUCKET = Duration.ofMillis(50);
  static final Duration GOAL = Duration.ofSeconds(2);
  static final Duration LOST_REQUEST_CHECK = Duration.ofSeconds(1);

  private final List<String> variants;

  /** Every setting: {@code st5}, {@code lrc} and {@code def}. */
  public Failover() {
    this(List.of("st5", "lrc", "def"));
  }

  /** Only the given settings, of {@code st5}, {@code lrc} and {@code def}. */
  public Failover(List<String> variants) {
    this.variants = List.copyOf(variants);
  }

  @Override
  public int id() {
    return 4;
  }

  @Override
  public String name() {
    return "failover";
  }

  @Override
  public String title() {
    return "4. Failover";
  }

  private static String label(String v) {
    switch (v) {
      case "st5":
        return "statementTimeout 5 s";
      case "lrc":
        return "statementTimeout 5 s + lostRequestCheck 1 s";
      default:
        return "defaults";
    }
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int seconds = ctx.count(10, 45);
    for (String v : variants) {
      String l = label(v) + ": ";
      report.metric(v + "_first_ok", l + "first successful transaction after the failover", "ms");
      report.metric(v + "_full", l + "back to full throughput", "ms");
      report.metric(v + "_errors", l + "errors", "");
      report.metric(v + "_hung", l + "threads still stuck at the end", "");
    }
    report.setting(
        THREADS
            + " threads, pool of "
            + SIZE
            + " (Cistern maxOverflow 0), poolTimeout/connectionTimeout "
            + POOL_TIMEOUT.toSeconds()
            + " s, borrow + select 1 + return through a FaultProxy in front of the shared server;"
            + " failover() after "
            + WARM.toMillis()
            + " ms, then "
            + seconds
            + " s observed (-1: never within it); the new server accepts at once");
    report.setting(
        "statementTimeout 5 s / defaults: as in scenario 3 (HikariCP gets socketTimeout 8 s /"
            + " 7500 ms with the first); statementTimeout 5 s + lostRequestCheck 1 s is Cistern's"
            + " alone (HikariCP has no such option)");
    for (Database db : ctx.databases()) {
      var reason = Scratch.unavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      for (Target t : ctx.targets()) {
        for (String v : variants) {
          if (v.equals("lrc") && t != Target.CISTERN) {
            continue;
          }
          try (Rig rig = Rig.shared(db)) {
            runOn(ctx, report, rig, t, v, Duration.ofSeconds(seconds));
          }
        }
      }
    }
  }

  private void runOn(
      Context ctx, ScenarioReport report, Rig rig, Target t, String v, Duration observe)
      throws Exception {
    String app = "rel4-" + (t == Target.CISTERN ? "c" : "h") + "-" + v;
    Pool.Settings s = Pool.Settings.of(app, SIZE, POOL_TIMEOUT);
    if (v.equals("st5") || v.equals("lrc")) {
      s = s.withStatementTimeout(STATEMENT_TIMEOUT);
    }
    if (v.equals("lrc")) {
      s = s.withLostRequestCheck(LOST_REQUEST_CHECK);
    }
    Database d = rig.database();
    Pool pool = Pool.open(t, rig.endpoint(), s);
    try {
      DataSource ds = pool.dataSource();
      Rig.selectOne(ds);
      AtomicLong failoverAt = new AtomicLong();
      AtomicLong firstOk = new AtomicLong();
      Load load =
          Load.start(
              "rel4",
              THREADS,
              100_000_000,
              WARM.plus(observe),
              BUCKET,
              (thread, seq) -> {
                long t0 = System.nanoTime();
                Rig.selectOne(ds);
                long f = failoverAt.get();
                if (f != 0 && t0 > f) {
                  firstOk.compareAndSet(0, System.nanoTime());
                }
              });
      LockSupport.parkNanos(WARM.toNanos());
      long f = System.nanoTime();
      failoverAt.set(f);
      rig.proxy().failover();
      double fAt = (f - load.startNanos()) / 1e6;
      Load.Result r = load.awaitAndJoin(observe.plusSeconds(1), POOL_TIMEOUT.plusSeconds(1));
      int fb = (int) (fAt / r.bucketMillis());
      double full = Rig.backToFull(r, fAt, Rig.rate(r, 4, fb));
      double first = firstOk.get() == 0 ? -1 : (firstOk.get() - f) / 1e6;
      report.put(d, t, v + "_first_ok", first);
      report.put(d, t, v + "_full", full);
      report.put(d, t, v + "_errors", r.errors());
      report.put(d, t, v + "_hung", r.hung());
      if (t == Target.CISTERN && !v.equals("def")) {
        report.goal(
            label(v) + ": full throughput within " + GOAL.toSeconds() + " s of the new server",
            d,
            t,
            full >= 0 && full <= GOAL.toMillis(),
            ScenarioReport.format(full) + " ms");
      }
      ctx.log()
          .printf(
              "%s %s %s %s: first ok %.0f ms, full %.0f ms, %d errors %s, hung %d%n",
              name(), d.label(), t.label(), v, first, full, r.errors(), r.errorKinds(), r.hung());
    } finally {
      // a close that blocks on a dead connection returns once the Rig's proxy closes
      Pool.Closed c = pool.close(Duration.ofSeconds(1), Duration.ofSeconds(5));
      if (c.millis() < 0) {
        report.note(
            t.label()
                + " "
                + d.label()
                + ", "
                + label(v)
                + ": close(1s) after the failover had not returned 5 s later (connections"
                + " still stuck on the dead server)");
      }
    }
  }
}
