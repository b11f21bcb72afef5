package dev.cistern.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.ServerEndpoint;
import dev.cistern.testkit.TestServers;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy in front of the configured PostgreSQL server, driven by pgjdbc. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultProxyPostgresTest {
  /** pgjdbc's network timeout while the proxy withholds the answer. */
  private static final int NETWORK_TIMEOUT_MILLIS = 1_000;

  @Test
  void pgjdbcSeesEveryFault() throws Exception {
    ServerEndpoint pg = TestServers.shared().require(DatabaseKind.POSTGRESQL);
    assumeTrue(
        InetAddress.getByName(pg.host()).isLoopbackAddress(),
        "the fault proxy forwards to loopback only; PostgreSQL is at " + pg.address());
    try (FaultProxy proxy = FaultProxy.start(pg.host(), pg.port())) {
      try (Connection c = open(proxy, pg)) {
        assertThat(selectOne(c)).isEqualTo(1);
        proxy.blackHole();
        c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        assertTimedOut(() -> selectOne(c));
      }

      proxy.passThrough();
      try (Connection c = open(proxy, pg)) {
        assertThat(selectOne(c)).as("a new connection after the black hole").isEqualTo(1);
        proxy.failover();
        c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        assertTimedOut(() -> selectOne(c));
      }

      try (Connection c = open(proxy, pg)) {
        assertThat(selectOne(c)).as("a new connection after the failover").isEqualTo(1);
        proxy.resetAll();
        c.setNetworkTimeout(Runnable::run, 20_000);
        assertThatThrownBy(() -> selectOne(c))
            .isInstanceOf(SQLException.class)
            .satisfies(
                e ->
                    assertThat(e)
                        .as("failed at once, not by the network timeout")
                        .hasRootCauseInstanceOf(java.net.SocketException.class));
      }

      try (Connection c = open(proxy, pg)) {
        assertThat(selectOne(c)).as("a new connection after the reset").isEqualTo(1);
      }
      assertThat(proxy.accepted()).isEqualTo(4);
    }
  }

  private static void assertTimedOut(ThrowingCallable query) {
    assertThatThrownBy(query)
        .isInstanceOf(SQLException.class)
        .hasRootCauseInstanceOf(SocketTimeoutException.class);
  }

  private static Connection open(FaultProxy proxy, ServerEndpoint pg) throws SQLException {
    Properties props = pg.credentials();
    props.setProperty("connectTimeout", "5");
    props.setProperty("ApplicationName", "cistern-fault-proxy-test");
    ServerEndpoint viaProxy =
        new ServerEndpoint(
            pg.kind(),
            proxy.host(),
            proxy.port(),
            pg.user(),
            pg.password(),
            pg.database(),
            pg.parameters());
    return DriverManager.getConnection(viaProxy.jdbcUrl(), props);
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
