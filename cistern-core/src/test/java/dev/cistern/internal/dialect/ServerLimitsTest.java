package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each dialect's {@link Dialect#serverLimits}, against what the server itself says. */
class ServerLimitsTest {
  private static int scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return Integer.parseInt(rs.getString(1).strip());
    }
  }

  private static Dialect dialect(TestDatabase db) {
    return Dialects.forUrl(DatabaseUrl.parse(db.cisternUrl()));
  }

  @Test
  void postgresSubtractsTheReservedConnections(@Postgres TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      int max = scalar(c, "show max_connections");
      int superuser = scalar(c, "show superuser_reserved_connections");
      boolean pg16 = scalar(c, "show server_version_num") >= 160000;
      int reserved = pg16 ? scalar(c, "show reserved_connections") : 0;

      ServerLimits l = dialect(db).serverLimits(c).orElseThrow();

      assertThat(l.limitName()).isEqualTo("max_connections");
      assertThat(l.limit()).isEqualTo(max);
      assertThat(l.available()).isEqualTo(max - superuser - reserved);
      assertThat(l.reserved())
          .extracting(ServerLimits.Reserved::name)
          .startsWith("superuser_reserved_connections")
          .hasSize(pg16 ? 2 : 1);
      assertThat(l.formula())
          .startsWith("max_connections " + max)
          .endsWith(superuser + reserved == 0 ? "" : "= " + (max - superuser - reserved));
    }
  }

  @Test
  void mariaDbTakesMaxConnections(@MariaDb TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      int max = scalar(c, "select @@max_connections");
      ServerLimits l = dialect(db).serverLimits(c).orElseThrow();
      assertThat(l.available()).isEqualTo(max);
      assertThat(l.formula()).isEqualTo("max_connections " + max);
    }
  }

  @Test
  void h2StatesNone(@H2 TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      assertThat(dialect(db).serverLimits(c)).isEmpty();
    }
  }

  @Test
  void embeddedAndUnknownDialectsStateNone() throws SQLException {
    for (String name : List.of("sqlite", "hsqldb")) {
      assertThat(Dialects.find(name).orElseThrow().serverLimits(null)).as(name).isEmpty();
    }
    assertThat(Dialects.forUrl(DatabaseUrl.parse("jdbc:unknown://x/y")).serverLimits(null))
        .isEmpty();
  }

  @Test
  void formulaShowsOnlyNonZeroReservations() {
    ServerLimits l =
        new ServerLimits(
            "max_connections",
            100,
            List.of(
                new ServerLimits.Reserved("superuser_reserved_connections", 3),
                new ServerLimits.Reserved("reserved_connections", 0)),
            "");
    assertThat(l.available()).isEqualTo(97);
    assertThat(l.formula())
        .isEqualTo("max_connections 100 - superuser_reserved_connections 3 = 97");
    assertThat(l.describe())
        .isEqualTo("max_connections 100 - superuser_reserved_connections 3 = 97 available");
    assertThat(
            new ServerLimits("x", 2, List.of(new ServerLimits.Reserved("r", 5)), "n").available())
        .isZero();
    assertThat(ServerLimits.of("max_connections", 151).describe())
        .isEqualTo("max_connections 151 available");
    assertThat(new ServerLimits("pgbouncer max_client_conn", 100, List.of(), "note").describe())
        .isEqualTo("pgbouncer max_client_conn 100 available (note)");
    assertThat(Optional.of(l).map(ServerLimits::toString).orElseThrow()).contains("97 available");
  }
}
