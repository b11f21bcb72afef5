package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The {@code pgbouncer} option without PgBouncer: what it changes in the engine (URL, errors, the
 * client-side refusals and the per-transaction isolation level) on a direct PostgreSQL connection.
 * The same behaviour through a real PgBouncer is {@code PgBouncerIT} in cistern-it.
 */
class PgBouncerModeTest {

  private static String url(TestDatabase db, String mode) {
    String u = db.cisternUrl();
    return u + (u.contains("?") ? "&" : "?") + "pgbouncer=" + mode;
  }

  @Test
  void transactionModeTurnsOffServerSidePreparedStatements(@Postgres TestDatabase db) {
    try (Engine engine = Engine.create(url(db, "transaction"))) {
      assertThat(engine.option(Option.PGBOUNCER)).isEqualTo(PgBouncerMode.TRANSACTION);
      assertThat(engine.url().driverProperties()).containsEntry("prepareThreshold", "0");
    }
    try (Engine engine = Engine.create(url(db, "transaction") + "&prepareThreshold=3")) {
      assertThat(engine.url().driverProperties())
          .as("the user's own value is kept (PgBouncer 1.21+ can keep prepared statements)")
          .containsEntry("prepareThreshold", "3");
    }
    try (Engine engine = Engine.create(url(db, "session"))) {
      assertThat(engine.url().driverProperties()).doesNotContainKey("prepareThreshold");
    }
  }

  @Test
  void refusesOptionsThatCannotWorkThroughPgBouncer(@Postgres TestDatabase db) {
    assertThatThrownBy(() -> Engine.create("h2:mem:?pgbouncer=transaction"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pgbouncer=TRANSACTION is for PostgreSQL URLs")
        .hasMessageContaining("h2");
    assertThatThrownBy(() -> Engine.create(url(db, "transaction") + "&isolationLevel=SERIALIZABLE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "isolationLevel=SERIALIZABLE cannot be used with pgbouncer=transaction")
        .hasMessageContaining("ALTER ROLE");
    assertThatThrownBy(() -> Engine.create(url(db, "bogus")))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("bogus");
  }

  @Test
  void jdbcCallsThatChangeTheSessionFailBeforeReachingTheServer(@Postgres TestDatabase db)
      throws Exception {
    try (Engine engine = Engine.create(url(db, "transaction"));
        Connection c = engine.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("LISTEN cistern_orders"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("LISTEN")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("0A000");
      assertThatThrownBy(() -> c.prepareStatement("set search_path = x"))
          .hasMessageContaining("SET LOCAL");
      assertThatThrownBy(() -> s.executeQuery("select pg_advisory_lock(7)"))
          .hasMessageContaining("pg_advisory_xact_lock");
      assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
          .hasMessageContaining("SET TRANSACTION ISOLATION LEVEL");
      assertThatThrownBy(() -> c.setSchema("public")).hasMessageContaining("search_path");
      assertThatThrownBy(() -> c.setClientInfo("ApplicationName", "x"))
          .isInstanceOf(SQLClientInfoException.class);
      s.addBatch("insert into nowhere values (1)");
      assertThatThrownBy(() -> s.addBatch("reset all")).hasMessageContaining("RESET");
      // what a transaction may do still works, and the connection is still usable after a refusal
      c.setAutoCommit(false);
      assertThatCode(() -> s.execute("set local statement_timeout = '5s'"))
          .doesNotThrowAnyException();
      try (var rs = s.executeQuery("select pg_advisory_xact_lock(7), 1")) {
        assertThat(rs.next()).isTrue();
      }
      c.rollback();
    }
    try (Engine engine = Engine.create(url(db, "session"));
        Connection c = engine.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThatCode(() -> s.execute("LISTEN cistern_orders"))
          .as("session mode keeps the session: LISTEN works")
          .doesNotThrowAnyException();
    }
  }

  @Test
  void engineApiSetsTheIsolationLevelInsideEachTransaction(@Postgres TestDatabase db) {
    try (Engine engine = Engine.create(url(db, "transaction") + "&poolSize=1&maxOverflow=0")) {
      String serializable =
          engine
              .withOptions(ExecutionOptions.defaults().isolationLevel(IsolationLevel.SERIALIZABLE))
              .inTransaction(c -> c.execute("show transaction_isolation").scalar(String.class));
      assertThat(serializable).isEqualTo("serializable");
      String repeatable =
          engine
              .withOptions(
                  ExecutionOptions.defaults().isolationLevel(IsolationLevel.REPEATABLE_READ))
              .withConnection(
                  c -> {
                    c.execute("select 1");
                    c.commit();
                    return c.execute("show transaction_isolation").scalar(String.class);
                  });
      assertThat(repeatable)
          .as("commit-as-you-go: the next transaction on the connection gets the level again")
          .isEqualTo("repeatable read");
      String plain =
          engine.inTransaction(c -> c.execute("show transaction_isolation").scalar(String.class));
      assertThat(plain)
          .as("the same (only) connection: the session was never changed")
          .isEqualTo("read committed");
      assertThatThrownBy(
              () -> engine.inTransaction(c -> c.execute("set work_mem = '8MB'").rowCount()))
          .isInstanceOf(StatementException.class)
          .hasMessageContaining("SET LOCAL");
    }
  }
}
