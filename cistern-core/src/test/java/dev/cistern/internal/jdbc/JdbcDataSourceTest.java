package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.PoolTimeoutException;
import dev.cistern.internal.pool.PoolConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The DataSource face of the pool. */
class JdbcDataSourceTest {

  @Test
  void borrowsAndReturns() throws SQLException {
    try (PoolFixture fx = PoolFixture.withSize(2)) {
      DataSource ds = JdbcDataSource.forPool(fx.pool);
      Connection c = ds.getConnection();
      assertThat(c).isInstanceOf(ProxyConnection.class);
      assertThat(fx.pool.status().inUse()).isEqualTo(1);
      c.close();
      assertThat(fx.pool.status().inUse()).isZero();
      assertThat(fx.pool.status().idle()).isEqualTo(1);
    }
  }

  @Test
  void timeoutBecomesATransientConnectionException() throws SQLException {
    PoolConfig config =
        PoolConfig.defaults("t").withSize(1, 0).withMinIdle(1).withTimeout(Duration.ZERO);
    try (PoolFixture fx = new PoolFixture(config)) {
      await().untilAsserted(() -> assertThat(fx.pool.status().idle()).isEqualTo(1));
      DataSource ds = JdbcDataSource.forPool(fx.pool);
      try (Connection held = ds.getConnection()) {
        assertThat(held.isClosed()).isFalse();
        assertThatThrownBy(ds::getConnection)
            .isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageContaining("pool 't' exhausted")
            .hasMessageContaining("in use 1")
            .hasCauseInstanceOf(PoolTimeoutException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
      }
    }
  }

  @Test
  void closedPoolBecomesANonTransientConnectionException() {
    PoolFixture fx = PoolFixture.withSize(1);
    fx.close();
    DataSource ds = JdbcDataSource.forPool(fx.pool);
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("closed")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
  }

  @Test
  void otherCredentialsAreNotSupported() {
    try (PoolFixture fx = PoolFixture.withSize(1)) {
      DataSource ds = JdbcDataSource.forPool(fx.pool);
      assertThatThrownBy(() -> ds.getConnection("u", "p"))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("getConnection(user, password) is not supported");
    }
  }

  @Test
  void wrapperAndTrivialSettings() throws SQLException {
    try (PoolFixture fx = PoolFixture.withSize(1)) {
      JdbcDataSource ds = JdbcDataSource.forPool(fx.pool);
      assertThat(ds.unwrap(JdbcDataSource.class)).isSameAs(ds);
      assertThat(ds.unwrap(DataSource.class)).isSameAs(ds);
      assertThat(ds.isWrapperFor(DataSource.class)).isTrue();
      assertThat(ds.isWrapperFor(Connection.class)).isFalse();
      assertThatThrownBy(() -> ds.unwrap(Connection.class)).isInstanceOf(SQLException.class);
      ds.setLoginTimeout(7);
      assertThat(ds.getLoginTimeout()).isEqualTo(7);
      assertThat(ds.getLogWriter()).isNull();
      assertThatThrownBy(ds::getParentLogger)
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("SLF4J");
      assertThat(ds).hasToString("DataSource(pool 't')");
    }
  }
}
