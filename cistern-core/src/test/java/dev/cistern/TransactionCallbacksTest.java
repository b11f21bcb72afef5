package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Jdbi's callback naming: {@link Engine#withConnection}/{@link Engine#useConnection} and {@link
 * Engine#inTransaction}/{@link Engine#useTransaction} (value-returning and void), checked
 * exceptions passed through unchanged, and the isolation-level overloads.
 */
class TransactionCallbacksTest {

  private static Engine engine(TestDatabase db) {
    // one connection: what the next borrower sees is what the last one left behind
    return Engine.builder(db.cisternUrl())
        .name("cistern_cb_" + Long.toHexString(System.nanoTime()))
        .poolSize(1, 0)
        .build();
  }

  private static void createTable(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key)");
    }
  }

  private static int visibleRows(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The isolation level the server itself reports for the session, e.g. {@code SERIALIZABLE}. */
  private static String serverIsolation(TestDatabase db, SqlConnection c) {
    String sql =
        switch (db.kind()) {
          case POSTGRESQL -> "show transaction_isolation";
          case MARIADB -> "select @@session.tx_isolation";
          default ->
              "select isolation_level from information_schema.sessions"
                  + " where session_id = session_id()";
        };
    String level = c.execute(sql).scalar(String.class);
    return level.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  @OnEachDatabase
  void inTransactionReturnsAndCommitsUseTransactionCommits(TestDatabase db) throws SQLException {
    createTable(db);
    try (Engine engine = engine(db)) {
      long n =
          engine.inTransaction(c -> c.execute("insert into items (id) values (1)").rowCount() + 41);
      assertThat(n).isEqualTo(42);
      engine.useTransaction(c -> c.execute("insert into items (id) values (2)"));
      assertThat(visibleRows(db)).isEqualTo(2);
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @OnEachDatabase
  void aCheckedExceptionRollsBackAndComesOutUnchanged(TestDatabase db) throws SQLException {
    createTable(db);
    try (Engine engine = engine(db)) {
      IOException io = new IOException("disk full");
      assertThatThrownBy(
              () ->
                  engine.useTransaction(
                      c -> {
                        c.execute("insert into items (id) values (1)");
                        throw io;
                      }))
          .isSameAs(io);
      assertThatThrownBy(
              () ->
                  engine.inTransaction(
                      c -> {
                        c.execute("insert into items (id) values (2)");
                        if (c.inTransaction()) {
                          throw io;
                        }
                        return 1;
                      }))
          .isSameAs(io);
      assertThat(io.getSuppressed()).isEmpty();
      assertThat(visibleRows(db)).isZero();
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @Test
  void theCheckedExceptionIsPartOfTheSignature() {
    try (TestDatabase db = TestDatabase.createH2();
        Engine engine = engine(db)) {
      // the compiler knows the callback throws IOException and nothing else checked
      String text;
      try {
        text =
            engine.withConnection(
                c -> {
                  if (c.isClosed()) {
                    throw new IOException("never");
                  }
                  return "ok";
                });
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertThat(text).isEqualTo("ok");
    }
  }

  @OnEachDatabase
  void withConnectionAndUseConnectionLendAPlainConnection(TestDatabase db) throws SQLException {
    createTable(db);
    try (Engine engine = engine(db)) {
      boolean inTx = engine.withConnection(SqlConnection::inTransaction);
      assertThat(inTx).as("no transaction begun for a plain connection").isFalse();
      engine.useConnection(
          c -> {
            c.execute("insert into items (id) values (1)");
            c.commit();
            c.execute("insert into items (id) values (2)"); // not committed: rolled back on return
          });
      assertThat(visibleRows(db)).isEqualTo(1);
      IOException io = new IOException("boom");
      assertThatThrownBy(
              () ->
                  engine.useConnection(
                      c -> {
                        throw io;
                      }))
          .isSameAs(io);
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2})
  void anIsolationLevelAppliesToThatTransactionOnly(TestDatabase db) {
    try (Engine engine = engine(db)) {
      String normal;
      IsolationLevel normalLevel;
      try (SqlConnection c = engine.connect()) {
        normalLevel = c.isolationLevel();
        normal = serverIsolation(db, c);
      }
      assertThat(normal).isNotEqualTo("SERIALIZABLE");

      String inside =
          engine.inTransaction(
              IsolationLevel.SERIALIZABLE,
              c -> {
                assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
                assertThat(c.inTransaction()).isTrue();
                return serverIsolation(db, c);
              });
      assertThat(inside).as("the server runs it serializable").isEqualTo("SERIALIZABLE");

      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).as("restored on return").isEqualTo(normalLevel);
        assertThat(serverIsolation(db, c)).isEqualTo(normal);
      }

      engine.useTransaction(
          IsolationLevel.REPEATABLE_READ,
          c -> assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.REPEATABLE_READ));
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).isEqualTo(normalLevel);
      }
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @Test
  void aViewsTransactionLevelOverridesTheViewsOwn() {
    try (TestDatabase db = TestDatabase.createH2();
        Engine engine = engine(db)) {
      EngineView readCommitted =
          engine.withOptions(
              ExecutionOptions.defaults()
                  .isolationLevel(IsolationLevel.READ_COMMITTED)
                  .fetchSize(7));
      assertThat(readCommitted.inTransaction(SqlConnection::isolationLevel))
          .isEqualTo(IsolationLevel.READ_COMMITTED);
      int fetch =
          readCommitted.inTransaction(
              IsolationLevel.SERIALIZABLE,
              c -> {
                assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
                return c.fetchSize();
              });
      assertThat(fetch).as("the view's other options stay").isEqualTo(7);
      int plainFetch = readCommitted.withConnection(SqlConnection::fetchSize);
      assertThat(plainFetch).isEqualTo(7);
      readCommitted.useConnection(c -> assertThat(c.inTransaction()).isFalse());
      readCommitted.useTransaction(
          IsolationLevel.SERIALIZABLE,
          c -> assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE));
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @Test
  void autocommitIsNoTransactionLevelAndNothingIsBorrowed() {
    try (TestDatabase db = TestDatabase.createH2();
        Engine engine = engine(db)) {
      assertThatThrownBy(() -> engine.inTransaction(IsolationLevel.AUTOCOMMIT, c -> 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("AUTOCOMMIT");
      assertThatThrownBy(() -> engine.useTransaction(IsolationLevel.AUTOCOMMIT, c -> {}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(engine.status().inUse()).isZero();
      assertThat(engine.status().size()).as("no connection was opened for it").isZero();
    }
  }
}
