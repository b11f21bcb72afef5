package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ServerSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void postgresSessionAppearsAndDisappears(@Postgres TestDatabase db) throws SQLException {
    String app = db.applicationName() + "-raw";
    assertThat(ServerSessions.count(db, app)).isZero();
    Properties props = new Properties();
    props.setProperty("user", db.user());
    props.setProperty("password", db.password());
    props.setProperty("ApplicationName", app);
    Connection c = DriverManager.getConnection(db.jdbcUrl(), props);
    try {
      assertThat(ServerSessions.awaitCount(db, app, 1, WAIT)).isEqualTo(1);
      assertThat(db.serverSessions(app)).isEqualTo(1);
      assertThat(db.serverSessions()).as("prefix match on the test's application name").isOne();
    } finally {
      c.close();
    }
    assertThat(ServerSessions.awaitCount(db, app, 0, WAIT)).isZero();
    assertThat(db.serverSessions()).isZero();
  }

  @Test
  void mariaDbSessionAppearsAndDisappears(@MariaDb TestDatabase db) throws SQLException {
    assertThat(db.serverSessions()).isZero();
    Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    try {
      assertThat(ServerSessions.awaitCount(db, 1, WAIT)).isEqualTo(1);
      assertThat(db.serverSessions("ignored on MariaDB")).isEqualTo(1);
    } finally {
      c.close();
    }
    assertThat(ServerSessions.awaitCount(db, 0, WAIT)).isZero();
  }

  @Test
  void h2SessionAppearsAndDisappears(@H2 TestDatabase db) throws SQLException {
    assertThat(db.serverSessions()).isZero();
    Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    try {
      assertThat(ServerSessions.awaitCount(db, 1, WAIT)).isEqualTo(1);
      try (Connection second = db.openConnection()) {
        assertThat(second.isValid(1)).isTrue();
        assertThat(db.serverSessions()).isEqualTo(2);
      }
    } finally {
      c.close();
    }
    assertThat(ServerSessions.awaitCount(db, 0, WAIT)).isZero();
  }

  @Test
  void postgresCounterDoesNotCountItself(@Postgres TestDatabase db) {
    ServerEndpoint server = db.server();
    int counted =
        ServerSessions.countPostgres(
            server.jdbcUrl(), server.user(), server.password(), "cistern-testkit-counter");
    assertThat(counted).isZero();
  }

  @Test
  void mariaDbCounterOnTheTestDatabaseDoesNotCountItself(@MariaDb TestDatabase db) {
    assertThat(ServerSessions.countMariaDb(db.jdbcUrl(), db.user(), db.password(), db.name()))
        .isZero();
  }

  @Test
  void openConnectionSetsTheApplicationName(@Postgres TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      assertThat(c.isValid(1)).isTrue();
      assertThat(ServerSessions.awaitCount(db, db.applicationName(), 1, WAIT)).isOne();
    }
    assertThat(ServerSessions.awaitCount(db, 0, WAIT)).isZero();
  }

  @Test
  void awaitCountFailsWhenTheCountNeverArrives(@H2 TestDatabase db) {
    assertThatThrownBy(() -> ServerSessions.awaitCount(db, 1, Duration.ofMillis(100)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("expected 1 server session(s)")
        .hasMessageContaining("but there were 0");
  }

  @Test
  void countingADroppedH2DatabaseFailsInsteadOfRecreatingIt() {
    TestDatabase db = TestDatabase.createH2();
    db.close();
    assertThatThrownBy(db::serverSessions).isInstanceOf(IllegalStateException.class);
  }
}
