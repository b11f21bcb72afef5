package dev.cistern.it.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Engine;
import dev.cistern.ExecutionOptions;
import dev.cistern.IsolationLevel;
import dev.cistern.StatementException;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.server.PgBouncer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cistern through a real PgBouncer (Debian's package, started by the testkit on its own loopback
 * port in front of the shared PostgreSQL): 32 threads, 10,000 transactions with prepared statements
 * and a mix of isolation levels, in transaction mode with {@code pgbouncer=transaction} (no error,
 * every transaction at the level it asked for), and the same load without the flag (what breaks),
 * and session mode.
 */
class PgBouncerLoadTest {
  static final int THREADS = 32;
  static final int TRANSACTIONS = 10_000;
  static final int ACCOUNTS = 64;
  static final IsolationLevel[] LEVELS = {
    IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE
  };

  static PgBouncer transactionMode;
  static PgBouncer sessionMode;

  @BeforeAll
  static void startPgBouncers() {
    Scale.requirePgBouncer();
    transactionMode = PgBouncer.start("127.0.0.1", 5432, PgBouncer.PoolMode.TRANSACTION);
    sessionMode = PgBouncer.start("127.0.0.1", 5432, PgBouncer.PoolMode.SESSION);
  }

  @AfterAll
  static void stopPgBouncers() {
    if (transactionMode != null) {
      transactionMode.close();
    }
    if (sessionMode != null) {
      sessionMode.close();
    }
  }

  /** What one load run saw. */
  record Outcome(
      long committed,
      long errors,
      long wrongIsolation,
      Map<String, Long> errorsByState,
      long millis) {
    @Override
    public String toString() {
      return committed
          + " committed, "
          + errors
          + " errors "
          + errorsByState
          + ", "
          + wrongIsolation
          + " at another isolation level than asked, "
          + millis
          + " ms";
    }
  }

  static void createAccounts(Engine engine, String table) {
    engine.useTransaction(
        c -> {
          c.execute(
              "create table if not exists "
                  + table
                  + " (id int primary key, balance bigint not null)");
          c.execute("truncate " + table);
          c.execute(
              "insert into " + table + " select g, 0 from generate_series(1, " + ACCOUNTS + ") g");
        });
  }

  /**
   * Runs {@code transactions} transactions on {@code threads} threads: each moves an amount between
   * two accounts (prepared statements with parameters), reads the level it runs at and compares it
   * with the one it asked for.
   */
  static Outcome load(Engine engine, String table, int threads, int transactions) throws Exception {
    AtomicLong committed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong wrongLevel = new AtomicLong();
    Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] workers = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int worker = t;
        workers[t] =
            pool.submit(
                () -> {
                  for (long i = next.getAndIncrement();
                      i < transactions;
                      i = next.getAndIncrement()) {
                    IsolationLevel level = LEVELS[(int) (i % LEVELS.length)];
                    // each thread its own two accounts: serializable transactions do not
                    // conflict (the load is about PgBouncer, not about retries)
                    int mine = (worker % (ACCOUNTS / 2)) * 2 + 1;
                    int from = i % 2 == 0 ? mine : mine + 1;
                    int to = i % 2 == 0 ? mine + 1 : mine;
                    try {
                      String seen =
                          engine
                              .withOptions(ExecutionOptions.defaults().isolationLevel(level))
                              .inTransaction(
                                  c -> {
                                    c.execute(
                                        "update "
                                            + table
                                            + " set balance = balance - :a where id = :id",
                                        Map.of("a", 1, "id", from));
                                    c.execute(
                                        "update "
                                            + table
                                            + " set balance = balance + :a where id = :id",
                                        Map.of("a", 1, "id", to));
                                    return c.execute("show transaction_isolation")
                                        .scalar(String.class);
                                  });
                      committed.incrementAndGet();
                      if (!seen.equalsIgnoreCase(level.name().replace('_', ' '))) {
                        wrongLevel.incrementAndGet();
                      }
                    } catch (RuntimeException e) {
                      errors.incrementAndGet();
                      byState
                          .computeIfAbsent(Scale.state(e), k -> new AtomicLong())
                          .incrementAndGet();
                    }
                  }
                  return null;
                });
      }
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS); // bounded: the whole load is a few seconds
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Long> states = new TreeMap<>();
    byState.forEach((k, v) -> states.put(k, v.get()));
    return new Outcome(
        committed.get(),
        errors.get(),
        wrongLevel.get(),
        states,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** The table, in the test's own schema (through PgBouncer, search_path cannot be relied on). */
  static String table(TestDatabase db) {
    return db.schemaName() + ".bouncer_accounts";
  }

  static Engine engine(PgBouncer bouncer, TestDatabase db, String flag, String name) {
    return Engine.builder(
            bouncer.url(db.databaseName())
                + "?poolSize=10&maxOverflow=0&poolPrePing=true&transactionRetries=10"
                + (flag == null ? "" : "&pgbouncer=" + flag))
        .name(name)
        .build();
  }

  @Test
  void transactionModeWithTheFlagRunsTheWholeLoadWithoutAnError(@Postgres TestDatabase db)
      throws Exception {
    try (Engine engine = engine(transactionMode, db, "transaction", "bouncer-tx")) {
      createAccounts(engine, table(db));
      Outcome out = load(engine, table(db), THREADS, TRANSACTIONS);
      Scale.report("pgbouncer transaction mode, pgbouncer=transaction", out.toString());
      assertThat(out.errors()).as(out.toString()).isZero();
      assertThat(out.wrongIsolation()).as(out.toString()).isZero();
      assertThat(out.committed()).isEqualTo(TRANSACTIONS);
      long sum =
          engine.inTransaction(
              c -> c.execute("select sum(balance) from " + table(db)).scalar(Long.class));
      assertThat(sum).as("every transfer moved money, none created it").isZero();
      // what transaction mode forbids fails at once, through the real PgBouncer too
      assertThatThrownBy(() -> engine.useConnection(c -> c.execute("LISTEN bouncer_events")))
          .isInstanceOf(StatementException.class)
          .hasMessageContaining("LISTEN");
    }
  }

  @Test
  void transactionModeWithoutTheFlagBreaks(@Postgres TestDatabase db) throws Exception {
    try (Engine engine = engine(transactionMode, db, null, "bouncer-noflag")) {
      createAccounts(engine, table(db));
      Outcome out = load(engine, table(db), THREADS, 2_000);
      Scale.report("pgbouncer transaction mode, no flag", out.toString());
      assertThat(out.errors() + out.wrongIsolation())
          .as(
              "server-side prepared statements (26000/42P05) and session-level isolation land on"
                  + " other clients' server sessions: "
                  + out)
          .isPositive();
    }
  }

  @Test
  void sessionModeKeepsTheSession(@Postgres TestDatabase db) throws Exception {
    try (Engine engine = engine(sessionMode, db, "session", "bouncer-session")) {
      createAccounts(engine, table(db));
      Outcome out = load(engine, table(db), THREADS, 2_000);
      Scale.report("pgbouncer session mode, pgbouncer=session", out.toString());
      assertThat(out.errors()).as(out.toString()).isZero();
      assertThat(out.wrongIsolation()).as(out.toString()).isZero();
      engine.useConnection(
          c -> {
            c.execute("LISTEN bouncer_events"); // a session feature: fine in session mode
            c.execute("UNLISTEN bouncer_events");
          });
    }
  }

  /** The admin console answers (used by the sizing check). */
  @Test
  void pgBouncerReportsItsPools(@Postgres TestDatabase db) throws SQLException {
    try (Engine engine = engine(transactionMode, db, "transaction", "bouncer-admin");
        Connection c = engine.dataSource().getConnection()) {
      c.createStatement().execute("select 1");
      assertThat(transactionMode.showConfig()).containsEntry("pool_mode", "transaction");
    }
  }
}
