package dev.cistern.bench.reliability;

import dev.cistern.bench.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 1, kill every backend: {@value #THREADS} threads run {@code select 1} transactions on a
 * pool of {@value #SIZE} connected to a private server (through a pass-through {@code FaultProxy}
 * that counts the connections opened), and every backend is killed ({@code pg_terminate_backend},
 * MariaDB {@code KILL CONNECTION}) once per round, with Cistern's pre-ping on and off (HikariCP
 * always validates its own way: {@code isValid} on a connection idle for more than 500 ms). Per
 * round: the application errors after the kill, the time from the kill back to 80% of the
 * throughput before it (in 50 ms buckets), the connections opened. Never on the shared servers.
 */
public final class KillBackends implements Scenario {
  static final int THREADS = 16;
  static final int SIZE = 10;
  static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
  static final Duration WARM = Duration.ofMillis(1000);
  static final Duration AFTER = Duration.ofMillis(2000);
  static final Duration BUCKET = Duration.ofMillis(50);

  @Override
  public int id() {
    return 1;
  }

  @Override
  public String name() {
    return "kill-backends";
  }

  @Override
  public String title() {
    return "1. Kill every backend";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int rounds = ctx.count(2, 20);
    for (String pp : List.of("preping", "noping")) {
      String how = pp.equals("preping") ? "pre-ping on" : "pre-ping off";
      report.metric(pp + "_errors_mean", how + ": errors per round, mean", "");
      report.metric(pp + "_errors_max", how + ": errors per round, max", "");
      report.metric(pp + "_back_p50", how + ": back to full throughput, p50", "ms");
      report.metric(pp + "_back_max", how + ": back to full throughput, max", "ms");
      report.metric(pp + "_opened", how + ": connections opened per round, mean", "");
    }
    report.setting(
        rounds
            + " rounds per pool and pre-ping setting, each on a fresh pool of "
            + SIZE
            + " (Cistern maxOverflow 0) on a private server, "
            + THREADS
            + " threads running borrow + select 1 + return; poolTimeout/connectionTimeout "
            + POOL_TIMEOUT.toSeconds()
            + " s; every backend killed after "
            + WARM.toMillis()
            + " ms, then "
            + AFTER.toMillis()
            + " ms observed");
    report.setting(
        "full throughput: a "
            + BUCKET.toMillis()
            + " ms bucket with at least 80% of the mean successes per bucket before the kill;"
            + " HikariCP has no pre-ping switch, its rows differ only by run");
    report.setting(
        "connections opened: counted by a pass-through fault proxy in front of the server");
    for (Database db : ctx.databases()) {
      var reason = Rig.privateUnavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      try (Rig rig = Rig.privateServer(db)) {
        for (Target t : ctx.targets()) {
          for (String pp : List.of("preping", "noping")) {
            runOn(ctx, report, rig, t, pp, rounds);
          }
        }
      }
    }
  }

  private void runOn(Context ctx, ScenarioReport report, Rig rig, Target t, String pp, int rounds)
      throws Exception {
    List<Double> errors = new ArrayList<>();
    List<Double> back = new ArrayList<>();
    List<Double> opened = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      String app = "rel1-" + (t == Target.CISTERN ? "c" : "h") + "-" + pp;
      Pool.Settings s = Pool.Settings.of(app, SIZE, POOL_TIMEOUT).withPrePing(pp.equals("preping"));
      try (Pool pool = Pool.open(t, rig.endpoint(), s)) {
        DataSource ds = pool.dataSource();
        Rig.selectOne(ds);
        Load load =
            Load.start(
                "rel1",
                THREADS,
                100_000_000,
                WARM.plus(AFTER).plusSeconds(5),
                BUCKET,
                (thread, seq) -> Rig.selectOne(ds));
        LockSupport.parkNanos(WARM.toNanos());
        long before = rig.opened();
        long errBefore = load.errors();
        double killAt = (System.nanoTime() - startOf(load)) / 1e6;
        rig.killAll();
        LockSupport.parkNanos(AFTER.toNanos());
        long err = load.errors() - errBefore;
        long open = rig.opened() - before;
        Load.Result r = load.stopAndJoin(POOL_TIMEOUT.plusSeconds(5));
        int killBucket = (int) (killAt / r.bucketMillis());
        double rate = Rig.rate(r, 4, killBucket);
        double b = Rig.backToFull(r, killAt, rate);
        errors.add((double) err);
        back.add(b < 0 ? AFTER.toMillis() : b);
        opened.add((double) open);
        ctx.log()
            .printf(
                "%s %s %s %s round %d/%d: %d errors, back %.0f ms, %d opened, hung %d%n",
                name(),
                rig.database().label(),
                t.label(),
                pp,
                round + 1,
                rounds,
                err,
                b,
                open,
                r.hung());
      }
    }
    Database d = rig.database();
    double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
    double[] k = back.stream().mapToDouble(Double::doubleValue).toArray();
    report.put(d, t, pp + "_errors_mean", Math.round(mean(e) * 10) / 10.0);
    report.put(d, t, pp + "_errors_max", Stats.max(e));
    report.put(d, t, pp + "_back_p50", Stats.percentile(k, 50));
    report.put(d, t, pp + "_back_max", Stats.max(k));
    report.put(
        d,
        t,
        pp + "_opened",
        Math.round(mean(opened.stream().mapToDouble(Double::doubleValue).toArray()) * 10) / 10.0);
    if (t == Target.CISTERN && pp.equals("preping")) {
      report.goal(
          "pre-ping on: back to full throughput within the observed " + AFTER.toMillis() + " ms",
          d,
          t,
          Stats.max(k) < AFTER.toMillis(),
          ScenarioReport.format(Stats.max(k)) + " ms");
    }
  }

  static long startOf(Load load) {
    return load.startNanos();
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return a.length == 0 ? 0 : s / a.length;
  }
}
