package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.DatabaseUrl;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A session killed on the server makes the next statement fail with a "disconnect" error. */
class ServerDisconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Runs {@code select 1} until it fails (for up to {@link #WAIT}) and returns the failure. */
  private static SQLException nextStatementFailure(Connection c) {
    return await("the killed session to stop answering")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> selectOneFailure(c), Objects::nonNull);
  }

  /** Runs {@code select 1}; returns its failure, or null if it worked. */
  private static SQLException selectOneFailure(Connection c) {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select 1")) {
      rs.next();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  private static long number(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void postgresTerminatedBackend(@Postgres TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    try (Connection c = d.connect(url, db.applicationName() + "-victim");
        Connection admin = db.openConnection("cistern-dialect-admin")) {
      long pid = number(c, "select pg_backend_pid()");
      try (PreparedStatement ps = admin.prepareStatement("select pg_terminate_backend(?)")) {
        ps.setInt(1, (int) pid);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }
      SQLException e = nextStatementFailure(c);
      assertThat(d.isDisconnect(e)).as("%s (SQLState %s)", e, e.getSQLState()).isTrue();
      assertThat(d.ping(c, Duration.ofSeconds(1))).isFalse();
    }
  }

  @Test
  void mariaDbKilledConnection(@MariaDb TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    try (Connection c = d.connect(url, "victim");
        Connection admin = db.openConnection();
        Statement st = admin.createStatement()) {
      long id = number(c, "select connection_id()");
      st.execute("KILL " + id);
      SQLException e = nextStatementFailure(c);
      assertThat(d.isDisconnect(e))
          .as("%s (SQLState %s, code %d)", e, e.getSQLState(), e.getErrorCode())
          .isTrue();
      assertThat(d.ping(c, Duration.ofSeconds(1))).isFalse();
    }
  }

  @Test
  void h2AbortedSession(@H2 TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    try (Connection c = d.connect(url, "victim")) {
      long id = number(c, "select SESSION_ID()");
      try (Connection other = db.openConnection()) {
        assertThat(number(other, "select ABORT_SESSION(" + id + ")")).isEqualTo(1);
      }
      SQLException e = nextStatementFailure(c);
      assertThat(d.isDisconnect(e))
          .as("%s (SQLState %s, code %d)", e, e.getSQLState(), e.getErrorCode())
          .isTrue();
    }
  }
}
