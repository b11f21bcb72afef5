package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.engine.DialectConnectionFactory;
import dev.cistern.internal.engine.DialectPoolSupport;
import dev.cistern.internal.jdbc.JdbcDataSource;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Real servers kill the pool's sessions behind its back: with pre-ping no borrower notices, without
 * it the first borrower that meets a dead connection gets one error and the rest of the pool is
 * replaced before anyone else does.
 */
class DisconnectKillIntegrationTest {
  private static final int CYCLES = 50;
  private static final String INVALIDATED = "connection invalidated: the database connection was";

  /** How to see and kill the pool's sessions on one kind of server. */
  private interface Server {
    int sessions(Connection admin, String app) throws SQLException;

    void killAll(Connection admin, String app) throws SQLException;
  }

  private static final Server POSTGRES =
      new Server() {
        @Override
        public int sessions(Connection admin, String app) throws SQLException {
          return count(
              admin, "select count(*) from pg_stat_activity where application_name = ?", app);
        }

        @Override
        public void killAll(Connection admin, String app) throws SQLException {
          try (PreparedStatement ps =
              admin.prepareStatement(
                  "select pg_terminate_backend(pid) from pg_stat_activity"
                      + " where application_name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                assertThat(rs.getBoolean(1)).isTrue();
              }
            }
          }
        }
      };

  /** MariaDB shows no application names in its process list: the test database's sessions. */
  private static Server mariadb(TestDatabase db) {
    return new Server() {
      @Override
      public int sessions(Connection admin, String app) throws SQLException {
        return count(
            admin,
            "select count(*) from information_schema.processlist"
                + " where DB = ? and ID <> connection_id()",
            db.databaseName());
      }

      @Override
      public void killAll(Connection admin, String app) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps =
            admin.prepareStatement(
                "select ID from information_schema.processlist"
                    + " where DB = ? and ID <> connection_id()")) {
          ps.setString(1, db.databaseName());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
        try (Statement st = admin.createStatement()) {
          for (long id : ids) {
            try {
              st.execute("KILL " + id);
            } catch (SQLException e) {
              if (e.getErrorCode() != 1094) { // unknown thread: it ended by itself meanwhile
                throw e;
              }
            }
          }
        }
      }
    };
  }

  // ---- PostgreSQL ----

  @Test
  void postgresqlWithPrePingNobodyNoticesTheKill(@Postgres TestDatabase db) throws Exception {
    prePingHidesTheKill(db, POSTGRES);
  }

  @Test
  void postgresqlWithoutPrePingOneBorrowerAtMostGetsAnError(@Postgres TestDatabase db)
      throws Exception {
    oneErrorAtMostWithoutPrePing(db, POSTGRES);
  }

  @Test
  void postgresqlARunningStatementFailsWhenItsBackendIsKilled(@Postgres TestDatabase db)
      throws Exception {
    runningStatementFails(
        db,
        POSTGRES,
        "select pg_sleep(5)",
        (admin, app) ->
            count(
                admin,
                "select count(*) from pg_stat_activity where application_name = ?"
                    + " and state = 'active' and query like 'select pg_sleep%'",
                app));
  }

  // ---- MariaDB ----

  @Test
  void mariadbWithPrePingNobodyNoticesTheKill(@MariaDb TestDatabase db) throws Exception {
    prePingHidesTheKill(db, mariadb(db));
  }

  @Test
  void mariadbWithoutPrePingOneBorrowerAtMostGetsAnError(@MariaDb TestDatabase db)
      throws Exception {
    oneErrorAtMostWithoutPrePing(db, mariadb(db));
  }

  @Test
  void mariadbARunningStatementFailsWhenItsSessionIsKilled(@MariaDb TestDatabase db)
      throws Exception {
    runningStatementFails(
        db,
        mariadb(db),
        "select sleep(5)",
        (admin, app) ->
            count(
                admin,
                "select count(*) from information_schema.processlist"
                    + " where DB = ? and ID <> connection_id() and INFO like 'select sleep%'",
                db.databaseName()));
  }

  // ---- the scenarios ----

  private static void prePingHidesTheKill(TestDatabase db, Server server) throws Exception {
    String app = appName();
    ConnectionPool pool = pool(db, app, true);
    JdbcDataSource ds = JdbcDataSource.forPool(pool);
    try (Connection admin = db.openConnection("cistern_kill_admin")) {
      long warmedAt = warm(ds);
      assertThat(server.sessions(admin, app)).isEqualTo(4);
      server.killAll(admin, app);
      awaitTrue("no sessions left", () -> sessions(server, admin, app) == 0);
      // Connections used in the last 500 ms skip the pre-ping; these were used at warm-up.
      long bypassEnd = warmedAt + PoolHealth.PRE_PING_BYPASS.toNanos() + 100_000_000L;
      awaitTrue("the pre-ping bypass to pass", () -> System.nanoTime() - bypassEnd > 0);

      List<SQLException> errors = new CopyOnWriteArrayList<>();
      AtomicInteger left = new AtomicInteger(CYCLES);
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(
              threads.submit(
                  () -> {
                    while (left.getAndDecrement() > 0) {
                      try {
                        selectOne(ds);
                      } catch (SQLException e) {
                        errors.add(e);
                      }
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      System.out.printf(
          "%s pre-ping on: %d errors in %d cycles%n", db.kind(), errors.size(), CYCLES);
      assertThat(errors).isEmpty();
      int size = pool.status().size();
      assertThat(size).isBetween(1, 4);
      awaitTrue(
          "the server to show the pool's fresh sessions",
          () -> sessions(server, admin, app) == pool.status().size());
      assertThat(server.sessions(admin, app)).isBetween(1, 4);
    } finally {
      pool.close();
    }
  }

  private static void oneErrorAtMostWithoutPrePing(TestDatabase db, Server server)
      throws Exception {
    String app = appName();
    ConnectionPool pool = pool(db, app, false);
    JdbcDataSource ds = JdbcDataSource.forPool(pool);
    try (Connection admin = db.openConnection("cistern_kill_admin")) {
      warm(ds);
      assertThat(server.sessions(admin, app)).isEqualTo(4);
      server.killAll(admin, app);
      awaitTrue("no sessions left", () -> sessions(server, admin, app) == 0);

      List<Integer> failedCycles = new ArrayList<>();
      List<SQLException> errors = new ArrayList<>();
      for (int i = 0; i < CYCLES; i++) {
        try {
          selectOne(ds);
        } catch (SQLException e) {
          failedCycles.add(i);
          errors.add(e);
        }
      }
      System.out.printf(
          "%s pre-ping off: %d errors in %d cycles (at cycles %s)%n",
          db.kind(), errors.size(), CYCLES, failedCycles);
      assertThat(errors).hasSizeLessThanOrEqualTo(1);
      if (!errors.isEmpty()) {
        assertThat(failedCycles).containsExactly(0);
        assertThat(errors.get(0).getMessage()).startsWith(INVALIDATED);
        assertThat(errors.get(0).getCause()).isInstanceOf(SQLException.class);
      }
      assertThat(pool.status().size()).isBetween(1, 4);
      awaitTrue(
          "the server to show the pool's fresh sessions",
          () -> sessions(server, admin, app) == pool.status().size());
    } finally {
      pool.close();
    }
  }

  /** Counts the sessions running the sleep. */
  private interface Running {
    int count(Connection admin, String app) throws SQLException;
  }

  private static void runningStatementFails(
      TestDatabase db, Server server, String sleepSql, Running running) throws Exception {
    String app = appName();
    ConnectionPool pool = pool(db, app, false);
    JdbcDataSource ds = JdbcDataSource.forPool(pool);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (Connection admin = db.openConnection("cistern_kill_admin")) {
      Connection c = ds.getConnection();
      assertThat(pool.status().size()).isOne();
      Statement st = c.createStatement();
      Future<SQLException> sleeper =
          thread.submit(
              () -> {
                try {
                  st.execute(sleepSql);
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      awaitTrue(
          "the sleep to show on the server",
          () -> {
            try {
              return running.count(admin, app) == 1;
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
      server.killAll(admin, app);
      SQLException e = sleeper.get(30, TimeUnit.SECONDS);

      assertThat((Throwable) e).as("the sleep must fail").isNotNull();
      assertThat(e.getMessage())
          .startsWith(INVALIDATED)
          .endsWith("close this connection and borrow another");
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
      assertThat(pool.status().size()).isZero();
      try {
        c.createStatement();
        fail("the invalidated connection must refuse new statements");
      } catch (SQLException later) {
        assertThat(later.getMessage())
            .isEqualTo(
                "connection was invalidated after a disconnect; close it and borrow another");
      }
      c.close();
      assertThat(c.isClosed()).isTrue();
      selectOne(ds); // the pool goes on with a new connection
      assertThat(pool.status().size()).isOne();
    } finally {
      thread.shutdownNow();
      pool.close();
    }
  }

  // ---- helpers ----

  private static String appName() {
    return "cistern_kill_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  private static ConnectionPool pool(TestDatabase db, String app, boolean prePing) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect dialect = Dialects.forUrl(url);
    PoolConfig config = PoolConfig.defaults("kill").withSize(4, 0);
    if (prePing) {
      config = config.withHealth(PoolHealth.DEFAULT.withPrePing(true));
    }
    return new ConnectionPool(
        config,
        new DialectConnectionFactory(url, dialect, app, null),
        Ticker.SYSTEM,
        DialectPoolSupport.of(dialect, PoolListener.NONE));
  }

  /** Opens four connections at once, uses each, returns them all; returns when they came back. */
  private static long warm(JdbcDataSource ds) throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Connection c = ds.getConnection();
        held.add(c);
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("select 1")) {
          assertThat(rs.next()).isTrue();
        }
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    return System.nanoTime();
  }

  private static void selectOne(JdbcDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isOne();
    }
  }

  private static int sessions(Server server, Connection admin, String app) {
    try {
      return server.sessions(admin, app);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int count(Connection c, String sql, String param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    await(what)
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }
}
