package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Uncommitted work and session settings of one borrower never reach the next, on real servers. */
class ProxyDatabaseIntegrationTest {

  @Test
  void postgresql(@Postgres TestDatabase db) throws SQLException {
    uncommittedWorkIsNeverSeenOrCommitted(db);
  }

  @Test
  void mariadb(@MariaDb TestDatabase db) throws SQLException {
    uncommittedWorkIsNeverSeenOrCommitted(db);
  }

  private static void uncommittedWorkIsNeverSeenOrCommitted(TestDatabase db) throws SQLException {
    try (Connection admin = db.openConnection();
        Statement st = admin.createStatement()) {
      st.execute("create table proxy_rows (id int primary key)");
    }
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect dialect = Dialects.forUrl(url);
    String app = db.applicationName() + "-proxy";
    ConnectionPool pool =
        new ConnectionPool(
            PoolConfig.defaults("it").withSize(1, 0),
            () -> dialect.connect(url, app),
            Ticker.SYSTEM);
    try {
      int isolation;
      boolean readOnly;
      try (ProxyConnection c = ProxyConnection.of(pool.acquire(), pool)) {
        isolation = c.getTransactionIsolation();
        readOnly = c.isReadOnly();
        assertThat(c.getAutoCommit()).isTrue();
      }
      int other =
          isolation == Connection.TRANSACTION_SERIALIZABLE
              ? Connection.TRANSACTION_READ_COMMITTED
              : Connection.TRANSACTION_SERIALIZABLE;

      ProxyConnection first = ProxyConnection.of(pool.acquire(), pool);
      first.setTransactionIsolation(other);
      first.setAutoCommit(false);
      try (Statement st = first.createStatement()) {
        assertThat(st.executeUpdate("insert into proxy_rows values (1)")).isEqualTo(1);
        assertThat(count(st)).isEqualTo(1);
      }
      first.close(); // without commit

      ProxyConnection readOnlyBorrower = ProxyConnection.of(pool.acquire(), pool);
      readOnlyBorrower.setReadOnly(!readOnly);
      try (Statement st = readOnlyBorrower.createStatement()) {
        assertThat(count(st)).isZero();
      }
      readOnlyBorrower.close();

      try (ProxyConnection second = ProxyConnection.of(pool.acquire(), pool)) {
        assertThat(pool.status().size()).isEqualTo(1); // the same physical connection
        assertThat(second.getAutoCommit()).isTrue();
        assertThat(second.getTransactionIsolation()).isEqualTo(isolation);
        assertThat(second.isReadOnly()).isEqualTo(readOnly);
        try (Statement st = second.createStatement()) {
          assertThat(count(st)).isZero();
        }
      }
      try (Connection fresh = db.openConnection();
          Statement st = fresh.createStatement()) {
        assertThat(count(st)).isZero();
      }
    } finally {
      pool.close();
    }
  }

  private static int count(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("select count(*) from proxy_rows")) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}
