package dev.cistern.bench.reliability;

import dev.cistern.bench.harness.Stats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

/**
 * Scenario 6, connection storm: {@value #THREADS} threads released at once on a cold pool of
 * {@value #SIZE}, each borrowing once, holding the connection for a {@value #HOLD_MS} ms
 * server-side sleep and returning, while every new connection takes {@value #CONNECT_MS} ms to
 * connect ({@code FaultProxy.latency} in front of the shared server). With poolTimeout 1 s and 5 s.
 * Measured: connections opened (counted by the proxy), the wait for a connection ({@code
 * getConnection}) p50/p99/max, and borrows that timed out. The pool is opened just before the
 * storm: HikariCP starts filling its {@code minimumIdle} of 10 in the background at once, Cistern
 * opens on demand.
 */
public final class Storm implements Scenario {
  static final int THREADS = 200;
  static final int SIZE = 10;
  static final int CONNECT_MS = 200;
  static final int HOLD_MS = 20;

  @Override
  public int id() {
    return 6;
  }

  @Override
  public String name() {
    return "storm";
  }

  @Override
  public String title() {
    return "6. Connection storm";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int rounds = ctx.count(1, 5);
    List<Duration> timeouts = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));
    for (Duration pt : timeouts) {
      String k = "t" + pt.toSeconds();
      String l = "poolTimeout " + pt.toSeconds() + " s: ";
      report.metric(k + "_opened", l + "connections opened", "");
      report.metric(k + "_p50", l + "wait p50", "ms");
      report.metric(k + "_p99", l + "wait p99", "ms");
      report.metric(k + "_max", l + "wait max", "ms");
      report.metric(k + "_timeouts", l + "borrows timed out", "");
    }
    report.setting(
        THREADS
            + " threads released at once (a latch), one borrow + a "
            + HOLD_MS
            + " ms server-side sleep + return each, on a pool"
            + " of "
            + SIZE
            + " (Cistern maxOverflow 0; HikariCP maximumPoolSize = minimumIdle = "
            + SIZE
            + ") opened just before; "
            + CONNECT_MS
            + " ms connect latency (FaultProxy); "
            + rounds
            + " round(s) per pool and timeout, figures over all rounds (opened: per round, max)");
    for (Database db : ctx.databases()) {
      var reason = Scratch.unavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        continue;
      }
      try (Rig rig = Rig.shared(db)) {
        rig.proxy().latency(Duration.ofMillis(CONNECT_MS), Duration.ZERO);
        for (Target t : ctx.targets()) {
          for (Duration pt : timeouts) {
            runOn(ctx, report, rig, t, pt, rounds);
          }
        }
      }
    }
  }

  private void runOn(
      Context ctx, ScenarioReport report, Rig rig, Target t, Duration poolTimeout, int rounds)
      throws Exception {
    String k = "t" + poolTimeout.toSeconds();
    String sleep = rig.database().sleepSql(HOLD_MS);
    double[] waits = new double[THREADS * rounds];
    int timeouts = 0;
    long openedMax = 0;
    int hung = 0;
    for (int round = 0; round < rounds; round++) {
      String app = "rel6-" + (t == Target.CISTERN ? "c" : "h") + "-" + k;
      long before = rig.opened();
      AtomicLongArray w = new AtomicLongArray(THREADS);
      AtomicInteger timedOut = new AtomicInteger();
      CountDownLatch gate = new CountDownLatch(1);
      try (Pool pool = Pool.open(t, rig.endpoint(), Pool.Settings.of(app, SIZE, poolTimeout))) {
        DataSource ds = pool.dataSource();
        Load load =
            Load.start(
                "rel6",
                THREADS,
                THREADS,
                poolTimeout.plusSeconds(30),
                Duration.ofMillis(100),
                (thread, seq) -> {
                  if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate not opened");
                  }
                  long t0 = System.nanoTime();
                  Connection c;
                  try {
                    c = ds.getConnection();
                  } catch (java.sql.SQLException e) {
                    timedOut.incrementAndGet();
                    w.set(thread, System.nanoTime() - t0);
                    throw e;
                  }
                  w.set(thread, System.nanoTime() - t0);
                  try (c;
                      Statement st = c.createStatement();
                      ResultSet rs = st.executeQuery(sleep)) {
                    rs.next();
                  }
                });
        gate.countDown();
        Load.Result r = load.awaitAndJoin(poolTimeout.plusSeconds(20), Duration.ofSeconds(5));
        hung += r.hung();
        for (int i = 0; i < THREADS; i++) {
          waits[round * THREADS + i] = w.get(i) / 1e6;
        }
        timeouts += timedOut.get();
        openedMax = Math.max(openedMax, rig.opened() - before);
      }
    }
    Database d = rig.database();
    report.put(d, t, k + "_opened", openedMax);
    report.put(d, t, k + "_p50", Stats.percentile(waits, 50));
    report.put(d, t, k + "_p99", Stats.percentile(waits, 99));
    report.put(d, t, k + "_max", Stats.max(waits));
    report.put(d, t, k + "_timeouts", timeouts);
    if (t == Target.CISTERN && poolTimeout.toSeconds() >= 5) {
      report.goal(
          "poolTimeout 5 s: 0 borrows timed out",
          d,
          t,
          timeouts == 0,
          ScenarioReport.format(timeouts));
    }
    ctx.log()
        .printf(
            "%s %s %s %s: opened %d, wait p50 %.0f p99 %.0f max %.0f ms, %d timeouts, hung %d%n",
            name(),
            d.label(),
            t.label(),
            k,
            openedMax,
            Stats.percentile(waits, 50),
            Stats.percentile(waits, 99),
            Stats.max(waits),
            timeouts,
            hung);
  }
}
