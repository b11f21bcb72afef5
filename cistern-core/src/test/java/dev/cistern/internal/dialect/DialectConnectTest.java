package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.DatabaseUrl;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connects through each dialect to a real database and counts its sessions. */
class DialectConnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Counts sessions through the dialect with a fresh admin connection. */
  @FunctionalInterface
  interface Counter {
    int count() throws SQLException;
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /** Waits until the count is {@code expected} or the deadline passes; returns the last count. */
  static int awaitCount(Counter counter, int expected) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(counter::count, n -> n == expected);
  }

  @Test
  void postgresql(@Postgres TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    assertThat(d.name()).isEqualTo("postgresql");
    String app = db.applicationName() + "-dialect";
    Counter counter =
        () -> {
          try (Connection admin = db.openConnection("cistern-dialect-admin")) {
            return d.countSessions(admin, app, db.databaseName());
          }
        };
    try (Connection c = d.connect(url, app)) {
      assertThat(scalar(c, "select 1")).isEqualTo("1");
      assertThat(scalar(c, "select current_setting('application_name')")).isEqualTo(app);
      assertThat(scalar(c, "select current_schema()")).isEqualTo(db.name());
      assertThat(counter.count()).isEqualTo(1);
      assertThat(ServerSessions.count(db, app)).isEqualTo(1);
      assertThat(d.ping(c, Duration.ofSeconds(1))).isTrue();
      c.close();
      assertThat(d.ping(c, Duration.ofSeconds(1))).isFalse();
    }
    assertThat(awaitCount(counter, 0)).isZero();
  }

  private static void mariaDbRoundTrip(TestDatabase db, DatabaseUrl url) throws SQLException {
    Dialect d = Dialects.forUrl(url);
    assertThat(d.chooseDriver(url).name()).isEqualTo("mariadbconnector");
    assertThat(d.jdbcUrl(url)).startsWith("jdbc:mariadb://");
    String app = db.applicationName() + "-" + d.name();
    Counter counter =
        () -> {
          try (Connection admin = db.openConnection()) {
            return d.countSessions(admin, app, db.name());
          }
        };
    assertThat(counter.count()).isZero();
    try (Connection c = d.connect(url, app)) {
      assertThat(scalar(c, "select 1")).isEqualTo("1");
      assertThat(scalar(c, "select database()")).isEqualTo(db.name());
      assertThat(counter.count()).isEqualTo(1);
      assertThat(ServerSessions.count(db)).isEqualTo(1);
      assertThat(d.ping(c, Duration.ofMillis(500))).isTrue();
    }
    assertThat(awaitCount(counter, 0)).isZero();
  }

  @Test
  void mariadb(@MariaDb TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    assertThat(url.dialect()).isEqualTo("mariadb");
    mariaDbRoundTrip(db, url);
  }

  @Test
  void mysqlFallsBackToTheMariaDbDriver(@MariaDb TestDatabase db) throws SQLException {
    String cistern = db.cisternUrl();
    assertThat(cistern).startsWith("mariadb://");
    DatabaseUrl url = DatabaseUrl.parse("mysql" + cistern.substring("mariadb".length()));
    assertThat(url.dialect()).isEqualTo("mysql");
    mariaDbRoundTrip(db, url);
  }

  @Test
  void h2(@H2 TestDatabase db) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect d = Dialects.forUrl(url);
    assertThat(d.name()).isEqualTo("h2");
    Counter counter =
        () -> {
          try (Connection admin = db.openConnection()) {
            return d.countSessions(admin, "ignored", null);
          }
        };
    try (Connection c = d.connect(url, "app")) {
      assertThat(scalar(c, "select 1")).isEqualTo("1");
      assertThat(counter.count()).isEqualTo(1);
      assertThat(ServerSessions.count(db)).isEqualTo(1);
      assertThat(d.ping(c, Duration.ZERO)).isTrue();
      c.close();
      assertThat(d.ping(c, Duration.ZERO)).isFalse();
    }
    assertThat(counter.count()).isZero();
  }

  @Test
  void rawH2JdbcUrlConnects() throws SQLException {
    String name = "cistern_raw_" + UUID.randomUUID().toString().replace("-", "");
    DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:mem:" + name);
    Dialect d = Dialects.forUrl(url);
    assertThat(d.name()).isEqualTo("h2");
    try (Connection c = d.connect(url, "app")) {
      assertThat(scalar(c, "select database()")).isEqualToIgnoringCase(name);
    }
  }

  @Test
  void aRawUrlOfAnUnknownDatabaseWithoutADriverFailsClearly() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:nosuchdb://h/x?password=hidden");
    Dialect d = Dialects.forUrl(url);
    assertThat(d.canCountSessions()).isFalse();
    assertThatThrownBy(() -> d.connect(url, "app"))
        .isInstanceOf(SQLException.class)
        .hasMessageNotContaining("hidden");
  }

  @Test
  void aDriverThatRefusesTheUrlGivesAClearError() {
    // MariaDB Connector/J takes jdbc:mysql: only with permitMysqlScheme.
    DatabaseUrl url = DatabaseUrl.parse("jdbc:mysql://127.0.0.1:1/x?password=hidden");
    Dialect d = Dialects.forUrl(url);
    assertThatThrownBy(() -> d.connect(url, "app"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("org.mariadb.jdbc.Driver does not accept the URL")
        .hasMessageNotContaining("hidden");
  }

  @Test
  void sqliteFile(@TempDir Path dir) throws SQLException {
    Path file = dir.resolve("cistern.db").toAbsolutePath();
    DatabaseUrl url = DatabaseUrl.parse("sqlite:///" + file);
    Dialect d = Dialects.forUrl(url);
    assertThat(d.jdbcUrl(url)).isEqualTo("jdbc:sqlite:" + file);
    try (Connection c = d.connect(url, "app");
        Statement st = c.createStatement()) {
      st.execute("create table t (x integer)");
      st.execute("insert into t values (42)");
      assertThat(d.ping(c, Duration.ofSeconds(1))).isTrue();
    }
    assertThat(Files.exists(file)).isTrue();
    try (Connection c = d.connect(url, "app")) {
      assertThat(scalar(c, "select x from t")).isEqualTo("42");
    }
    assertThat(d.canCountSessions()).isFalse();
    assertThatThrownBy(() -> d.countSessions(null, "app", null))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("SQLite is embedded: it has no server sessions");
  }

  @Test
  void sqliteMemory() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse("sqlite://");
    Dialect d = Dialects.forUrl(url);
    Connection c = d.connect(url, "app");
    try (c) {
      assertThat(scalar(c, "select 1")).isEqualTo("1");
    }
    assertThat(d.ping(c, Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void hsqldbMemory() throws SQLException {
    String name = "cistern_" + UUID.randomUUID().toString().replace("-", "");
    DatabaseUrl url = DatabaseUrl.parse("hsqldb:mem:" + name);
    Dialect d = Dialects.forUrl(url);
    assertThat(d.jdbcUrl(url)).isEqualTo("jdbc:hsqldb:mem:" + name);
    try (Connection admin = d.connect(url, "admin")) {
      Counter counter = () -> d.countSessions(admin, "app", null);
      assertThat(counter.count()).isZero();
      Connection c = d.connect(url, "app");
      try (c) {
        assertThat(scalar(c, "values 1")).isEqualTo("1");
        assertThat(counter.count()).isEqualTo(1);
        assertThat(d.ping(c, Duration.ofSeconds(1))).isTrue();
      }
      assertThat(d.ping(c, Duration.ofSeconds(1))).isFalse();
      assertThat(counter.count()).isZero();
      try (Statement st = admin.createStatement()) {
        st.execute("shutdown");
      }
    }
  }
}
