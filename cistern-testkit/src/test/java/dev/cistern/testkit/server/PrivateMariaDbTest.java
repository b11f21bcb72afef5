package dev.cistern.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs, restarts, kills and removes real private MariaDB servers: seconds per server. */
@Tag("slow")
class PrivateMariaDbTest {
  private static PrivateMariaDb maria;

  @BeforeAll
  static void startServer() {
    assumeTrue(
        PrivateMariaDb.isAvailable() || "true".equals(System.getenv("CI")),
        "private MariaDB servers need root, mariadbd and mariadb-install-db");
    maria = PrivateMariaDb.start();
    maria.createDatabase("app");
  }

  @AfterAll
  static void removeServer() {
    if (maria != null) {
      maria.close();
    }
  }

  @Test
  void listensOnItsOwnLoopbackPortWithTheCreatedDatabase() throws SQLException {
    assertThat(maria.host()).isEqualTo("127.0.0.1");
    assertThat(maria.port()).isNotEqualTo(3306).isPositive();
    assertThat(maria.url("app")).isEqualTo("mariadb://root@127.0.0.1:" + maria.port() + "/app");
    assertThat(maria.jdbcUrl("app"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:" + maria.port() + "/app?user=root");
    try (Connection c = DriverManager.getConnection(maria.jdbcUrl("app"))) {
      assertThat(query(c, "select database()")).isEqualTo("app");
      assertThat(query(c, "select @@bind_address")).isEqualTo("127.0.0.1");
      assertThat(query(c, "select @@max_connections")).isEqualTo("300");
      assertThat(query(c, "select @@log_bin")).isEqualTo("0");
      assertThat(query(c, "select @@socket")).startsWith(maria.directory().toString());
    }
  }

  @Test
  void restartKeepsTheDataAndBreaksOldConnections() throws SQLException {
    try (Connection c = DriverManager.getConnection(maria.jdbcUrl("app"));
        Statement st = c.createStatement()) {
      st.execute("create table kept (n int) engine=InnoDB");
      st.execute("insert into kept values (42)");
    }
    long pidBefore = maria.pid();
    try (Connection victim = open("victim-restart")) {
      maria.restart();
      assertThatThrownBy(() -> query(victim, "select 1")).isInstanceOf(SQLException.class);
    }
    assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
    assertThat(maria.pid()).isNotEqualTo(pidBefore);
    try (Connection c = DriverManager.getConnection(maria.jdbcUrl("app"))) {
      assertThat(query(c, "select n from kept")).isEqualTo("42");
    }
  }

  @Test
  void killedServerRefusesConnectionsUntilStartedAgain() throws SQLException {
    long pid = maria.pid();
    maria.stop(false);
    try {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
      assertThatThrownBy(() -> DriverManager.getConnection(maria.jdbcUrl("app")).close())
          .isInstanceOf(SQLException.class);
    } finally {
      maria.startAgain();
    }
    try (Connection c = DriverManager.getConnection(maria.jdbcUrl("app"))) {
      assertThat(query(c, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void killAllConnectionsEndsEveryClientSession() throws SQLException {
    List<Connection> victims = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        victims.add(open("victim-kill"));
      }
      assertThat(maria.sessions("victim-kill")).isEqualTo(3);
      assertThat(maria.sessions("root")).as("by user").isGreaterThanOrEqualTo(3);
      assertThat(maria.sessions("nobody")).isZero();

      maria.killAllConnections();

      assertThat(maria.sessions("victim-kill")).isZero();
      for (Connection victim : victims) {
        assertThatThrownBy(() -> query(victim, "select 1"))
            .isInstanceOfSatisfying(
                SQLNonTransientConnectionException.class,
                e -> assertThat(e.getSQLState()).as(e.toString()).startsWith("08"));
      }
    } finally {
      for (Connection victim : victims) {
        victim.close();
      }
    }
    try (Connection c = open("after-kill")) {
      assertThat(query(c, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void sessionsFollowClientsClosing() throws SQLException {
    Connection c = open("closing,client:x");
    assertThat(maria.sessions("closing,client:x")).isOne();
    c.close();
    Awaitility.await("closing client gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> maria.sessions("closing,client:x") == 0);
  }

  @Test
  void closeKillsTheServerAndDeletesItsDirectory() throws SQLException {
    PrivateMariaDb own = PrivateMariaDb.start();
    long pid = own.pid();
    Path dir = own.directory();
    int port = own.port();

    own.close();
    own.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(dir).doesNotExist();
    assertThatThrownBy(
            () -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/").close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(own::restart).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failedStartLeavesNoProcessAndNoDirectory(@TempDir Path parent) throws IOException {
    assertThatThrownBy(() -> PrivateMariaDb.start(parent, List.of("--cistern-no-such-option")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cistern-no-such-option");

    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
    assertThat(
            ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
                .filter(
                    p ->
                        p.info()
                            .arguments()
                            .map(a -> String.join(" ", a))
                            .orElse("")
                            .contains(parent.toString())))
        .isEmpty();
  }

  private static Connection open(String programName) throws SQLException {
    return DriverManager.getConnection(
        maria.jdbcUrl("app")
            + "&connectionAttributes=program_name:"
            + programName.replace(',', '_').replace(':', '_'));
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
