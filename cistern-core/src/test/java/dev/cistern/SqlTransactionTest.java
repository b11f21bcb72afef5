package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static dev.cistern.testkit.DatabaseKind.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Commit as you go, transaction blocks, savepoints, per-checkout settings and retries. */
class SqlTransactionTest {

  private static <T> Engine engine(TestDatabase db, Option<T> option, T value) {
    Engine.Builder b =
        Engine.builder(db.cisternUrl())
            .name("cistern_tx_" + Long.toHexString(System.nanoTime()))
            .poolSize(1, 0);
    if (option != null) {
      b.option(option, value);
    }
    return b.build();
  }

  private static void createItems(Engine engine) {
    try (SqlConnection c = engine.connect()) {
      c.execute("create table items (id int primary key, n int)");
      c.commit();
    }
  }

  private static int count(Engine engine) {
    try (SqlConnection c = engine.connect()) {
      return c.execute("select count(*) from items").scalar(Integer.class);
    }
  }

  private static int visible(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void commitAsYouGo(TestDatabase db) throws SQLException {
    try (Engine engine = engine(db, null, null)) {
      createItems(engine);
      try (SqlConnection c = engine.connect()) {
        assertThat(c.inTransaction()).isFalse();
        c.execute("insert into items (id) values (:id)", Map.of("id", 1));
        assertThat(c.inTransaction()).isTrue();
        assertThat(visible(db)).as("not committed yet").isZero();
        c.commit();
        assertThat(c.inTransaction()).isFalse();
        assertThat(visible(db)).isEqualTo(1);
        c.execute("insert into items (id) values (:id)", Map.of("id", 2));
        c.rollback();
        c.execute("insert into items (id) values (:id)", Map.of("id", 3));
      } // closed without commit: rolled back
      assertThat(count(engine)).isEqualTo(1);
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void autocommitIsolationCommitsEachStatement(TestDatabase db) throws SQLException {
    try (Engine engine = engine(db, Option.ISOLATION_LEVEL, IsolationLevel.AUTOCOMMIT)) {
      createItems(engine);
      try (SqlConnection c = engine.connect()) {
        c.execute("insert into items (id) values (1)");
        assertThat(c.inTransaction()).isFalse();
        assertThat(visible(db)).isEqualTo(1);
        try (Transaction tx = c.begin()) {
          c.execute("insert into items (id) values (2)");
          assertThat(visible(db)).as("inside begin()").isEqualTo(1);
          tx.commit();
        }
        assertThat(c.jdbc().getAutoCommit()).as("auto-commit restored after the block").isTrue();
        try (Transaction tx = c.begin()) {
          c.execute("insert into items (id) values (3)");
        }
      }
      assertThat(visible(db)).isEqualTo(2);
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void perCheckoutIsolationIsRevertedOnReturn(TestDatabase db) throws SQLException {
    try (Engine engine = engine(db, null, null)) {
      createItems(engine);
      try (SqlConnection c = engine.connect()) {
        c.isolation(IsolationLevel.AUTOCOMMIT);
        c.execute("insert into items (id) values (1)");
        assertThat(visible(db)).isEqualTo(1);
      }
      try (SqlConnection c = engine.connect()) { // the pool's only connection, reset
        c.execute("insert into items (id) values (2)");
        assertThat(visible(db)).as("back to commit-as-you-go").isEqualTo(1);
        assertThatThrownBy(() -> c.isolation(IsolationLevel.SERIALIZABLE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("before the first statement");
        c.rollback();
        if (db.kind() != SQLITE) {
          c.isolation(IsolationLevel.SERIALIZABLE);
          assertThat(c.jdbc().getTransactionIsolation())
              .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        }
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.jdbc().getTransactionIsolation())
            .isNotEqualTo(db.kind() == SQLITE ? -1 : Connection.TRANSACTION_SERIALIZABLE);
      }
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB}) // H2 and SQLite treat read-only as a hint only
  void readOnlyIsRevertedOnReturn(TestDatabase db) {
    try (Engine engine = engine(db, null, null)) {
      createItems(engine);
      try (SqlConnection c = engine.connect()) {
        c.readOnly(true);
        assertThatThrownBy(() -> c.execute("insert into items (id) values (1)"))
            .isInstanceOf(StatementException.class);
      }
      try (SqlConnection c = engine.connect()) {
        c.execute("insert into items (id) values (1)");
        c.commit();
      }
      assertThat(count(engine)).isEqualTo(1);
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void beginBlocksAndSavepoints(TestDatabase db) {
    try (Engine engine = engine(db, null, null)) {
      createItems(engine);
      try (Transaction tx = engine.begin()) {
        tx.execute("insert into items (id) values (1)");
        try (Transaction sp = tx.connection().beginNested()) {
          assertThat(sp.isNested()).isTrue();
          tx.execute("insert into items (id) values (2)");
          sp.commit(); // released: its work belongs to the outer transaction now
        }
        try (Transaction sp = tx.connection().beginNested()) {
          tx.execute("insert into items (id) values (3)");
          sp.rollback();
          assertThat(sp.isActive()).isFalse();
        }
        // a failing statement inside a savepoint: roll back to it and carry on (PostgreSQL too)
        try (Transaction sp = tx.connection().beginNested()) {
          assertThatThrownBy(() -> tx.execute("insert into items (id) values (1)"))
              .isInstanceOf(StatementException.class);
        }
        tx.execute("insert into items (id) values (4)");
        try (Transaction outerNested = tx.connection().beginNested()) {
          Transaction inner = tx.connection().beginNested();
          tx.execute("insert into items (id) values (5)");
          outerNested.rollback();
          assertThat(inner.isActive()).as("ended with the enclosing savepoint").isFalse();
        }
        tx.commit();
        assertThat(tx.isActive()).isFalse();
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("select id from items order by id").scalars(Integer.class))
            .containsExactly(1, 2, 4);
        c.execute("insert into items (id) values (9)");
        assertThatThrownBy(c::begin)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("beginNested()");
      }
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void transactionFunctionCommitsOrRollsBack(TestDatabase db) {
    try (Engine engine = engine(db, null, null)) {
      createItems(engine);
      int n =
          engine.inTransaction(
              c -> c.execute("insert into items (id) values (1)").rowCount() > 0 ? 1 : 0);
      assertThat(n).isEqualTo(1);
      assertThatThrownBy(
              () ->
                  engine.useTransaction(
                      c -> {
                        c.execute("insert into items (id) values (2)");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(count(engine)).isEqualTo(1);
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void statementTimeoutCancels(TestDatabase db) {
    String sleep = db.kind() == POSTGRESQL ? "select pg_sleep(5)" : "select sleep(5)";
    try (Engine engine = engine(db, Option.STATEMENT_TIMEOUT, Duration.ofSeconds(1));
        SqlConnection c = engine.connect()) {
      if (db.kind() == POSTGRESQL) {
        assertThatThrownBy(() -> c.execute(sleep))
            .isInstanceOf(StatementException.class)
            .extracting(e -> ((StatementException) e).sqlState())
            .isEqualTo("57014");
      } else {
        assertThatThrownBy(() -> c.execute(sleep))
            .isInstanceOf(StatementException.class)
            .extracting(e -> ((StatementException) e).vendorCode())
            .isEqualTo(1969); // max_statement_time exceeded
      }
    }
  }

  /**
   * Two real concurrent SERIALIZABLE transactions on PostgreSQL that read-then-write the same rows:
   * one of them fails with 40001, and inTransaction(fn) with retries runs it again to success.
   */
  @Test
  void serializationFailuresAreRetried(@Postgres TestDatabase db) throws Exception {
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name("cistern_retry_" + Long.toHexString(System.nanoTime()))
            .poolSize(4, 0)
            .option(Option.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE)
            .option(Option.TRANSACTION_RETRIES, 5)
            .option(Option.TRANSACTION_RETRY_BACKOFF, Duration.ofMillis(5))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (engine) {
      try (SqlConnection c = engine.connect()) {
        c.execute("create table counter (id int primary key, n int)");
        c.execute("insert into counter values (1, 0)");
        c.commit();
      }
      AtomicInteger attempts = new AtomicInteger();
      CountDownLatch bothRead = new CountDownLatch(2);
      Runnable increment =
          () ->
              engine.useTransaction(
                  c -> {
                    int attempt = attempts.incrementAndGet();
                    int n = c.execute("select n from counter where id = 1").scalar(Integer.class);
                    if (attempt <= 2) { // the first two attempts overlap for sure
                      bothRead.countDown();
                      await(bothRead);
                    }
                    c.execute("update counter set n = :n where id = 1", Map.of("n", n + 1));
                  });
      Future<?> a = pool.submit(increment);
      Future<?> b = pool.submit(increment);
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("select n from counter").scalar(Integer.class))
            .as("both increments landed")
            .isEqualTo(2);
      }
      assertThat(attempts.get()).as("at least one retry happened").isGreaterThanOrEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutRetriesTheSerializationFailureSurfaces(@Postgres TestDatabase db) throws Exception {
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name("cistern_noretry_" + Long.toHexString(System.nanoTime()))
            .poolSize(4, 0)
            .option(Option.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (engine) {
      try (SqlConnection c = engine.connect()) {
        c.execute("create table counter (id int primary key, n int)");
        c.execute("insert into counter values (1, 0)");
        c.commit();
      }
      CountDownLatch bothRead = new CountDownLatch(2);
      Runnable increment =
          () ->
              engine.useTransaction(
                  c -> {
                    int n = c.execute("select n from counter where id = 1").scalar(Integer.class);
                    bothRead.countDown();
                    await(bothRead);
                    c.execute("update counter set n = :n where id = 1", Map.of("n", n + 1));
                  });
      Future<?> a = pool.submit(increment);
      Future<?> b = pool.submit(increment);
      int failures = 0;
      for (Future<?> f : new Future<?>[] {a, b}) {
        try {
          f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StatementException.class);
          StatementException s = (StatementException) e.getCause();
          assertThat(s.isRetryable()).isTrue();
          assertThat(s.sqlState()).isEqualTo("40001");
          assertThat(s.getMessage()).contains("transactionRetries");
          failures++;
        }
      }
      assertThat(failures).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other transaction never read");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
