package dev.cistern.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.EngineView;
import dev.cistern.ExecutionOptions;
import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import dev.cistern.bench.reliability.Database;
import dev.cistern.bench.reliability.Pool;
import dev.cistern.bench.reliability.Scratch;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The real-database workloads of issue 18 on the shared PostgreSQL and MariaDB: a pgbench-like
 * TPC-B transaction (three updates, one select, one insert) and a select by key, each through
 * Cistern's API ({@code engine.useTransaction} / {@code engine.withConnection} with {@code
 * execute}; the select also on an auto-commit view), through Cistern's {@code dataSource()} with
 * plain JDBC, and through HikariCP with the same JDBC code ({@link Path}), at 4, 16 and 64 threads
 * on pools of {@value #POOL_SIZE} connections with every other option at its default.
 *
 * <p>Each database gets a scratch schema ({@link Scratch}: {@code cistern_t_<random>}, dropped at
 * the end) with pgbench's tables at a small scale: {@value #BRANCHES} branches, {@value #TELLERS}
 * tellers, {@value #ACCOUNTS} accounts, and a history table. Then:
 *
 * <ol>
 *   <li><b>Round trips</b>: each path runs {@link Settings#countedTx} transactions on one thread
 *       through a {@link WireCounter} (a loopback proxy that counts the client's turns and reads
 *       the protocol), after a warm-up, a wait until neither pool is opening connections ({@link
 *       Pools#settle}) and a few more transactions; rows {@code roundtrips-<db>-<workload>},
 *       metrics {@code round_trips_per_tx}, {@code overhead_per_tx} (statements that are not the
 *       workload's: begin, commit, rollback, set, validation, reset, prepare) and one per kind
 *       seen.
 *   <li><b>Throughput and latency</b>: for each workload and thread count, {@link Settings#rounds}
 *       rounds, each running every path (in a rotated order) for a short unmeasured warm-up and
 *       then {@link Settings#measure}; rows {@code oltp-<db>-<workload>}, metrics {@code tps_tN}
 *       (mean over rounds), {@code tps_err_tN} (standard deviation over rounds), {@code p50_ms_tN},
 *       {@code p99_ms_tN} (over every transaction of every round, borrow included), {@code
 *       p99_err_ms_tN} (standard deviation of the rounds' p99), {@code errors_tN}.
 * </ol>
 *
 * <p>Every loop is bounded by a deadline and by a transaction count per thread; a thread still
 * running 30 s after its deadline is interrupted and reported.
 */
public final class OltpHarness implements Harness {
  /** Connections in each pool. */
  public static final int POOL_SIZE = 10;

  static final int BRANCHES = 10;
  static final int TELLERS = 100;
  static final int ACCOUNTS = 100_000;

  private static final int MAX_TX_PER_THREAD = 2_000_000;
  private static final int MAX_SAMPLES_PER_THREAD = 500_000;
  private static final long JOIN_GRACE_MS = 30_000;

  /** The two workloads. */
  public enum Workload {
    /** pgbench's TPC-B-like transaction. */
    TPCB("tpcb"),
    /** One select by primary key, auto-commit. */
    SELECT("select");

    final String id;

    Workload(String id) {
      this.id = id;
    }

    /** The short name used in the CSV. */
    public String id() {
      return id;
    }
  }

  /** How the workload reaches the database. */
  public enum Path {
    /**
     * Cistern's API with the defaults: {@code engine.useTransaction(c -> c.execute(...))} for
     * TPC-B, {@code engine.withConnection(c -> c.execute(...))} for the select (commit-as-you-go:
     * the select begins a transaction that closing the connection rolls back).
     */
    CISTERN_API("cistern-api"),
    /**
     * Cistern's API on an auto-commit view ({@code engine.withOptions(isolationLevel(AUTOCOMMIT))}
     * ): the select workload only.
     */
    CISTERN_API_AUTOCOMMIT("cistern-api-autocommit"),
    /** Cistern's {@code dataSource()} with plain JDBC. */
    CISTERN_JDBC("cistern-jdbc"),
    /** HikariCP with the same JDBC code. */
    HIKARI_JDBC("hikari-jdbc");

    final String id;

    Path(String id) {
      this.id = id;
    }

    /** The pool column of the CSV. */
    public String id() {
      return id;
    }

    /** Whether this path runs workload {@code w}. */
    public boolean runs(Workload w) {
      return this != CISTERN_API_AUTOCOMMIT || w == Workload.SELECT;
    }

    /** The paths that run workload {@code w}, in order. */
    public static Path[] of(Workload w) {
      return java.util.Arrays.stream(values()).filter(p -> p.runs(w)).toArray(Path[]::new);
    }
  }

  /**
   * How long and how often.
   *
   * @param threads thread counts
   * @param rounds rounds per point (the error bars)
   * @param warmup unmeasured run before each measured one
   * @param firstWarmup unmeasured run of each path and workload before any measurement (JIT)
   * @param measure measured run
   * @param countedTx transactions counted through the wire counter per path
   * @param databases which servers
   */
  public record Settings(
      List<Integer> threads,
      int rounds,
      Duration warmup,
      Duration firstWarmup,
      Duration measure,
      int countedTx,
      List<Database> databases) {}

  private final Settings settings;

  /** A harness with these settings. */
  public OltpHarness(Settings settings) {
    this.settings = settings;
  }

  /**
   * 4, 16, 64 threads; 2 rounds of 0.4 s after 0.1 s; 100 counted transactions: about 35 s per
   * database.
   */
  public static OltpHarness quick() {
    return new OltpHarness(
        new Settings(
            List.of(4, 16, 64),
            2,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            Duration.ofMillis(400),
            100,
            List.of(Database.values())));
  }

  /**
   * 4, 16, 64 threads; 5 rounds of 3 s after 0.5 s; 1,000 counted transactions: about 6 minutes per
   * database.
   */
  public static OltpHarness full() {
    return new OltpHarness(
        new Settings(
            List.of(4, 16, 64),
            5,
            Duration.ofMillis(500),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            1_000,
            List.of(Database.values())));
  }

  @Override
  public String name() {
    return "oltp";
  }

  @Override
  public void run(HarnessCsv csv, PrintStream out) throws Exception {
    csv.add("oltp", "all", "pool_size", POOL_SIZE, "count");
    csv.add("oltp", "all", "rounds", settings.rounds(), "count");
    csv.add("oltp", "all", "measure_s", settings.measure().toMillis() / 1000.0, "s");
    csv.add("oltp", "all", "accounts", ACCOUNTS, "count");
    csv.add("oltp", "all", "counted_tx", settings.countedTx(), "count");
    for (Database db : settings.databases()) {
      Optional<String> down = Scratch.unavailable(db);
      if (down.isPresent()) {
        out.println("oltp: " + db.label() + " skipped: " + down.get());
        continue;
      }
      try (Scratch s = Scratch.create(db)) {
        long t0 = System.nanoTime();
        Sql sql = createTables(s);
        out.printf(
            Locale.ROOT,
            "oltp %s: tables in %s (%.1f s)%n",
            db.label(),
            s.table(""),
            (System.nanoTime() - t0) / 1e9);
        roundTrips(s, sql, csv, out);
        throughput(s, sql, csv, out);
      }
    }
  }

  // ---- schema ----

  /** The statements of one scratch database, schema-qualified. */
  record Sql(
      String updateAccount,
      String selectAccount,
      String updateTeller,
      String updateBranch,
      String insertHistory) {

    static Sql of(Scratch s) {
      return new Sql(
          "update " + s.table("accounts") + " set abalance = abalance + ? where aid = ?",
          "select abalance from " + s.table("accounts") + " where aid = ?",
          "update " + s.table("tellers") + " set tbalance = tbalance + ? where tid = ?",
          "update " + s.table("branches") + " set bbalance = bbalance + ? where bid = ?",
          "insert into "
              + s.table("history")
              + " (tid, bid, aid, delta, mtime) values (?, ?, ?, ?, current_timestamp)");
    }

    /** The same with Cistern's named parameters, in the order of the JDBC parameters. */
    static String named(String jdbc, String... names) {
      String out = jdbc;
      for (String n : names) {
        out = out.replaceFirst("\\?", ":" + n);
      }
      return out;
    }
  }

  static Sql createTables(Scratch s) throws SQLException {
    boolean pg = s.database() == Database.POSTGRESQL;
    String series = pg ? "generate_series(1, %d) g" : "seq_1_to_%d g";
    String g = pg ? "g" : "g.seq";
    s.execute(
        "create table "
            + s.table("branches")
            + " (bid int primary key, bbalance int not null, filler char(88))");
    s.execute(
        "create table "
            + s.table("tellers")
            + " (tid int primary key, bid int not null, tbalance int not null, filler char(84))");
    s.execute(
        "create table "
            + s.table("accounts")
            + " (aid int primary key, bid int not null, abalance int not null, filler char(84))");
    s.execute(
        "create table "
            + s.table("history")
            + " (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
    s.execute(
        "insert into "
            + s.table("branches")
            + " select "
            + g
            + ", 0, '' from "
            + String.format(Locale.ROOT, series, BRANCHES));
    s.execute(
        "insert into "
            + s.table("tellers")
            + " select "
            + g
            + ", ("
            + g
            + " - 1) % "
            + BRANCHES
            + " + 1, 0, '' from "
            + String.format(Locale.ROOT, series, TELLERS));
    s.execute(
        "insert into "
            + s.table("accounts")
            + " select "
            + g
            + ", ("
            + g
            + " - 1) % "
            + BRANCHES
            + " + 1, 0, '' from "
            + String.format(Locale.ROOT, series, ACCOUNTS));
    s.execute((pg ? "analyze " : "analyze table ") + s.table("accounts"));
    return Sql.of(s);
  }

  // ---- the pools ----

  /** Cistern with its defaults, {@value #POOL_SIZE} connections and no overflow. */
  static Engine cistern(Pool.Endpoint e, String name) {
    return Engine.builder(e.cisternUrl())
        .name(name)
        .poolSize(POOL_SIZE, 0)
        .option(Option.SHUTDOWN_HOOK, false)
        .build();
  }

  /** HikariCP with its defaults and {@value #POOL_SIZE} connections. */
  static HikariDataSource hikari(Pool.Endpoint e, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(e.jdbcUrl());
    c.setUsername(e.user());
    c.setPassword(e.password());
    c.setPoolName(name);
    c.setMaximumPoolSize(POOL_SIZE);
    return new HikariDataSource(c);
  }

  /** Both pools of one database. */
  static final class Pools implements AutoCloseable {
    final Engine engine;
    final EngineView autocommit;
    final HikariDataSource hikari;

    Pools(Pool.Endpoint e, String name) {
      engine = cistern(e, name + "-cistern");
      autocommit =
          engine.withOptions(ExecutionOptions.defaults().isolationLevel(IsolationLevel.AUTOCOMMIT));
      HikariDataSource h = null;
      try {
        h = hikari(e, name + "-hikari");
      } finally {
        if (h == null) {
          engine.close(Duration.ofSeconds(5));
        }
      }
      hikari = h;
    }

    /**
     * Waits, at most 10 s, until neither pool is still opening connections in the background
     * (HikariCP fills itself to its maximum; Cistern's size stays put for 200 ms), so that the
     * connections a count uses were open before it began.
     */
    void settle() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int last = -1;
      long stableSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int size = engine.status().size();
        if (size != last) {
          last = size;
          stableSince = System.nanoTime();
        }
        boolean hikariFull =
            hikari.getHikariPoolMXBean() == null
                || hikari.getHikariPoolMXBean().getTotalConnections() >= POOL_SIZE;
        if (hikariFull && System.nanoTime() - stableSince >= TimeUnit.MILLISECONDS.toNanos(200)) {
          return;
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      try {
        engine.close(Duration.ofSeconds(5));
      } finally {
        hikari.close();
      }
    }
  }

  // ---- one transaction ----

  /** Runs one transaction of {@code w} through {@code p}. */
  static void once(Pools pools, Path p, Workload w, Sql sql) throws SQLException {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int aid = r.nextInt(ACCOUNTS) + 1;
    if (w == Workload.SELECT) {
      if (p == Path.CISTERN_API) {
        pools.engine.withConnection(
            c -> c.execute(NamedSql.SELECT.get(sql), Map.of("aid", aid)).scalar(Integer.class));
      } else if (p == Path.CISTERN_API_AUTOCOMMIT) {
        pools.autocommit.withConnection(
            c -> c.execute(NamedSql.SELECT.get(sql), Map.of("aid", aid)).scalar(Integer.class));
      } else {
        DataSource ds = p == Path.HIKARI_JDBC ? pools.hikari : pools.engine.dataSource();
        try (Connection c = ds.getConnection();
            PreparedStatement ps = c.prepareStatement(sql.selectAccount())) {
          ps.setInt(1, aid);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            rs.getInt(1);
          }
        }
      }
      return;
    }
    int tid = r.nextInt(TELLERS) + 1;
    int bid = r.nextInt(BRANCHES) + 1;
    int delta = r.nextInt(-5000, 5001);
    if (p == Path.CISTERN_API_AUTOCOMMIT) {
      throw new IllegalArgumentException(p.id() + " runs the select workload only");
    }
    if (p == Path.CISTERN_API) {
      pools.engine.useTransaction(c -> tpcb(c, sql, aid, tid, bid, delta));
      return;
    }
    DataSource ds = p == Path.HIKARI_JDBC ? pools.hikari : pools.engine.dataSource();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        update(c, sql.updateAccount(), delta, aid);
        try (PreparedStatement ps = c.prepareStatement(sql.selectAccount())) {
          ps.setInt(1, aid);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            rs.getInt(1);
          }
        }
        update(c, sql.updateTeller(), delta, tid);
        update(c, sql.updateBranch(), delta, bid);
        try (PreparedStatement ps = c.prepareStatement(sql.insertHistory())) {
          ps.setInt(1, tid);
          ps.setInt(2, bid);
          ps.setInt(3, aid);
          ps.setInt(4, delta);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void tpcb(SqlConnection c, Sql sql, int aid, int tid, int bid, int delta) {
    c.execute(NamedSql.UPDATE_ACCOUNT.get(sql), Map.of("delta", delta, "id", aid));
    c.execute(NamedSql.SELECT.get(sql), Map.of("aid", aid)).scalar(Integer.class);
    c.execute(NamedSql.UPDATE_TELLER.get(sql), Map.of("delta", delta, "id", tid));
    c.execute(NamedSql.UPDATE_BRANCH.get(sql), Map.of("delta", delta, "id", bid));
    c.execute(
        NamedSql.INSERT_HISTORY.get(sql),
        Map.of("tid", tid, "bid", bid, "aid", aid, "delta", delta));
  }

  private static void update(Connection c, String sql, int delta, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, delta);
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }

  /** The named-parameter forms, computed once per {@link Sql}. */
  private enum NamedSql {
    SELECT,
    UPDATE_ACCOUNT,
    UPDATE_TELLER,
    UPDATE_BRANCH,
    INSERT_HISTORY;

    private static volatile Sql cachedFor;
    private static volatile String[] cached;

    String get(Sql sql) {
      String[] c = cached;
      if (cachedFor != sql || c == null) {
        c =
            new String[] {
              Sql.named(sql.selectAccount(), "aid"),
              Sql.named(sql.updateAccount(), "delta", "id"),
              Sql.named(sql.updateTeller(), "delta", "id"),
              Sql.named(sql.updateBranch(), "delta", "id"),
              Sql.named(sql.insertHistory(), "tid", "bid", "aid", "delta")
            };
        cached = c;
        cachedFor = sql;
      }
      return c[ordinal()];
    }
  }

  // ---- round trips ----

  private void roundTrips(Scratch s, Sql sql, HarnessCsv csv, PrintStream out) throws Exception {
    WireCounter.Protocol protocol =
        s.database() == Database.POSTGRESQL
            ? WireCounter.Protocol.POSTGRESQL
            : WireCounter.Protocol.MARIADB;
    String db = dbId(s.database());
    try (WireCounter wire = new WireCounter(s.host(), s.port(), protocol)) {
      Pool.Endpoint e = s.endpointVia(wire.host(), wire.port());
      for (Workload w : Workload.values()) {
        String bench = "roundtrips-" + db + "-" + w.id();
        StringBuilder line = new StringBuilder();
        for (Path p : Path.of(w)) {
          try (Pools pools = new Pools(e, "oltp-rt")) {
            for (int i = 0; i < 50; i++) {
              once(pools, p, w, sql);
            }
            pools.settle();
            for (int i = 0; i < 20; i++) {
              once(
                  pools, p, w, sql); // after the pause: HikariCP validates a connection idle 500 ms
            }
            wire.reset();
            int n = settings.countedTx();
            for (int i = 0; i < n; i++) {
              once(pools, p, w, sql);
            }
            WireCounter.Counts c = wire.counts();
            csv.add(bench, p.id(), "round_trips_per_tx", c.roundTrips() / (double) n, "count");
            csv.add(bench, p.id(), "overhead_per_tx", c.overhead() / (double) n, "count");
            csv.add(bench, p.id(), "connects", c.connects(), "count");
            for (WireCounter.Kind k : WireCounter.Kind.values()) {
              if (c.of(k) > 0) {
                csv.add(
                    bench,
                    p.id(),
                    k.name().toLowerCase(Locale.ROOT) + "_per_tx",
                    c.of(k) / (double) n,
                    "count");
              }
            }
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s %.2f rt/tx (%s; %d connects)",
                    p.id(),
                    c.roundTrips() / (double) n,
                    perTx(c, n),
                    c.connects()));
          }
        }
        out.println("oltp " + bench + ":" + line);
      }
    }
  }

  private static String perTx(WireCounter.Counts c, int n) {
    StringBuilder b = new StringBuilder();
    c.kinds()
        .forEach(
            (k, v) -> {
              if (v > 0) {
                b.append(b.length() == 0 ? "" : " ")
                    .append(k.name().toLowerCase(Locale.ROOT))
                    .append('=')
                    .append(String.format(Locale.ROOT, "%.2f", v / (double) n));
              }
            });
    return b.toString();
  }

  // ---- throughput and latency ----

  private void throughput(Scratch s, Sql sql, HarnessCsv csv, PrintStream out) throws Exception {
    String db = dbId(s.database());
    try (Pools pools = new Pools(s.endpoint(), "oltp")) {
      for (Workload w : Workload.values()) {
        for (Path p : Path.of(w)) {
          run(pools, p, w, sql, 4, settings.firstWarmup(), false);
        }
        String bench = "oltp-" + db + "-" + w.id();
        for (int t : settings.threads()) {
          Path[] paths = Path.of(w);
          List<List<Run>> runs = new ArrayList<>();
          for (int i = 0; i < paths.length; i++) {
            runs.add(new ArrayList<>());
          }
          for (int round = 0; round < settings.rounds(); round++) {
            for (int k = 0; k < paths.length; k++) {
              int i = (k + round) % paths.length;
              run(pools, paths[i], w, sql, t, settings.warmup(), false);
              runs.get(i).add(run(pools, paths[i], w, sql, t, settings.measure(), true));
            }
          }
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < paths.length; i++) {
            Summary sum = Summary.of(runs.get(i));
            String sfx = "_t" + t;
            csv.add(bench, paths[i].id(), "tps" + sfx, sum.tps, "tx/s");
            csv.add(bench, paths[i].id(), "tps_err" + sfx, sum.tpsSd, "tx/s");
            csv.add(bench, paths[i].id(), "p50_ms" + sfx, sum.p50, "ms");
            csv.add(bench, paths[i].id(), "p99_ms" + sfx, sum.p99, "ms");
            csv.add(bench, paths[i].id(), "p99_err_ms" + sfx, sum.p99Sd, "ms");
            if (!Double.isNaN(sum.switchesPerTx)) {
              csv.add(bench, paths[i].id(), "csw_per_tx" + sfx, sum.switchesPerTx, "count");
            }
            csv.add(bench, paths[i].id(), "errors" + sfx, sum.errors, "count");
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s %.0f±%.0f tx/s p50 %.2f p99 %.2f ms %.1f csw/tx%s;",
                    paths[i].id(),
                    sum.tps,
                    sum.tpsSd,
                    sum.p50,
                    sum.p99,
                    sum.switchesPerTx,
                    sum.errors > 0 ? " errors " + sum.errors : ""));
          }
          out.println("oltp " + bench + " t" + t + ":" + line);
        }
      }
    }
  }

  /**
   * One run of {@code threads} threads for {@code duration}.
   *
   * @param tx transactions completed
   * @param errors transactions that failed
   * @param seconds the run's length
   * @param latenciesNs the latency of each recorded transaction
   * @param firstError the first failure, or null
   * @param contextSwitches the worker threads' context switches (voluntary and not) during the run,
   *     -1 where the OS does not say ({@code /proc/thread-self/status}, Linux)
   */
  record Run(
      long tx,
      long errors,
      double seconds,
      long[] latenciesNs,
      Throwable firstError,
      long contextSwitches) {}

  /** Runs {@code threads} threads until {@code duration} has passed or each did its maximum. */
  static Run run(
      Pools pools, Path p, Workload w, Sql sql, int threads, Duration duration, boolean record)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    LongAdder tx = new LongAdder();
    LongAdder errors = new LongAdder();
    LongAdder switches = new LongAdder();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long[][] samples = new long[threads][];
    int[] counts = new int[threads];
    long[] bounds = new long[2]; // start, end
    Thread[] ts = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      int me = i;
      samples[i] = record ? new long[1024] : null;
      ts[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long end = bounds[1];
                long csw0 = contextSwitches();
                long[] mine = samples[me];
                int n = 0;
                for (int k = 0; k < MAX_TX_PER_THREAD; k++) {
                  long t0 = System.nanoTime();
                  if (t0 >= end || Thread.currentThread().isInterrupted()) {
                    break;
                  }
                  try {
                    once(pools, p, w, sql);
                    tx.increment();
                  } catch (SQLException | RuntimeException e) {
                    errors.increment();
                    firstError.compareAndSet(null, e);
                  }
                  if (mine != null && n < MAX_SAMPLES_PER_THREAD) {
                    if (n == mine.length) {
                      mine = Arrays.copyOf(mine, Math.min(n * 2, MAX_SAMPLES_PER_THREAD));
                    }
                    mine[n++] = System.nanoTime() - t0;
                  }
                }
                samples[me] = mine;
                long csw1 = contextSwitches();
                switches.add(csw0 < 0 || csw1 < 0 ? Long.MIN_VALUE / 1024 : csw1 - csw0);
                counts[me] = n;
              },
              "oltp-" + p.id() + "-" + i);
      ts[i].setDaemon(true);
      ts[i].start();
    }
    long start = System.nanoTime();
    bounds[0] = start;
    bounds[1] = start + duration.toNanos();
    go.countDown(); // publishes bounds to the threads
    long joinBy = bounds[1] + TimeUnit.MILLISECONDS.toNanos(JOIN_GRACE_MS);
    for (Thread t : ts) {
      long left = TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime());
      t.join(Math.max(1, left));
      if (t.isAlive()) {
        t.interrupt();
        firstError.compareAndSet(
            null, new IllegalStateException(t.getName() + " still running 30 s after its end"));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < threads; i++) {
      if (samples[i] != null) {
        System.arraycopy(samples[i], 0, all, at, counts[i]);
        at += counts[i];
      }
    }
    Throwable fe = firstError.get();
    if (fe != null && record) {
      System.out.println("oltp: " + p.id() + " " + w.id() + " t" + threads + ": " + fe);
    }
    long csw = switches.sum();
    return new Run(tx.sum(), errors.sum(), seconds, all, fe, csw < 0 ? -1 : csw);
  }

  /**
   * The calling thread's context switches so far, voluntary and involuntary, from {@code
   * /proc/thread-self/status}; -1 where there is no such file.
   */
  static long contextSwitches() {
    java.nio.file.Path status = java.nio.file.Path.of("/proc/thread-self/status");
    try {
      long n = 0;
      for (String line : java.nio.file.Files.readAllLines(status)) {
        if (line.startsWith("voluntary_ctxt_switches:")
            || line.startsWith("nonvoluntary_ctxt_switches:")) {
          n += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return n;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The numbers of one point over its rounds. */
  record Summary(
      double tps,
      double tpsSd,
      double p50,
      double p99,
      double p99Sd,
      long errors,
      double switchesPerTx) {
    static Summary of(List<Run> runs) {
      double[] tps = new double[runs.size()];
      double[] p99s = new double[runs.size()];
      long errors = 0;
      long tx = 0;
      long switches = 0;
      int total = 0;
      for (int i = 0; i < runs.size(); i++) {
        Run r = runs.get(i);
        tps[i] = r.tx() / r.seconds();
        p99s[i] = Stats.percentile(ms(r.latenciesNs()), 99);
        errors += r.errors();
        tx += r.tx();
        switches = switches < 0 || r.contextSwitches() < 0 ? -1 : switches + r.contextSwitches();
        total += r.latenciesNs().length;
      }
      double[] all = new double[total];
      int at = 0;
      for (Run r : runs) {
        double[] m = ms(r.latenciesNs());
        System.arraycopy(m, 0, all, at, m.length);
        at += m.length;
      }
      return new Summary(
          mean(tps),
          sd(tps),
          Stats.percentile(all, 50),
          Stats.percentile(all, 99),
          sd(p99s),
          errors,
          switches < 0 || tx == 0 ? Double.NaN : switches / (double) tx);
    }

    private static double[] ms(long[] ns) {
      double[] out = new double[ns.length];
      for (int i = 0; i < ns.length; i++) {
        out[i] = ns[i] / 1e6;
      }
      return out;
    }
  }

  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return xs.length == 0 ? 0 : s / xs.length;
  }

  /** Sample standard deviation, 0 for fewer than two values. */
  static double sd(double[] xs) {
    if (xs.length < 2) {
      return 0;
    }
    double m = mean(xs);
    double s = 0;
    for (double x : xs) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (xs.length - 1));
  }

  static String dbId(Database db) {
    return db == Database.POSTGRESQL ? "postgresql" : "mariadb";
  }
}
