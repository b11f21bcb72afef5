package dev.cistern.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.ServerEndpoint;
import dev.cistern.testkit.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Starts real PgBouncers in front of the shared PostgreSQL server: about a second each. */
@Tag("slow")
class PgBouncerTest {
  private static ServerEndpoint target;
  private static PgBouncer bouncer;

  @BeforeAll
  static void startBouncer() {
    assumeAvailable();
    target = TestServers.shared().require(DatabaseKind.POSTGRESQL);
    bouncer = PgBouncer.start(target.host(), target.port(), PgBouncer.PoolMode.TRANSACTION);
  }

  @AfterAll
  static void stopBouncer() {
    if (bouncer != null) {
      bouncer.close();
    }
  }

  /** Skips without PgBouncer, root or PostgreSQL 15, except with {@code CI=true}: then it fails. */
  static void assumeAvailable() {
    assumeTrue(
        (PgBouncer.isAvailable() && "root".equals(System.getProperty("user.name")))
            || TestServers.shared().isCi(),
        "PgBouncer tests need root and /usr/sbin/pgbouncer (apt-get install pgbouncer)");
  }

  @Test
  void transactionModeRunsQueriesAndListsThePool() throws SQLException {
    assertThat(bouncer.host()).isEqualTo("127.0.0.1");
    assertThat(bouncer.port()).isPositive().isNotIn(5432, 6432, target.port());
    assertThat(bouncer.mode()).isEqualTo(PgBouncer.PoolMode.TRANSACTION);
    assertThat(bouncer.url("test"))
        .isEqualTo("postgresql://postgres@127.0.0.1:" + bouncer.port() + "/test");
    assertThat(bouncer.jdbcUrl("test"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/test?user=postgres");

    try (Connection c = open(target.database())) {
      assertThat(query(c, "select 1")).isEqualTo("1");
      assertThat(query(c, "select current_database()")).isEqualTo(target.database());
      assertThat(query(c, "select inet_server_port()")).isEqualTo(Integer.toString(target.port()));
      assertThat(bouncer.show("CLIENTS"))
          .anySatisfy(row -> assertThat(row).containsEntry("database", target.database()));
    }

    List<Map<String, String>> pools = bouncer.show("POOLS");
    assertThat(pools)
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsEntry("database", target.database())
                    .containsEntry("user", "postgres")
                    .containsEntry("pool_mode", "transaction"));
    assertThat(bouncer.show("SERVERS"))
        .allSatisfy(row -> assertThat(row).containsEntry("user", "postgres"));
  }

  @Test
  void transactionModeSharesOneServerConnectionBetweenClients() throws SQLException {
    try (PgBouncer one =
        PgBouncer.builder(target.host(), target.port()).defaultPoolSize(1).start()) {
      Properties p = new Properties();
      p.setProperty("prepareThreshold", "0");
      try (Connection a = DriverManager.getConnection(one.jdbcUrl(target.database()), p);
          Connection b = DriverManager.getConnection(one.jdbcUrl(target.database()), p)) {
        String pidA = query(a, "select pg_backend_pid()");
        String pidB = query(b, "select pg_backend_pid()");
        assertThat(pidB).isEqualTo(pidA);
        assertThat(one.show("CLIENTS"))
            .filteredOn(row -> target.database().equals(row.get("database")))
            .hasSize(2);
        assertThat(one.show("SERVERS"))
            .filteredOn(row -> target.database().equals(row.get("database")))
            .singleElement()
            .satisfies(
                row -> assertThat(row).containsEntry("port", Integer.toString(target.port())));
      }
    }
  }

  @Test
  void showConfigHasWhatTheFixtureWrote() {
    Map<String, String> config = bouncer.showConfig();
    assertThat(config)
        .containsEntry("pool_mode", "transaction")
        .containsEntry("listen_addr", "127.0.0.1")
        .containsEntry("listen_port", Integer.toString(bouncer.port()))
        .containsEntry("auth_type", "trust")
        .containsEntry("default_pool_size", "10")
        .containsEntry("max_client_conn", "200")
        .containsEntry("ignore_startup_parameters", "extra_float_digits")
        .containsEntry("server_reset_query", "DISCARD ALL")
        .containsEntry("admin_users", "postgres");
    assertThatThrownBy(() -> bouncer.show("POOLS; select 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sessionModeWithBuilderSettingsStartsAndCloseLeavesNothing() throws Exception {
    PgBouncer own =
        PgBouncer.builder(target.host(), target.port())
            .mode(PgBouncer.PoolMode.SESSION)
            .defaultPoolSize(3)
            .maxClientConn(50)
            .database(
                "aliased",
                "host=" + target.host() + " port=" + target.port() + " dbname=" + target.database())
            .setting("server_idle_timeout", "7")
            .start();
    long pid = own.pid();
    int port = own.port();
    Path dir = own.directory();
    try {
      assertThat(own.mode()).isEqualTo(PgBouncer.PoolMode.SESSION);
      assertThat(own.port()).isNotEqualTo(bouncer.port());
      assertThat(own.showConfig())
          .containsEntry("pool_mode", "session")
          .containsEntry("default_pool_size", "3")
          .containsEntry("max_client_conn", "50")
          .containsEntry("server_idle_timeout", "7");
      try (Connection c = DriverManager.getConnection(own.jdbcUrl("aliased"))) {
        assertThat(query(c, "select current_database()")).isEqualTo(target.database());
      }
      // with an explicit [databases] entry the wildcard is left out
      assertThatThrownBy(() -> DriverManager.getConnection(own.jdbcUrl("postgres")).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no such database");
      assertThat(ProcessHandle.of(pid)).isPresent();
      assertThat(Files.readString(dir.resolve("pgbouncer.ini"))).doesNotContain("* = ");
    } finally {
      own.close();
    }
    own.close(); // idempotent

    assertThat(ProcessHandle.of(pid)).as("pgbouncer pid %d after close", pid).isEmpty();
    assertThat(dir).doesNotExist();
    assertThat(portIsFree(port)).as("port %d free after close", port).isTrue();
    assertThatThrownBy(() -> DriverManager.getConnection(own.jdbcUrl("aliased")).close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> own.show("POOLS")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(own::pid).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failedStartNamesTheLogAndLeavesNoDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = bouncerDirectories(tmp);
    assertThatThrownBy(
            () ->
                PgBouncer.builder(target.host(), target.port())
                    .setting("pool_mode", "no_such_mode")
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no_such_mode");
    assertThat(bouncerDirectories(tmp)).containsExactlyInAnyOrderElementsOf(before);
  }

  private static List<Path> bouncerDirectories(Path tmp) throws IOException {
    try (var s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("cistern-pgbouncer-")).toList();
    }
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Connection open(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("prepareThreshold", "0");
    return DriverManager.getConnection(bouncer.jdbcUrl(database), p);
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
