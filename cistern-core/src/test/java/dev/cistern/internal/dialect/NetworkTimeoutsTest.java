package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The network bounds Cistern gives PostgreSQL and MariaDB drivers when the URL sets none: connect
 * bounded by poolTimeout (1 s to 10 s), an open connection's reads by statementTimeout plus a
 * margin, none without a statement timeout.
 */
class NetworkTimeoutsTest {
  @Test
  void theConnectBoundFollowsPoolTimeoutWithinOneAndTenSeconds() {
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ZERO).connect())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(3), Duration.ZERO).connect())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(NetworkTimeouts.forEngine(Duration.ofMillis(100), Duration.ZERO).connect())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(NetworkTimeouts.forEngine(Duration.ZERO, Duration.ZERO).connect())
        .as("a pool that does not wait still bounds the connect")
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(NetworkTimeouts.forEngine(ChronoUnit.FOREVER.getDuration(), Duration.ZERO).connect())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theSessionBoundIsTheStatementTimeoutPlusHalfOfItAtLeastTwoSeconds() {
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ofSeconds(5)).session())
        .isEqualTo(Duration.ofMillis(7_500));
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ofSeconds(1)).session())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ZERO).session())
        .as("no statement timeout: a long query is never cut off")
        .isZero();
    assertThat(
            NetworkTimeouts.forEngine(Duration.ofSeconds(30), ChronoUnit.FOREVER.getDuration())
                .session())
        .as("a statement timeout over 24.8 days means none")
        .isZero();
    assertThat(NetworkTimeouts.millis(Duration.ofSeconds(Long.MAX_VALUE)))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aCancelIsBoundedByTheMarginSoThatItCannotHoldTheStatementPastItsSocketTimeout() {
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ofSeconds(5)).cancel())
        .isEqualTo(Duration.ofMillis(2_500));
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(3), Duration.ofMinutes(10)).cancel())
        .as("never above the connect bound")
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ZERO).cancel())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void negativeBoundsAreRefused() {
    assertThatThrownBy(
            () -> new NetworkTimeouts(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void postgresConnectionsGetTheSessionBoundAndKeepTheUrlsOwn(@Postgres TestDatabase db)
      throws SQLException {
    checkSessionBounds(db);
  }

  @Test
  void mariadbConnectionsGetTheSessionBoundAndKeepTheUrlsOwn(@MariaDb TestDatabase db)
      throws SQLException {
    checkSessionBounds(db);
  }

  private static void checkSessionBounds(TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    NetworkTimeouts fiveSeconds =
        NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ofSeconds(5));
    try (Connection c = d.connect(url, "net-bounds", null, fiveSeconds)) {
      assertThat(c.getNetworkTimeout()).isEqualTo(7_500);
    }
    try (Connection c =
        d.connect(
            url,
            "net-bounds",
            null,
            NetworkTimeouts.forEngine(Duration.ofSeconds(30), Duration.ZERO))) {
      assertThat(c.getNetworkTimeout()).as("the handshake bound is lifted once connected").isZero();
    }
    String sep = db.cisternUrl().contains("?") ? "&" : "?";
    String socketTimeout = d.name().equals("postgresql") ? "3" : "3000";
    DatabaseUrl own = DatabaseUrl.parse(db.cisternUrl() + sep + "socketTimeout=" + socketTimeout);
    try (Connection c = d.connect(own, "net-bounds", null, fiveSeconds)) {
      assertThat(c.getNetworkTimeout()).as("the URL's own socketTimeout wins").isEqualTo(3_000);
    }
  }

  @Test
  void anEngineWithAStatementTimeoutBoundsItsConnectionsReads(@Postgres TestDatabase db) {
    try (Engine e =
        Engine.builder(db.cisternUrl())
            .option(Option.STATEMENT_TIMEOUT, Duration.ofSeconds(5))
            .build()) {
      try (SqlConnection c = e.connect()) {
        assertThat(c.jdbc().getNetworkTimeout()).isEqualTo(7_500);
      } catch (SQLException ex) {
        throw new AssertionError(ex);
      }
    }
  }
}
