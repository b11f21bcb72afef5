package dev.cistern.internal.dialect;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the limits of the PgBouncer in front of PostgreSQL from its admin console: a connection of
 * its own to the database {@value #CONSOLE_DATABASE} on the same host, port and user, through
 * Cistern's own protocol client {@link PgBouncerConsole} (simple queries, no JDBC driver). {@code
 * SHOW CONFIG} gives {@code max_client_conn}, the clients PgBouncer accepts (the limit the engine's
 * connections count against), and {@code default_pool_size}, the server connections it opens per
 * database and user; {@code SHOW DATABASES} gives the {@code pool_size} of the engine's database
 * where it is listed.
 *
 * <p>Only PgBouncer's admin and stats users may use the console: for others the reading fails, and
 * the caller skips its check. The console client logs in with trust, a cleartext password or MD5; a
 * PgBouncer that asks for SCRAM-SHA-256 (or GSS, SSPI) or demands TLS cannot be read, and the check
 * is skipped. pgjdbc is not used: from 42.7.5 on it sends {@code SET extra_float_digits} after
 * login, which the console of PgBouncer 1.18 refuses ("SET failed", PgBouncer issue 1509).
 */
public final class PgBouncerLimits {
  /** The console's database name. */
  public static final String CONSOLE_DATABASE = "pgbouncer";

  /** A logged-in console connection: simple queries, then close. */
  public interface Session extends AutoCloseable {
    /**
     * Runs {@code sql} and returns the rows of its result, each a map from column name to text.
     *
     * @throws SQLException if the console reports an error or the connection fails
     */
    List<Map<String, String>> query(String sql) throws SQLException;

    /** Closes the connection; never throws. */
    @Override
    void close();
  }

  /** Opens a session on the console: the test seam. */
  @FunctionalInterface
  public interface Console {
    /** Opens a new, logged-in session on PgBouncer's admin console. */
    Session open() throws SQLException;
  }

  private final Console console;

  /** A reader that opens its console sessions with {@code console}. */
  public PgBouncerLimits(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  /**
   * Returns the console of the PgBouncer {@code url} points to: its first host and port ({@value
   * PgBouncerConsole#DEFAULT_PORT} when it names none), logged in as {@code credentials} when given
   * (asked at each open) or else the URL's user and password (the user defaults to the JVM's {@code
   * user.name}, as pgjdbc's does).
   *
   * @throws IllegalArgumentException for a raw {@code jdbc:} URL or one without a host
   */
  public static Console console(DatabaseUrl url, Supplier<Credentials> credentials) {
    if (url.isRawJdbc() || url.hosts().isEmpty()) {
      throw new IllegalArgumentException(
          "cannot derive PgBouncer's console address from a URL without host (or a jdbc: URL)");
    }
    DatabaseUrl.Host host = url.hosts().get(0);
    int port = host.hasPort() ? host.port() : PgBouncerConsole.DEFAULT_PORT;
    return () -> {
      String user = url.username().orElse(null);
      String password = url.password().orElse(null);
      if (credentials != null) {
        Credentials c;
        try {
          c = credentials.get();
        } catch (RuntimeException e) {
          throw new SQLException("the credentials supplier failed: " + e, "28000", e);
        }
        if (c == null) {
          throw new SQLException("the credentials supplier returned null", "28000");
        }
        user = c.username();
        password = c.password();
      }
      if (user == null) {
        user = System.getProperty("user.name", "");
      }
      return PgBouncerConsole.connect(host.name(), port, user, password);
    };
  }

  /**
   * Opens a console session, reads the limits and closes it.
   *
   * @param database the engine's database, whose {@code pool_size} is looked up; or {@code null}
   * @return the limits, or empty if the console shows no {@code max_client_conn}
   * @throws SQLException if the console cannot be opened or read
   */
  public Optional<ServerLimits> read(String database) throws SQLException {
    try (Session s = console.open()) {
      Map<String, String> config = new HashMap<>();
      for (Map<String, String> row : s.query("SHOW CONFIG")) {
        config.put(row.get("key"), row.get("value"));
      }
      Integer maxClients = number(config.get("max_client_conn"));
      if (maxClients == null) {
        return Optional.empty();
      }
      StringBuilder note = new StringBuilder();
      Integer poolSize = number(config.get("default_pool_size"));
      if (poolSize != null) {
        note.append("default_pool_size ")
            .append(poolSize)
            .append(" server connections per database and user");
      }
      Integer dbPool = database == null ? null : databasePoolSize(s, database);
      if (dbPool != null) {
        note.append(note.length() == 0 ? "" : "; ")
            .append("pool_size ")
            .append(dbPool)
            .append(" for database ")
            .append(database);
      }
      return Optional.of(
          new ServerLimits("pgbouncer max_client_conn", maxClients, List.of(), note.toString()));
    }
  }

  /**
   * Returns the pool_size of {@code database} in SHOW DATABASES, or null if not listed or unread.
   */
  private static Integer databasePoolSize(Session s, String database) {
    try {
      for (Map<String, String> row : s.query("SHOW DATABASES")) {
        if (database.equals(row.get("name"))) {
          return number(row.get("pool_size"));
        }
      }
      return null;
    } catch (SQLException e) {
      return null; // the default_pool_size is enough
    }
  }

  private static Integer number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "PgBouncerLimits";
  }
}
