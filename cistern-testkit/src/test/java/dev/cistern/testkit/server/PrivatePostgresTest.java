package dev.cistern.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Creates, restarts, stops and drops real private clusters: a few seconds per cluster. */
@Tag("slow")
class PrivatePostgresTest {
  private static PrivatePostgres pg;

  @BeforeAll
  static void startCluster() {
    assumeAvailable();
    pg = PrivatePostgres.start();
    pg.createDatabase("app");
  }

  @AfterAll
  static void dropCluster() {
    if (pg != null) {
      pg.close();
    }
  }

  static void assumeAvailable() {
    assumeTrue(
        PrivatePostgres.isAvailable() || "true".equals(System.getenv("CI")),
        "private PostgreSQL clusters need root and PostgreSQL 15 with the Debian cluster tools");
  }

  @Test
  void listensOnItsOwnLoopbackPortWithTheCreatedDatabase() throws SQLException {
    assertThat(pg.host()).isEqualTo("127.0.0.1");
    assertThat(pg.port()).isNotEqualTo(5432).isPositive();
    assertThat(pg.name()).startsWith("cistern-");
    assertThat(pg.url("app")).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.port() + "/app");
    assertThat(pg.jdbcUrl("app"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/app?user=postgres");
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"))) {
      assertThat(query(c, "select current_database()")).isEqualTo("app");
      assertThat(query(c, "show listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(query(c, "show max_connections")).isEqualTo("200");
      assertThat(query(c, "show fsync")).isEqualTo("off");
      assertThat(query(c, "show synchronous_commit")).isEqualTo("off");
    }
    assertThat(lsclusters()).contains(pg.name() + " " + pg.port() + " online");
  }

  @Test
  void restartKeepsTheDataAndBreaksOldConnections() throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"));
        Statement st = c.createStatement()) {
      st.execute("create table kept (n int)");
      st.execute("insert into kept values (42)");
    }
    try (Connection victim = open("victim-restart")) {
      pg.restart();
      assertThatThrownBy(() -> query(victim, "select 1")).isInstanceOf(SQLException.class);
    }
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"))) {
      assertThat(query(c, "select n from kept")).isEqualTo("42");
    }
  }

  @Test
  void immediateStopRefusesConnectionsUntilStartedAgain() throws SQLException {
    pg.stop(false);
    try {
      assertThat(lsclusters()).contains(pg.name() + " " + pg.port() + " down");
      assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("app")).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("refused");
    } finally {
      pg.startAgain();
    }
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"))) {
      assertThat(query(c, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void terminateAllBackendsEndsEveryClientSession() throws SQLException {
    List<Connection> victims = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        victims.add(open("victim-terminate"));
      }
      assertThat(pg.sessions("victim-terminate")).isEqualTo(3);
      assertThat(pg.sessions("nobody")).isZero();

      pg.terminateAllBackends();

      assertThat(pg.sessions("victim-terminate")).isZero();
      for (Connection victim : victims) {
        assertThatThrownBy(() -> query(victim, "select 1"))
            .isInstanceOfSatisfying(
                SQLException.class,
                e -> assertThat(e.getSQLState()).as(e.toString()).isEqualTo("57P01"));
      }
    } finally {
      for (Connection victim : victims) {
        victim.close();
      }
    }
    try (Connection c = open("after-terminate")) {
      assertThat(query(c, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void sessionsFollowClientsClosing() throws SQLException {
    Connection c = open("closing-client");
    assertThat(pg.sessions("closing-client")).isOne();
    c.close();
    org.awaitility.Awaitility.await("closing-client gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> pg.sessions("closing-client") == 0);
  }

  @Test
  void closeDropsTheClusterAndIsIdempotent() throws SQLException {
    PrivatePostgres own = PrivatePostgres.start();
    String name = own.name();
    int port = own.port();
    assertThat(lsclusters()).contains(name);

    own.close();
    own.close();

    assertThat(lsclusters()).doesNotContain(name);
    assertThat(Path.of("/etc/postgresql/15", name)).doesNotExist();
    assertThat(Path.of("/var/lib/postgresql/15", name)).doesNotExist();
    assertThat(Path.of("/var/log/postgresql/postgresql-15-" + name + ".log")).doesNotExist();
    assertThatThrownBy(
            () ->
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres")
                    .close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(own::restart).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failedStartLeavesNoCluster() {
    String name = "cistern-failing-" + System.nanoTime();
    assertThatThrownBy(() -> PrivatePostgres.start(name, List.of("max_connections = -5")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name)
        .hasStackTraceContaining("max_connections");

    assertThat(lsclusters()).doesNotContain(name);
    assertThat(Path.of("/etc/postgresql/15", name)).doesNotExist();
    assertThat(Path.of("/var/lib/postgresql/15", name)).doesNotExist();
  }

  @Test
  void refusesANameThatIsNotItsOwn() {
    assertThatThrownBy(() -> PrivatePostgres.start("main", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with cistern-");
  }

  private static Connection open(String applicationName) throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", applicationName);
    return DriverManager.getConnection(pg.jdbcUrl("app"), p);
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** pg_lsclusters with runs of spaces folded to one: "15 NAME PORT STATUS ...". */
  private static String lsclusters() {
    return ServerSupport.run(Duration.ofSeconds(30), List.of("/usr/bin/pg_lsclusters"))
        .orThrow()
        .output()
        .replaceAll(" +", " ");
  }
}
