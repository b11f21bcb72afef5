package dev.cistern.bench.reliability;

import dev.cistern.bench.harness.Stats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Scenario 5, close under load: 16 threads write a ledger (two rows per transaction, committed
 * together, each row carrying the transaction id, the leg and the thread) through the pool's {@link
 * DataSource}, and the pool is closed in the middle: Cistern {@code close(200ms)}, HikariCP {@code
 * close()}. Per trial, then summed:
 *
 * <ul>
 *   <li>partial commits: a transaction id with exactly one row (must be 0);
 *   <li>commits acknowledged but lost: {@code commit()} returned, rows missing (must be 0);
 *   <li>committed without a commit: both rows there although the client never called {@code
 *       commit()} or failed before it (must be 0: a pool that committed on return would show here);
 *   <li>commit threw but committed: {@code commit()} threw (the connection was aborted while the
 *       commit was on the wire) yet the server had committed; counted, not a defect: the client
 *       cannot know, exactly as with a network failure during commit;
 *   <li>server sessions of the pool's application name 1 s after close (must be 0) and the time to
 *       0;
 *   <li>threads that did not return within grace + 5 s (must be 0).
 * </ul>
 *
 * <p>To put work in flight at every moment of the close, one transaction in 8 holds its connection
 * for 300 ms between its two rows, longer than the 200 ms grace: half of those sleep on the client
 * (the connection idle in a transaction), half on the server ({@code pg_sleep}/{@code sleep}, a
 * statement running when the connection is aborted).
 */
public final class CloseUnderLoad implements Scenario {
  static final int THREADS = 16;
  static final Duration GRACE = Duration.ofMillis(200);
  static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);
  static final int SLOW_EVERY = 8;
  static final int HIKARI_FULL_TRIALS = 200;
  static final int SLOW_MILLIS = 300;
  static final Duration SESSIONS_BOUND = Duration.ofSeconds(5);
  static final Duration HUNG_BOUND = GRACE.plusSeconds(5);

  private enum Outcome {
    ACKED,
    COMMIT_THREW,
    FAILED_BEFORE_COMMIT
  }

  @Override
  public int id() {
    return 5;
  }

  @Override
  public String name() {
    return "close-under-load";
  }

  @Override
  public String title() {
    return "5. Close under load";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    int trials = ctx.count(5, 1000);
    // a HikariCP trial lasts at least connectionTimeout: borrowers waiting when it closes wait it
    // out; the full run affords 200 of them per database on 2 cores
    int hikariTrials = ctx.trials() > 0 ? trials : ctx.count(5, HIKARI_FULL_TRIALS);
    report.metric("trials", "trials", "");
    report.metric("tx_acked", "transactions acknowledged", "");
    report.metric("tx_in_flight", "transactions in flight at close (not acknowledged)", "");
    report.metric("partial", "partial commits", "");
    report.metric("acked_lost", "commits acknowledged but lost", "");
    report.metric("committed_without_commit", "committed without a commit", "");
    report.metric("commit_threw_committed", "commit threw but committed", "");
    report.metric("commit_threw_rolled_back", "commit threw, rolled back", "");
    report.metric("aborted", "connections aborted by close (Cistern's report)", "");
    report.metric("close_ms_p50", "close() p50", "ms");
    report.metric("close_ms_max", "close() max", "ms");
    report.metric("sessions_at_close", "sessions when close() returned, max", "");
    report.metric("sessions_1s", "sessions 1 s after close, max", "");
    report.metric("to_zero_ms_p50", "time to 0 sessions p50 (from close() start)", "ms");
    report.metric("to_zero_ms_max", "time to 0 sessions max", "ms");
    report.metric("back_ms_max", "last worker back after close() returned, max", "ms");
    report.metric("hung", "hung threads", "");
    report.setting(
        trials
            + " trials per database for Cistern, "
            + hikariTrials
            + " for HikariCP; "
            + THREADS
            + " threads, pool of "
            + THREADS
            + " (Cistern maxOverflow 0), poolTimeout/connectionTimeout "
            + POOL_TIMEOUT.toSeconds()
            + " s; close after 16 acknowledged transactions plus 0-100 ms");
    report.setting(
        "Cistern: engine.close("
            + GRACE.toMillis()
            + "ms); HikariCP: close() (no grace: it aborts borrowed connections at once)");
    report.setting(
        "1 transaction in "
            + SLOW_EVERY
            + " holds its connection "
            + SLOW_MILLIS
            + " ms between its rows (client pause or server sleep, alternately)");
    report.setting(
        "hung: a thread not back within grace + 5 s; sessions counted every 10 ms up to "
            + SESSIONS_BOUND.toSeconds()
            + " s");
    for (Database db : ctx.databases()) {
      var reason = Scratch.unavailable(db);
      if (reason.isPresent()) {
        report.failure(db.label() + " skipped: " + reason.get());
        ctx.log().println(name() + ": " + db.label() + " skipped: " + reason.get());
        continue;
      }
      for (Target t : ctx.targets()) {
        try (Scratch scratch = Scratch.create(db)) {
          runOn(ctx, report, scratch, t, t == Target.CISTERN ? trials : hikariTrials);
        }
      }
    }
  }

  private void runOn(Context ctx, ScenarioReport report, Scratch db, Target t, int trials)
      throws Exception {
    String ledger = db.table("ledger");
    db.execute(
        "create table "
            + ledger
            + " (tx_id bigint not null, leg int not null, thread int not null, trial int not null,"
            + " primary key (tx_id, leg))");
    Totals sum = new Totals();
    List<Double> closeMs = new ArrayList<>();
    List<Double> toZero = new ArrayList<>();
    List<Double> backMs = new ArrayList<>();
    Random random = new Random(5);
    AtomicLong txIds = new AtomicLong();
    long started = System.nanoTime();
    for (int trial = 0; trial < trials; trial++) {
      Trial r = trial(db, t, ledger, trial, txIds, random);
      sum.add(r);
      closeMs.add(r.closeMs);
      backMs.add(r.backMs);
      toZero.add(r.toZeroMs);
      if (trial == 0 || (trial + 1) % 50 == 0 || trial + 1 == trials) {
        ctx.log()
            .printf(
                "%s %s %s: trial %d/%d, %.0f s; partial %d, lost %d, sessions_1s %d, hung %d%n",
                name(),
                db.database().label(),
                t.label(),
                trial + 1,
                trials,
                (System.nanoTime() - started) / 1e9,
                sum.partial,
                sum.ackedLost,
                sum.sessions1s,
                sum.hung);
      }
    }
    Database d = db.database();
    report.put(d, t, "trials", trials);
    report.put(d, t, "tx_acked", sum.acked);
    report.put(d, t, "tx_in_flight", sum.inFlight);
    report.put(d, t, "partial", sum.partial);
    report.put(d, t, "acked_lost", sum.ackedLost);
    report.put(d, t, "committed_without_commit", sum.withoutCommit);
    report.put(d, t, "commit_threw_committed", sum.threwCommitted);
    report.put(d, t, "commit_threw_rolled_back", sum.threwRolledBack);
    if (t == Target.CISTERN) {
      report.put(d, t, "aborted", sum.aborted);
    }
    double[] c = closeMs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] z = toZero.stream().mapToDouble(Double::doubleValue).toArray();
    report.put(d, t, "close_ms_p50", Stats.percentile(c, 50));
    report.put(d, t, "close_ms_max", Stats.max(c));
    report.put(d, t, "sessions_at_close", sum.sessionsAtClose);
    report.put(d, t, "sessions_1s", sum.sessions1s);
    report.put(d, t, "to_zero_ms_p50", Stats.percentile(z, 50));
    report.put(d, t, "to_zero_ms_max", Stats.max(z));
    double[] back = backMs.stream().mapToDouble(Double::doubleValue).toArray();
    report.put(d, t, "back_ms_max", Stats.max(back));
    report.put(d, t, "hung", sum.hung);
    report.goal("0 partial commits", d, t, sum.partial == 0, ScenarioReport.format(sum.partial));
    report.goal(
        "0 commits acknowledged but lost",
        d,
        t,
        sum.ackedLost == 0,
        ScenarioReport.format(sum.ackedLost));
    report.goal(
        "0 committed without a commit",
        d,
        t,
        sum.withoutCommit == 0,
        ScenarioReport.format(sum.withoutCommit));
    report.goal(
        "0 server sessions 1 s after close",
        d,
        t,
        sum.sessions1s == 0,
        "max " + sum.sessions1s + ", time to 0 max " + ScenarioReport.format(Stats.max(z)) + " ms");
    report.goal("0 hung threads", d, t, sum.hung == 0, ScenarioReport.format(sum.hung));
    if (!sum.errorKinds.isEmpty()) {
      report.note(d.label() + " " + t.label() + " errors seen by the workers: " + sum.errorKinds);
    }
  }

  private Trial trial(Scratch db, Target t, String ledger, int trial, AtomicLong txIds, Random rnd)
      throws Exception {
    String app = "rel5-" + (t == Target.CISTERN ? "c" : "h") + "-" + trial;
    Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    AtomicBoolean closing = new AtomicBoolean();
    String insert = "insert into " + ledger + " (tx_id, leg, thread, trial) values (?, ?, ?, ?)";
    String sleep = db.database().sleepSql(SLOW_MILLIS);
    Trial r = new Trial();
    Pool pool = Pool.open(t, db, Pool.Settings.of(app, THREADS, POOL_TIMEOUT));
    DataSource ds = pool.dataSource();
    Load load =
        Load.start(
            "rel5",
            THREADS,
            Long.MAX_VALUE,
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            (thread, seq) -> {
              long tx = txIds.incrementAndGet();
              Connection borrowed;
              try {
                borrowed = ds.getConnection();
              } catch (SQLException e) {
                if (closing.get()) {
                  throw new Load.StopThread(e); // the pool is closed: this worker is done
                }
                throw e;
              }
              try (Connection c = borrowed) {
                outcomes.put(tx, Outcome.FAILED_BEFORE_COMMIT);
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                  ps.setLong(1, tx);
                  ps.setInt(2, 1);
                  ps.setInt(3, thread);
                  ps.setInt(4, trial);
                  ps.executeUpdate();
                  if (seq % SLOW_EVERY == SLOW_EVERY - 1) {
                    if (seq % (2 * SLOW_EVERY) == SLOW_EVERY - 1) {
                      LockSupport.parkNanos(SLOW_MILLIS * 1_000_000L);
                    } else {
                      try (Statement s = c.createStatement()) {
                        s.execute(sleep);
                      }
                    }
                  }
                  ps.setInt(2, 2);
                  ps.executeUpdate();
                }
                outcomes.put(tx, Outcome.COMMIT_THREW);
                c.commit();
                outcomes.put(tx, Outcome.ACKED);
              } catch (SQLException e) {
                // a borrow that failed records nothing; an exception from close() after an
                // acknowledged commit leaves ACKED
                if (outcomes.get(tx) != Outcome.ACKED) {
                  throw e;
                }
              }
            });
    // wait (bounded) for the pool to be busy, then a little more so the close lands anywhere
    long until = System.nanoTime() + POOL_TIMEOUT.toNanos();
    while (load.successes() < THREADS && System.nanoTime() < until) {
      LockSupport.parkNanos(1_000_000);
    }
    LockSupport.parkNanos(rnd.nextInt(100) * 1_000_000L);
    long t0 = System.nanoTime();
    closing.set(true);
    Pool.Closed closed = pool.close(GRACE);
    long closedAt = System.nanoTime();
    r.closeMs = closed.millis();
    r.aborted = Math.max(0, closed.aborted());
    r.sessionsAtClose = db.sessions(app);
    // every 10 ms: sessions until 0, workers until all are back; bounded by the hung bound
    long oneSecond = closedAt + 1_000_000_000L;
    long limit = closedAt + Math.max(SESSIONS_BOUND.toNanos(), HUNG_BOUND.toNanos());
    int n = r.sessionsAtClose;
    long zeroAt = n == 0 ? System.nanoTime() : -1;
    long backAt = -1;
    r.sessions1s = -1;
    while ((zeroAt < 0 || backAt < 0) && System.nanoTime() < limit) {
      LockSupport.parkNanos(10_000_000);
      long now = System.nanoTime();
      if (backAt < 0 && load.done()) {
        backAt = now;
      }
      if (zeroAt < 0) {
        n = db.sessions(app);
        if (r.sessions1s < 0 && System.nanoTime() >= oneSecond) {
          r.sessions1s = n;
        }
        if (n == 0) {
          zeroAt = System.nanoTime();
        }
      }
    }
    // not at 0 within the bound: the bound, and sessions_1s says it failed
    r.toZeroMs = ((zeroAt < 0 ? closedAt + SESSIONS_BOUND.toNanos() : zeroAt) - t0) / 1e6;
    if (r.sessions1s < 0) {
      // reached 0 (or the bound) before the 1 s mark: what is there now is what is there at 1 s
      r.sessions1s = n;
    }
    Load.Result lr =
        load.stopAndJoin(Duration.ofMillis(Math.max(1, (limit - System.nanoTime()) / 1_000_000)));
    r.backMs = ((backAt < 0 ? System.nanoTime() : backAt) - closedAt) / 1e6;
    r.hung = lr.hung();
    r.errorKinds.putAll(lr.errorKinds());
    check(db, ledger, trial, outcomes, r);
    return r;
  }

  private static void check(
      Scratch db, String ledger, int trial, Map<Long, Outcome> outcomes, Trial r)
      throws SQLException {
    Map<Long, Integer> rows = new HashMap<>();
    try (PreparedStatement ps =
        db.admin()
            .prepareStatement(
                "select tx_id, count(*) from " + ledger + " where trial = ? group by tx_id")) {
      ps.setInt(1, trial);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    for (Map.Entry<Long, Integer> e : rows.entrySet()) {
      if (e.getValue() == 1) {
        r.partial++;
      }
      if (!outcomes.containsKey(e.getKey())) {
        r.withoutCommit++; // rows of a transaction the client never started: cannot happen
      }
    }
    for (Map.Entry<Long, Outcome> e : outcomes.entrySet()) {
      int n = rows.getOrDefault(e.getKey(), 0);
      switch (e.getValue()) {
        case ACKED -> {
          r.acked++;
          if (n != 2) {
            r.ackedLost++;
          }
        }
        case COMMIT_THREW -> {
          r.inFlight++;
          if (n == 2) {
            r.threwCommitted++;
          } else {
            r.threwRolledBack++;
          }
        }
        case FAILED_BEFORE_COMMIT -> {
          r.inFlight++;
          if (n == 2) {
            r.withoutCommit++;
          }
        }
      }
    }
  }

  private static final class Trial {
    long acked;
    long inFlight;
    long partial;
    long ackedLost;
    long withoutCommit;
    long threwCommitted;
    long threwRolledBack;
    long aborted;
    double closeMs;
    int sessionsAtClose;
    int sessions1s;
    double toZeroMs;
    double backMs;
    int hung;
    final Map<String, Long> errorKinds = new HashMap<>();
  }

  private static final class Totals {
    long acked;
    long inFlight;
    long partial;
    long ackedLost;
    long withoutCommit;
    long threwCommitted;
    long threwRolledBack;
    long aborted;
    int sessionsAtClose;
    int sessions1s;
    int hung;
    final Map<String, Long> errorKinds = new java.util.TreeMap<>();

    void add(Trial r) {
      acked += r.acked;
      inFlight += r.inFlight;
      partial += r.partial;
      ackedLost += r.ackedLost;
      withoutCommit += r.withoutCommit;
      threwCommitted += r.threwCommitted;
      threwRolledBack += r.threwRolledBack;
      aborted += r.aborted;
      sessionsAtClose = Math.max(sessionsAtClose, r.sessionsAtClose);
      sessions1s = Math.max(sessions1s, r.sessions1s);
      hung += r.hung;
      r.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
    }
  }
}
