package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@link Engine#begin()}, {@link Engine#inTransaction} and {@link Engine#useTransaction}. */
class TransactionTest {

  private static Engine engine(TestDatabase db) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_tx_" + Long.toHexString(System.nanoTime()))
        .poolSize(2, 0)
        .build();
  }

  private static void createTable(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key)");
    }
  }

  static void insert(SqlConnection c, int id) {
    try (Statement s = c.jdbc().createStatement()) {
      s.executeUpdate("insert into items (id) values (" + id + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows visible from a separate raw connection. */
  private static int visibleRows(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from items")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @OnEachDatabase
  void beginCommitRollbackAndClose(TestDatabase db) throws SQLException {
    createTable(db);
    try (Engine engine = engine(db)) {
      try (Transaction tx = engine.begin()) {
        assertThat(tx.isActive()).isTrue();
        assertThat(tx.connection().jdbc().getAutoCommit()).isFalse();
        insert(tx.connection(), 1);
        assertThat(visibleRows(db)).as("uncommitted").isZero();
        tx.commit();
        assertThat(tx.isActive()).isFalse();
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
      }
      assertThat(visibleRows(db)).isEqualTo(1);

      try (Transaction tx = engine.begin()) {
        insert(tx.connection(), 2);
        tx.rollback();
        assertThat(tx.isActive()).isFalse();
      }
      assertThat(visibleRows(db)).isEqualTo(1);

      Transaction left;
      try (Transaction tx = engine.begin()) {
        insert(tx.connection(), 3);
        left = tx;
      } // closed without commit
      assertThat(left.isActive()).isFalse();
      assertThat(left.connection().isClosed()).isTrue();
      assertThat(visibleRows(db)).isEqualTo(1);
      assertThat(engine.status().inUse()).isZero();

      try (SqlConnection c = engine.connect()) {
        assertThat(c.jdbc().getAutoCommit()).as("auto-commit restored on return").isTrue();
      }
    }
  }

  @OnEachDatabase
  void transactionCommitsOnReturnAndRollsBackOnException(TestDatabase db) throws SQLException {
    createTable(db);
    try (Engine engine = engine(db)) {
      int result =
          engine.inTransaction(
              c -> {
                insert(c, 1);
                insert(c, 2);
                return 42;
              });
      assertThat(result).isEqualTo(42);
      assertThat(visibleRows(db)).isEqualTo(2);

      engine.useTransaction(c -> insert(c, 3));
      assertThat(visibleRows(db)).isEqualTo(3);

      UncheckedIOException boom = new UncheckedIOException(new IOException("boom"));
      assertThatThrownBy(
              () ->
                  engine.useTransaction(
                      c -> {
                        insert(c, 4);
                        throw boom;
                      }))
          .isSameAs(boom);
      assertThat(boom.getSuppressed()).isEmpty();
      assertThat(visibleRows(db)).isEqualTo(3);

      AssertionError error = new AssertionError("an Error, too");
      assertThatThrownBy(
              () ->
                  engine.inTransaction(
                      c -> {
                        insert(c, 5);
                        throw error;
                      }))
          .isSameAs(error);
      assertThat(visibleRows(db)).isEqualTo(3);
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @Test
  void aFailedRollbackIsSuppressed() throws SQLException {
    try (TestDatabase db = TestDatabase.createH2()) {
      createTable(db);
      try (Engine engine = engine(db)) {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(
                () ->
                    engine.useTransaction(
                        c -> {
                          insert(c, 1);
                          try {
                            c.jdbc().unwrap(org.h2.jdbc.JdbcConnection.class).close();
                          } catch (SQLException e) {
                            throw new IllegalStateException(e);
                          }
                          throw boom;
                        }))
            .isSameAs(boom);
        assertThat(boom.getSuppressed()).hasSize(1);
        assertThat(boom.getSuppressed()[0]).isInstanceOf(CisternException.class);
        assertThat(visibleRows(db)).isZero();
        assertThat(engine.status().inUse()).isZero();
      }
    }
  }
}
