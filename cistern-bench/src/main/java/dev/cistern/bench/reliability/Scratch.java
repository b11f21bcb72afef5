package dev.cistern.bench.reliability;

import dev.cistern.DatabaseUrl;
import dev.cistern.ServerSessions;
import dev.cistern.testkit.ServerEndpoint;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A scratch database for one scenario run on one server, dropped by {@link #close()}: the testkit's
 * {@link TestDatabase} (a schema {@code cistern_t_<random>} in the configured database on
 * PostgreSQL, a database of that name on MariaDB), a session counter ({@link ServerSessions}, by
 * application name on PostgreSQL; by database on MariaDB, whose {@code performance_schema} is off
 * on the development machines) and an admin connection to the server's own database for checking
 * results, so it is never counted as a session of the scratch database.
 */
public final class Scratch implements AutoCloseable {
  private final Database database;
  private final ServerEndpoint server;
  private final TestDatabase db;
  private final ServerSessions sessions;
  private final Connection admin;

  private Scratch(
      Database database,
      ServerEndpoint server,
      TestDatabase db,
      ServerSessions sessions,
      Connection admin) {
    this.database = database;
    this.server = server;
    this.db = db;
    this.sessions = sessions;
    this.admin = admin;
  }

  /** Why the configured server cannot be used, or empty if it answers. */
  public static Optional<String> unavailable(Database database) {
    return TestServers.shared().unavailableReason(database.kind());
  }

  /** Creates a scratch database on the configured server of this kind. */
  public static Scratch create(Database database) throws SQLException {
    ServerEndpoint server = TestServers.shared().endpoint(database.kind());
    TestDatabase db = TestDatabase.create(server);
    ServerSessions sessions = null;
    try {
      sessions = ServerSessions.open(DatabaseUrl.parse(db.cisternUrl()), "cistern-rel-counter");
      Properties p = server.credentials();
      if (database == Database.POSTGRESQL) {
        p.setProperty("ApplicationName", "cistern-rel-admin");
      }
      Connection admin = DriverManager.getConnection(server.jdbcUrl(), p);
      return new Scratch(database, server, db, sessions, admin);
    } catch (SQLException | RuntimeException e) {
      if (sessions != null) {
        sessions.close();
      }
      db.close();
      throw e;
    }
  }

  /** Which server this is on. */
  public Database database() {
    return database;
  }

  /** Where a pool connects to reach the scratch database. */
  public Pool.Endpoint endpoint() {
    return new Pool.Endpoint(database, cisternUrl(), jdbcUrl(), user(), password());
  }

  /**
   * The same, through a proxy listening on {@code host:port} in front of this server (the server's
   * host and port replaced in both URLs).
   */
  public Pool.Endpoint endpointVia(String host, int port) {
    String from = server.host() + ":" + server.port();
    String to = host + ":" + port;
    if (!cisternUrl().contains(from) || !jdbcUrl().contains(from)) {
      throw new IllegalStateException("cannot find " + from + " in the URLs of " + this);
    }
    return new Pool.Endpoint(
        database, cisternUrl().replace(from, to), jdbcUrl().replace(from, to), user(), password());
  }

  /** The server's host. */
  public String host() {
    return server.host();
  }

  /** The server's port. */
  public int port() {
    return server.port();
  }

  /** The Cistern URL of the scratch database. */
  public String cisternUrl() {
    return db.cisternUrl();
  }

  /** The JDBC URL of the scratch database, without credentials. */
  public String jdbcUrl() {
    return db.jdbcUrl();
  }

  /** The user to log in as. */
  public String user() {
    return db.user();
  }

  /** The password to log in with, possibly empty. */
  public String password() {
    return db.password();
  }

  /** Qualifies a table name with the scratch schema (PostgreSQL) or database (MariaDB). */
  public String table(String name) {
    return db.schemaName() + "." + name;
  }

  /** The server sessions of the pool whose application name is {@code applicationName}, now. */
  public int sessions(String applicationName) throws SQLException {
    return sessions.count(applicationName);
  }

  /**
   * The admin connection (autocommit, on the server's own database): for creating tables and
   * checking results. Not thread-safe.
   */
  public Connection admin() {
    return admin;
  }

  /** The server's version string, e.g. {@code PostgreSQL 15.8 ...} or {@code 10.11.6-MariaDB}. */
  public String serverVersion() throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("select version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs a statement on the admin connection. */
  public void execute(String sql) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public String toString() {
    return database.label() + " " + server.address() + " scratch " + db.name();
  }

  /** Closes the counter and the admin connection and drops the scratch database. */
  @Override
  public void close() throws SQLException {
    try {
      admin.close();
    } finally {
      try {
        sessions.close();
      } finally {
        db.close();
      }
    }
  }
}
