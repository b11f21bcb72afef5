package dev.cistern.bench.reliability;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 2, restart the server: {@value #THREADS} threads run {@code select 1} transactions on a
 * pool of {@value #SIZE} connected to a private server (through a pass-through {@code FaultProxy}
 * that counts connections), and the server is stopped in fast mode and started again under the
 * load. Measured: application errors, threads that do not return within poolTimeout + 5 s of the
 * load's stop (hung, must be 0), the time from the server accepting again to 80% of the throughput
 * before the restart, and connections opened. Never on the shared servers.
 */
public final class Restart implements Scenario {
  static final int THREADS = 32;
  static final int SIZE = 10;
  static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
  static final Duration WARM = Duration.ofMillis(1000);
  static final Duration AFTER = Duration.ofMillis(3000);
  static final Duration BUCKET = Duration.ofMillis(50);

  @Override
  public int id() {
    return 2;
  }

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public String title() {
    return "2. Restart the server";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int rounds = ctx.count(1, 5);
    report.metric("rounds", "restarts", "");
    report.metric("down_ms", "server down (stop fast + start), max", "ms");
    report.metric("errors", "application errors, total", "");
    report.metric("hung", "threads not back within poolTimeout + 5 s", "");
    report.metric("recovery_ms", "back to full throughput after the server accepts, max", "ms");
    report.metric("opened", "connections opened per restart, mean", "");
    report.setting(
        rounds
            + " restart(s) per pool on a private server, fresh pool each; "
            + THREADS
            + " threads on a pool of "
            + SIZE
            + " (Cistern maxOverflow 0), borrow + select 1 + return; poolTimeout/connectionTimeout "
            + POOL_TIMEOUT.toSeconds()
            + " s; restart after "
            + WARM.toMillis()
            + " ms, then "
            + AFTER.toMillis()
            + " ms observed after the server accepts again");
    report.setting(
        "PostgreSQL: pg_ctlcluster stop -m fast, start; MariaDB: SIGTERM, start; full throughput as"
            + " in scenario 1 (80% of the rate before, 50 ms buckets)");
    for (Database db : ctx.databases()) {
      var reason = Rig.privateUnavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      try (Rig rig = Rig.privateServer(db)) {
        for (Target t : ctx.targets()) {
          runOn(ctx, report, rig, t, rounds);
        }
      }
    }
  }

  private void runOn(Context ctx, ScenarioReport report, Rig rig, Target t, int rounds)
      throws Exception {
    long errors = 0;
    int hung = 0;
    double recoveryMax = 0;
    double downMax = 0;
    long opened = 0;
    boolean recoveredAll = true;
    for (int round = 0; round < rounds; round++) {
      String app = "rel2-" + (t == Target.CISTERN ? "c" : "h");
      try (Pool pool = Pool.open(t, rig.endpoint(), Pool.Settings.of(app, SIZE, POOL_TIMEOUT))) {
        DataSource ds = pool.dataSource();
        Rig.selectOne(ds);
        Load load =
            Load.start(
                "rel2",
                THREADS,
                100_000_000,
                Duration.ofSeconds(60),
                BUCKET,
                (thread, seq) -> Rig.selectOne(ds));
        LockSupport.parkNanos(WARM.toNanos());
        long before = rig.opened();
        long t0 = System.nanoTime();
        rig.stopFast();
        rig.startAgain();
        long up = System.nanoTime();
        double upAt = (up - load.startNanos()) / 1e6;
        double down = (up - t0) / 1e6;
        LockSupport.parkNanos(AFTER.toNanos());
        Load.Result r = load.stopAndJoin(POOL_TIMEOUT.plusSeconds(5));
        int stopBucket = (int) ((t0 - load.startNanos()) / 1e6 / r.bucketMillis());
        double rate = Rig.rate(r, 4, stopBucket);
        double back = Rig.backToFull(r, upAt, rate);
        if (back < 0) {
          recoveredAll = false;
          back = AFTER.toMillis();
        }
        long open = rig.opened() - before;
        errors += r.errors();
        hung += r.hung();
        recoveryMax = Math.max(recoveryMax, back);
        downMax = Math.max(downMax, down);
        opened += open;
        ctx.log()
            .printf(
                "%s %s %s round %d/%d: down %.0f ms, %d errors %s, hung %d, back %.0f ms, %d"
                    + " opened%n",
                name(),
                rig.database().label(),
                t.label(),
                round + 1,
                rounds,
                down,
                r.errors(),
                r.errorKinds(),
                r.hung(),
                back,
                open);
      }
    }
    Database d = rig.database();
    report.put(d, t, "rounds", rounds);
    report.put(d, t, "down_ms", downMax);
    report.put(d, t, "errors", errors);
    report.put(d, t, "hung", hung);
    report.put(d, t, "recovery_ms", recoveryMax);
    report.put(d, t, "opened", Math.round(10.0 * opened / rounds) / 10.0);
    report.goal(
        "0 threads not back within poolTimeout + 5 s",
        d,
        t,
        hung == 0,
        ScenarioReport.format(hung));
    if (t == Target.CISTERN) {
      report.goal(
          "back to full throughput within " + AFTER.toMillis() + " ms of the server accepting",
          d,
          t,
          recoveredAll,
          ScenarioReport.format(recoveryMax) + " ms");
    }
  }
}
