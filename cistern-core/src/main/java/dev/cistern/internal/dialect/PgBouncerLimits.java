package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the limits of the PgBouncer in front of PostgreSQL from its admin console: a connection of
 * its own to the database {@value #CONSOLE_DATABASE} on the same host, port and user, in pgjdbc's
 * simple query mode (the console speaks no extended protocol). {@code SHOW CONFIG} gives {@code
 * max_client_conn}, the clients PgBouncer accepts (the limit the engine's connections count
 * against), and {@code default_pool_size}, the server connections it opens per database and user;
 * {@code SHOW DATABASES} gives the {@code pool_size} of the engine's database where it is listed.
 *
 * <p>Only PgBouncer's admin and stats users may use the console: for others the reading fails, and
 * the caller skips its check. It also fails with pgjdbc 42.7.5 or later against a PgBouncer whose
 * console refuses the driver's {@code SET extra_float_digits} after login ("SET failed"; PgBouncer
 * issue 1509, fixed by its pull request 1550): the console reports its own version (e.g. {@code
 * 1.18.0/bouncer}) and pgjdbc sends that {@code SET} to every server older than PostgreSQL 12
 * whatever its properties say. Seen with pgjdbc 42.7.14 and PgBouncer 1.18.
 */
public final class PgBouncerLimits {
  /** The console's database name. */
  public static final String CONSOLE_DATABASE = "pgbouncer";

  /** Opens a connection to the console: the test seam. */
  @FunctionalInterface
  public interface Console {
    /** Opens a new connection to PgBouncer's admin console. */
    Connection open() throws SQLException;
  }

  private final Console console;

  /** A reader that opens its console connections with {@code console}. */
  public PgBouncerLimits(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  /**
   * Returns the console's URL for {@code url}: the same host, port, user and password, the database
   * {@value #CONSOLE_DATABASE}, and {@code preferQueryMode=simple}.
   *
   * @throws IllegalArgumentException for a raw {@code jdbc:} URL, whose parts Cistern cannot change
   */
  public static DatabaseUrl consoleUrl(DatabaseUrl url) {
    if (url.isRawJdbc()) {
      throw new IllegalArgumentException("cannot derive PgBouncer's console URL from a jdbc: URL");
    }
    return url.withDatabase(CONSOLE_DATABASE)
        .withoutQueryParameter("preferQueryMode")
        .withQueryParameter("preferQueryMode", "simple");
  }

  /**
   * Opens a console connection, reads the limits and closes it.
   *
   * @param database the engine's database, whose {@code pool_size} is looked up; or {@code null}
   * @return the limits, or empty if the console shows no {@code max_client_conn}
   * @throws SQLException if the console cannot be opened or read
   */
  public Optional<ServerLimits> read(String database) throws SQLException {
    try (Connection c = console.open();
        Statement s = c.createStatement()) {
      Map<String, String> config = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SHOW CONFIG")) {
        int key = rs.findColumn("key");
        int value = rs.findColumn("value");
        while (rs.next()) {
          config.put(rs.getString(key), rs.getString(value));
        }
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
  private static Integer databasePoolSize(Statement s, String database) {
    try (ResultSet rs = s.executeQuery("SHOW DATABASES")) {
      int name = rs.findColumn("name");
      int poolSize = rs.findColumn("pool_size");
      while (rs.next()) {
        if (database.equals(rs.getString(name))) {
          return number(rs.getString(poolSize));
        }
      }
      return null;
    } catch (SQLException e) {
      return null; // an older PgBouncer without the column: the default_pool_size is enough
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
