package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.ResetOnReturn;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.testkit.stub.StubConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** What returning a connection through its proxy restores and how it ends transactions. */
class ProxyResetTest {
  private static final Executor DIRECT = Runnable::run;

  private static PoolFixture single(ResetOnReturn mode) {
    return new PoolFixture(PoolConfig.defaults("t").withSize(1, 0).withResetOnReturn(mode));
  }

  @Test
  void everyChangedSettingIsRestored() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.ROLLBACK)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      Properties before = raw.getClientInfo();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      c.setReadOnly(true);
      c.setCatalog("other_catalog");
      c.setSchema("other_schema");
      c.setNetworkTimeout(DIRECT, 1234);
      c.setClientInfo("ApplicationName", "borrower");
      c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      assertThat(raw.getSchema()).isEqualTo("other_schema");
      c.close();

      assertThat(raw.getAutoCommit()).isTrue();
      assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      assertThat(raw.isReadOnly()).isFalse();
      assertThat(raw.getCatalog()).isEqualTo(fx.name);
      assertThat(raw.getSchema()).isEqualTo("public");
      assertThat(raw.getNetworkTimeout()).isZero();
      assertThat(raw.getClientInfo()).isEqualTo(before);
      assertThat(raw.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
      assertThat(raw.rollbacks()).isZero(); // no statement ran
      assertThat(fx.pool.status().idle()).isEqualTo(1);
    }
  }

  @Test
  void unchangedSettingsAreLeftAlone() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.ROLLBACK)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      // changed behind the proxy's back, so not recorded: the pool must not touch them
      raw.setSchema("kept_schema");
      raw.setCatalog("kept_catalog");
      raw.setNetworkTimeout(DIRECT, 777);
      raw.setClientInfo("ApplicationName", "kept");
      c.setReadOnly(true);
      c.close();
      assertThat(raw.isReadOnly()).isFalse();
      assertThat(raw.getSchema()).isEqualTo("kept_schema");
      assertThat(raw.getCatalog()).isEqualTo("kept_catalog");
      assertThat(raw.getNetworkTimeout()).isEqualTo(777);
      assertThat(raw.getClientInfo("ApplicationName")).isEqualTo("kept");
      assertThat(raw.getAutoCommit()).isTrue();
    }
  }

  @Test
  void rollsBackOnlyAfterAStatementRanWithAutoCommitOff() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.ROLLBACK)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      c.setAutoCommit(false);
      c.close();
      assertThat(raw.rollbacks()).isZero();

      c = fx.borrow();
      try (Statement s = c.createStatement()) {
        s.execute("insert into t values (1)"); // auto-commit on: nothing to end
      }
      c.close();
      assertThat(raw.rollbacks()).isZero();

      c = fx.borrow();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (1)");
      }
      c.close();
      assertThat(raw.rollbacks()).isEqualTo(1);
      assertThat(raw.commits()).isZero();

      c = fx.borrow();
      c.setAutoCommit(false);
      c.createStatement().executeUpdate("insert into t values (1)");
      c.commit();
      c.close();
      assertThat(raw.rollbacks()).isEqualTo(1);
      assertThat(raw.commits()).isEqualTo(1);
      assertThat(raw.getAutoCommit()).isTrue();
    }
  }

  @Test
  void commitModeCommits() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.COMMIT)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      c.setAutoCommit(false);
      c.prepareStatement("insert into t values (1)").executeUpdate();
      c.close();
      assertThat(raw.commits()).isEqualTo(1);
      assertThat(raw.rollbacks()).isZero();
    }
  }

  @Test
  void noneModeNeitherCommitsNorRollsBack() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.NONE)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      c.setAutoCommit(false);
      c.prepareStatement("insert into t values (1)").executeUpdate();
      c.close();
      assertThat(raw.commits()).isZero();
      assertThat(raw.rollbacks()).isZero();
    }
  }

  @Test
  void aConnectionThatCannotBeResetIsDiscarded() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.ROLLBACK)) {
      ProxyConnection c = fx.borrow();
      StubConnection raw = (StubConnection) fx.pool.entries()[0].raw();
      c.setAutoCommit(false);
      c.createStatement().executeUpdate("insert into t values (1)");
      raw.markBroken(); // the rollback on return now fails
      assertThat(fx.db.liveConnections()).isEqualTo(1);
      c.close();
      assertThat(fx.pool.status().size()).isZero();
      await().untilAsserted(() -> assertThat(fx.db.liveConnections()).isZero());
      assertThat(raw.isClosed()).isTrue();
      // the pool opens a new connection for the next borrower
      try (ProxyConnection next = fx.borrow()) {
        assertThat(next.unwrap(StubConnection.class)).isNotSameAs(raw);
      }
    }
  }

  @Test
  void unwrappingTheDriverConnectionMakesReturnRollBack() throws SQLException {
    try (PoolFixture fx = single(ResetOnReturn.ROLLBACK)) {
      ProxyConnection c = fx.borrow();
      c.setAutoCommit(false);
      StubConnection raw = c.unwrap(StubConnection.class);
      c.close();
      assertThat(raw.rollbacks()).as("work on the driver object may be open").isEqualTo(1);
    }
  }
}
