package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The transaction semantics of SQLAlchemy 2.0's {@code Connection} and {@code Transaction}, ported:
 * each test names the SQLAlchemy behaviour it matches.
 */
class SqlConnectionTransactionSemanticsTest {

  private static Engine engine(TestDatabase db, ResetOnReturn reset) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_sem_" + Long.toHexString(System.nanoTime()))
        .poolSize(1, 0)
        .option(Option.POOL_RESET_ON_RETURN, reset)
        .build();
  }

  private static void createItems(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key)");
    }
  }

  /** Rows visible from a separate raw connection (committed rows only). */
  private static int visible(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select count(*) from items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void deleteAll(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement()) {
      s.execute("delete from items");
    }
  }

  // ---- defect 7 ----

  @OnEachDatabase
  @DisplayName(
      "SQLAlchemy Connection.close() rolls back its own transaction before the pool's"
          + " reset-on-return, whatever poolResetOnReturn says")
  void closingWithoutCommitRollsBackWhateverTheResetMode(TestDatabase db) throws SQLException {
    createItems(db);
    for (ResetOnReturn mode : ResetOnReturn.values()) {
      try (Engine engine = engine(db, mode)) {
        try (SqlConnection c = engine.connect()) {
          c.execute("insert into items (id) values (1)");
        } // closed without commit
        assertThat(visible(db)).as("commit-as-you-go with reset %s", mode).isZero();

        try (SqlConnection c = engine.connect()) {
          Transaction tx = c.begin();
          tx.execute("insert into items (id) values (2)");
        } // the connection closed with its begin() block still open
        assertThat(visible(db)).as("open begin() block with reset %s", mode).isZero();

        try (SqlConnection c = engine.connect()) {
          c.execute("insert into items (id) values (3)");
          c.beginNested();
          c.execute("insert into items (id) values (4)");
        } // a savepoint left open too
        assertThat(visible(db)).as("open savepoint with reset %s", mode).isZero();

        try (SqlConnection c = engine.connect()) {
          assertThat(c.execute("select count(*) from items").scalar(Integer.class))
              .as("nothing left behind for the next borrower (reset %s)", mode)
              .isZero();
        }
      }
    }
  }

  @OnEachDatabase
  @DisplayName(
      "SQLAlchemy pool reset_on_return='commit' governs what a raw DBAPI borrower left open")
  void aRawJdbcBorrowerIsResetAsConfigured(TestDatabase db) throws SQLException {
    createItems(db);
    try (Engine engine = engine(db, ResetOnReturn.COMMIT)) {
      try (Connection c = engine.dataSource().getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("insert into items (id) values (1)");
      }
      assertThat(visible(db)).as("committed on return, as configured").isEqualTo(1);
    }
    deleteAll(db);
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      try (Connection c = engine.dataSource().getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("insert into items (id) values (1)");
      }
      assertThat(visible(db)).as("rolled back on return").isZero();
    }
  }

  // ---- Transactions, 2.0 style ----

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy: after rollback() inside a begin() block, a statement raises 'Can't operate on"
          + " closed transaction inside context manager' instead of autobeginning")
  void aStatementAfterRollbackInsideTheBlockRaises(TestDatabase db) throws SQLException {
    createItems(db);
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      try (Transaction tx = engine.begin()) {
        tx.execute("insert into items (id) values (1)");
        tx.rollback();
        assertThatThrownBy(() -> tx.execute("insert into items (id) values (2)"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("transaction is closed");
        assertThatThrownBy(() -> tx.connection().execute("insert into items (id) values (3)"))
            .as("the block's connection, too, until the block is closed")
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("transaction is closed");
      }
      try (SqlConnection c = engine.connect()) {
        Transaction tx = c.begin();
        c.execute("insert into items (id) values (4)");
        tx.commit();
        assertThatThrownBy(() -> tx.execute("insert into items (id) values (5)"))
            .as("after commit() as well")
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("transaction is closed");
        tx.close();
        // once the block is closed, the connection goes on as usual (commit as you go)
        c.execute("insert into items (id) values (6)");
        c.commit();
      }
      assertThat(visible(db)).isEqualTo(2);
    }
  }

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy: Transaction.rollback() of an inactive transaction is a no-op (we also warn)")
  void aSecondRollbackIsANoOp(TestDatabase db) throws SQLException {
    createItems(db);
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      try (Transaction tx = engine.begin()) {
        tx.execute("insert into items (id) values (1)");
        tx.rollback();
        assertThatCode(tx::rollback).doesNotThrowAnyException();
        assertThat(tx.isActive()).isFalse();
      }
      try (SqlConnection c = engine.connect()) {
        Transaction tx = c.begin();
        c.execute("insert into items (id) values (2)");
        tx.commit();
        assertThatCode(tx::rollback).as("rollback after commit").doesNotThrowAnyException();
        tx.close();
        assertThatCode(tx::rollback).as("rollback after close").doesNotThrowAnyException();
        try (Transaction sp = c.beginNested()) {
          c.execute("insert into items (id) values (3)");
          sp.rollback();
          assertThatCode(sp::rollback)
              .as("a savepoint's second rollback")
              .doesNotThrowAnyException();
        }
        c.commit();
        assertThatThrownBy(tx::commit)
            .as("commit of an inactive transaction still raises, as SQLAlchemy's does")
            .isInstanceOf(IllegalStateException.class);
      }
      assertThat(visible(db)).isEqualTo(1);
    }
  }

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy: rollback() of a transaction or savepoint whose connection was invalidated is a"
          + " no-op")
  void rollbackAfterInvalidationIsANoOp(TestDatabase db) throws SQLException {
    createItems(db);
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      SqlConnection c = engine.connect();
      Transaction tx = c.begin();
      c.execute("insert into items (id) values (1)");
      Transaction sp = c.beginNested();
      c.execute("insert into items (id) values (2)");
      c.invalidate();
      assertThatCode(sp::rollback).as("savepoint").doesNotThrowAnyException();
      assertThatCode(tx::rollback).as("transaction").doesNotThrowAnyException();
      assertThatCode(tx::close).doesNotThrowAnyException();
      assertThatCode(c::close).doesNotThrowAnyException();
      assertThat(tx.isActive()).isFalse();
      assertThat(sp.isActive()).isFalse();
      assertThat(engine.status().inUse()).isZero();
      assertThat(visible(db)).isZero();
    }
  }

  @Test
  @DisplayName(
      "SQLAlchemy: after a disconnect invalidated the connection, rolling back the transaction and"
          + " its savepoint is a no-op, and detach() raises")
  void rollbackAfterADisconnectIsANoOp(@Postgres TestDatabase db) throws SQLException {
    createItems(db);
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      SqlConnection c = engine.connect();
      Transaction tx = c.begin();
      int pid = c.execute("select pg_backend_pid()").scalar(Integer.class);
      Transaction sp = c.beginNested();
      c.execute("insert into items (id) values (1)");
      try (Connection killer = db.openConnection();
          Statement s = killer.createStatement()) {
        s.execute("select pg_terminate_backend(" + pid + ")");
      }
      assertThatThrownBy(() -> c.execute("select 1")).isInstanceOf(DisconnectedException.class);
      assertThat(c.isInvalidated()).isTrue();
      assertThatCode(sp::rollback).as("savepoint").doesNotThrowAnyException();
      assertThatCode(tx::rollback).as("transaction").doesNotThrowAnyException();
      assertThatCode(c::rollback).as("the connection's").doesNotThrowAnyException();
      assertThatThrownBy(c::detach).hasMessageContaining("invalidated");
      assertThatCode(c::close).doesNotThrowAnyException();
      assertThat(engine.status().inUse()).isZero();
      try (SqlConnection fresh = engine.connect()) {
        assertThat(fresh.execute("select count(*) from items").scalar(Integer.class)).isZero();
      }
    }
  }

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy: detach() raises on a closed Connection (ResourceClosedError) and on an"
          + " invalidated one (\"Can't detach an invalidated Connection\")")
  void detachOfAClosedOrInvalidatedConnectionRaises(TestDatabase db) {
    try (Engine engine = engine(db, ResetOnReturn.ROLLBACK)) {
      SqlConnection closed = engine.connect();
      closed.close();
      assertThatThrownBy(closed::detach)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      SqlConnection invalid = engine.connect();
      invalid.invalidate();
      assertThatThrownBy(invalid::detach)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("invalidated");
      assertThat(engine.status().inUse()).isZero();
    }
  }
}
