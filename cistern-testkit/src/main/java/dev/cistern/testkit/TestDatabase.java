package dev.cistern.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fresh, isolated database for one test, dropped by {@link #close()}.
 *
 * <ul>
 *   <li>PostgreSQL: a new schema {@code cistern_t_<random>} in the server's configured database;
 *       the JDBC URL selects it with {@code currentSchema}. Closing drops the schema with {@code
 *       CASCADE}; if sessions of this test still hold locks on it, backends whose {@code
 *       application_name} starts with {@link #applicationName()} are terminated first.
 *   <li>MariaDB: a new database {@code cistern_t_<random>}. Closing kills the sessions whose
 *       default database it is, then drops it.
 *   <li>H2: an in-memory database {@code jdbc:h2:mem:cistern_t_<random>;DB_CLOSE_DELAY=-1} (user
 *       {@code sa}, empty password). Closing runs {@code SHUTDOWN}.
 * </ul>
 *
 * <p>Tests usually receive instances from {@link DatabaseExtension}; {@link #create(DatabaseKind)}
 * is the programmatic way. Instances are thread-safe.
 */
public final class TestDatabase implements AutoCloseable {
  /** Every isolated database, schema and default application name starts with this prefix. */
  public static final String NAME_PREFIX = "cistern_t_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String H2_USER = "sa";

  private final DatabaseKind kind;
  private final ServerEndpoint server;
  private final String name;
  private final String jdbcUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestDatabase(DatabaseKind kind, ServerEndpoint server, String name, String jdbcUrl) {
    this.kind = kind;
    this.server = server;
    this.name = name;
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * Creates an isolated database on the {@linkplain TestServers#shared() configured} server of this
   * kind, aborting or failing the calling test if the server is unreachable (see {@link
   * TestServers#require}).
   *
   * @param kind the kind of database
   * @return the new isolated database; close it to drop it
   */
  public static TestDatabase create(DatabaseKind kind) {
    return create(kind, TestServers.shared());
  }

  /**
   * Like {@link #create(DatabaseKind)}, with the servers of the given discovery instance.
   *
   * @param kind the kind of database
   * @param servers the server discovery to use
   * @return the new isolated database; close it to drop it
   */
  public static TestDatabase create(DatabaseKind kind, TestServers servers) {
    return switch (kind) {
      case H2 -> createH2();
      case SQLITE -> createSqlite();
      default -> create(servers.require(kind));
    };
  }

  /**
   * Creates an isolated database on the given server without probing it first.
   *
   * @param server the server to create the database on
   * @return the new isolated database; close it to drop it
   */
  public static TestDatabase create(ServerEndpoint server) {
    String name = newName();
    try (Connection admin = openAdmin(server, "cistern-testkit-admin");
        Statement st = admin.createStatement()) {
      if (server.kind() == DatabaseKind.POSTGRESQL) {
        st.execute("CREATE SCHEMA " + name);
        String url = server.jdbcUrl(server.database(), Map.of("currentSchema", name));
        return new TestDatabase(DatabaseKind.POSTGRESQL, server, name, url);
      }
      st.execute("CREATE DATABASE " + name);
      return new TestDatabase(DatabaseKind.MARIADB, server, name, server.jdbcUrl(name, Map.of()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + server, e);
    }
  }

  /**
   * Creates an isolated in-memory H2 database.
   *
   * @return the new isolated database; close it to drop it
   */
  public static TestDatabase createH2() {
    String name = newName();
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, H2_USER, "")) {
      Objects.requireNonNull(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create H2 database " + name, e);
    }
    return new TestDatabase(DatabaseKind.H2, null, name, url);
  }

  /**
   * Creates an isolated SQLite database: a new file in the temporary directory.
   *
   * @return the new isolated database; close it to delete the file
   */
  public static TestDatabase createSqlite() {
    String name = newName();
    Path file = Path.of(System.getProperty("java.io.tmpdir"), name + ".db").toAbsolutePath();
    return new TestDatabase(DatabaseKind.SQLITE, null, name, "jdbc:sqlite:" + file);
  }

  private static String newName() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return NAME_PREFIX + HexFormat.of().formatHex(bytes);
  }

  /**
   * Which kind of database this is.
   *
   * @return the database kind
   */
  public DatabaseKind kind() {
    return kind;
  }

  /**
   * The generated name {@code cistern_t_<random>}: the schema on PostgreSQL, else the database.
   *
   * @return the generated name
   */
  public String name() {
    return name;
  }

  /**
   * The JDBC URL that reaches exactly this isolated database (without credentials).
   *
   * @return the JDBC URL
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * The user to log in as.
   *
   * @return the user name
   */
  public String user() {
    return server == null ? (kind == DatabaseKind.H2 ? H2_USER : "") : server.user();
  }

  /**
   * The password to log in with, possibly empty.
   *
   * @return the password, possibly empty
   */
  public String password() {
    return server == null ? "" : server.password();
  }

  /**
   * The server's host, or {@code localhost} for the embedded H2.
   *
   * @return the host name
   */
  public String host() {
    return server == null ? "localhost" : server.host();
  }

  /**
   * The server's port, or {@code -1} for the embedded H2.
   *
   * @return the port, or {@code -1}
   */
  public int port() {
    return server == null ? -1 : server.port();
  }

  /**
   * The database to connect to: the server's configured database on PostgreSQL (the isolation is a
   * schema), the generated name on MariaDB and H2.
   *
   * @return the database name
   */
  public String databaseName() {
    return kind == DatabaseKind.POSTGRESQL ? server.database() : name;
  }

  /**
   * The schema tables land in: the generated name, except {@code PUBLIC} on H2.
   *
   * @return the schema name
   */
  public String schemaName() {
    return kind == DatabaseKind.H2 ? "PUBLIC" : name;
  }

  /**
   * The application name {@link #openConnection()} sets, equal to {@link #name()}. On PostgreSQL,
   * {@link #serverSessions()} counts the sessions whose application name starts with it, and {@link
   * #close()} may terminate them.
   *
   * @return the application name
   */
  public String applicationName() {
    return name;
  }

  /**
   * This database as a Cistern URL {@code dialect://user[:password]@host:port/database?key=value}
   * with percent-encoded user and password: {@code postgresql://...?currentSchema=<schema>} on
   * PostgreSQL, {@code mariadb://.../<database>} on MariaDB, {@code h2:mem:<name>?user=sa} on H2
   * and {@code sqlite:////tmp/<name>.db} on SQLite.
   *
   * @return the Cistern URL
   */
  public String cisternUrl() {
    if (kind == DatabaseKind.SQLITE) {
      return "sqlite:///" + sqliteFile();
    }
    if (server == null) {
      return "h2:mem:" + name + "?user=" + H2_USER;
    }
    StringBuilder sb = new StringBuilder(kind.dialect()).append("://");
    sb.append(UrlText.encode(server.user()));
    if (!server.password().isEmpty()) {
      sb.append(':').append(UrlText.encode(server.password()));
    }
    sb.append('@').append(server.address()).append('/').append(databaseName());
    List<String> query = new ArrayList<>();
    server.parameters().forEach((k, v) -> query.add(UrlText.encode(k) + "=" + UrlText.encode(v)));
    if (kind == DatabaseKind.POSTGRESQL) {
      query.add("currentSchema=" + UrlText.encode(name));
    }
    if (!query.isEmpty()) {
      sb.append('?').append(String.join("&", query));
    }
    return sb.toString();
  }

  /**
   * Opens a raw JDBC connection to this database, with {@link #applicationName()} (PostgreSQL).
   *
   * @return the new connection; the caller closes it
   * @throws SQLException if the connection cannot be opened
   */
  public Connection openConnection() throws SQLException {
    return openConnection(applicationName());
  }

  /**
   * Opens a raw JDBC connection to this database. On PostgreSQL the session gets the given
   * application name; MariaDB and H2 have no equivalent and ignore it.
   *
   * @param applicationName the application name for the session (PostgreSQL only)
   * @return the new connection; the caller closes it
   * @throws SQLException if the connection cannot be opened
   */
  public Connection openConnection(String applicationName) throws SQLException {
    checkOpen();
    Properties props = new Properties();
    props.setProperty("user", user());
    props.setProperty("password", password());
    if (kind == DatabaseKind.POSTGRESQL && applicationName != null) {
      props.setProperty("ApplicationName", applicationName);
    }
    return DriverManager.getConnection(jdbcUrl, props);
  }

  /**
   * {@link ServerSessions#count(TestDatabase)}: the server sessions this test has open.
   *
   * @return the number of sessions
   */
  public int serverSessions() {
    return ServerSessions.count(this);
  }

  /**
   * {@link ServerSessions#count(TestDatabase, String)}.
   *
   * @param applicationName the exact application name to count (PostgreSQL only)
   * @return the number of sessions
   */
  public int serverSessions(String applicationName) {
    return ServerSessions.count(this, applicationName);
  }

  /**
   * Whether {@link #close()} has run.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /** The server this database lives on; {@code null} for H2. */
  ServerEndpoint server() {
    return server;
  }

  private Path sqliteFile() {
    return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
  }

  /** The H2 URL that opens this database only if it still exists. */
  String h2ExistingUrl() {
    return "jdbc:h2:mem:" + name + ";IFEXISTS=TRUE";
  }

  static Connection openAdmin(ServerEndpoint server, String applicationName) throws SQLException {
    Properties props = server.credentials();
    if (server.kind() == DatabaseKind.POSTGRESQL) {
      props.setProperty("ApplicationName", applicationName);
    }
    return DriverManager.getConnection(server.jdbcUrl(), props);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException(this + " has been dropped");
    }
  }

  /**
   * Drops this database (see the class description for how per kind). Idempotent.
   *
   * @throws IllegalStateException if the drop fails
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      switch (kind) {
        case POSTGRESQL -> dropPostgres();
        case MARIADB -> dropMariaDb();
        case H2 -> shutdownH2();
        case SQLITE -> Files.deleteIfExists(sqliteFile());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot delete " + this, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + this, e);
    }
  }

  private void dropPostgres() throws SQLException {
    try (Connection admin = openAdmin(server, "cistern-testkit-admin");
        Statement st = admin.createStatement()) {
      st.execute("SET lock_timeout = '1s'");
      try {
        st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        return;
      } catch (SQLException e) {
        if (!"55P03".equals(e.getSQLState())) {
          throw e;
        }
      }
      try (PreparedStatement terminate =
          admin.prepareStatement(
              "select pg_terminate_backend(pid) from pg_stat_activity where datname ="
                  + " current_database() and pid <> pg_backend_pid() and"
                  + " starts_with(application_name, ?)")) {
        terminate.setString(1, applicationName());
        terminate.executeQuery().close();
      }
      st.execute("SET lock_timeout = '15s'");
      st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  private void dropMariaDb() throws SQLException {
    try (Connection admin = openAdmin(server, "cistern-testkit-admin");
        Statement st = admin.createStatement()) {
      List<Long> sessions = new ArrayList<>();
      try (PreparedStatement ps =
          admin.prepareStatement(
              "select ID from information_schema.processlist where DB = ? and ID <>"
                  + " CONNECTION_ID()")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sessions.add(rs.getLong(1));
          }
        }
      }
      for (long id : sessions) {
        try {
          st.execute("KILL CONNECTION " + id);
        } catch (SQLException e) {
          if (e.getErrorCode() != 1094) { // unknown thread id: it ended by itself meanwhile
            throw e;
          }
        }
      }
      st.execute("SET SESSION lock_wait_timeout = 15");
      st.execute("DROP DATABASE IF EXISTS " + name);
    }
  }

  private void shutdownH2() throws SQLException {
    try (Connection c = DriverManager.getConnection(h2ExistingUrl(), H2_USER, "");
        Statement st = c.createStatement()) {
      st.execute("SHUTDOWN");
    } catch (SQLException e) {
      if (e.getErrorCode() != 90146) { // database not found: already shut down
        throw e;
      }
    }
  }

  @Override
  public String toString() {
    return kind.displayName() + " test database " + name;
  }
}
