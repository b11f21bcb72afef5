package dev.cistern;

import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.dialect.PgBouncerLimits;
import dev.cistern.internal.dialect.ServerLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts a database server's sessions of one application, over a connection of its own: how a check
 * proves that a closed engine left no connection behind (the command line's {@code verify} uses
 * it). PostgreSQL and MariaDB/MySQL count by application name (MySQL needs {@code
 * performance_schema}, else it counts by database); H2 counts every other session of the database.
 * SQLite and unknown JDBC databases have no sessions to count.
 *
 * <p>Not thread-safe: one counting connection, used by one thread.
 */
public final class ServerSessions implements AutoCloseable {
  private final Dialect dialect;
  private final Connection admin;
  private final String database;
  private final DatabaseUrl url;

  /** The server's limits, read at the first ask; null until then. */
  private Optional<ServerLimits> limits;

  private ServerSessions(Dialect dialect, Connection admin, String database, DatabaseUrl url) {
    this.dialect = dialect;
    this.admin = admin;
    this.database = database;
    this.url = url;
  }

  /**
   * Returns true if the database of {@code url} has server sessions that can be counted.
   *
   * @param url the database URL
   * @return true for a database whose sessions can be counted (PostgreSQL, MariaDB/MySQL, H2)
   */
  public static boolean canCount(DatabaseUrl url) {
    return Dialects.forUrl(url).canCountSessions();
  }

  /**
   * Opens the counting connection to the database of {@code url}, under the application name {@code
   * adminName} (its own session is never counted).
   *
   * @param url the database URL
   * @param adminName the application name of the counting connection itself
   * @return the open counter; close it when done
   * @throws UnsupportedOperationException if the database has no sessions to count (see {@link
   *     #canCount})
   * @throws SQLException if the connection fails
   */
  public static ServerSessions open(DatabaseUrl url, String adminName) throws SQLException {
    Dialect d = Dialects.forUrl(url);
    if (!d.canCountSessions()) {
      throw new UnsupportedOperationException(
          "cannot count server sessions on "
              + d.name()
              + " — counting works on PostgreSQL, MariaDB/MySQL and H2");
    }
    Connection c = d.connect(url, adminName);
    // H2 sees no database name in its sessions table: it counts the database's other sessions
    String db = d.name().equals("h2") ? null : url.database().orElse(null);
    return new ServerSessions(d, c, db, url);
  }

  /**
   * Returns the server's sessions of the application named {@code applicationName} now.
   *
   * @param applicationName the application name to count sessions of, such as an engine's name
   * @return the number of sessions
   * @throws SQLException if the query fails
   */
  public int count(String applicationName) throws SQLException {
    return dialect.countSessions(admin, applicationName, database);
  }

  /**
   * Returns the server's connection limit and how it comes about, e.g. {@code max_connections 100 -
   * superuser_reserved_connections 3 = 97}; empty if the database states none (H2). Read once, on
   * the counting connection; behind PgBouncer (the URL's {@code pgbouncer} option) PgBouncer's
   * {@code max_client_conn}, read once from its admin console as the engine's sizing check does.
   *
   * @return the limit and its formula, or empty
   * @throws SQLException if the server's settings cannot be read
   */
  public Optional<String> connectionLimit() throws SQLException {
    return limits().map(ServerLimits::formula);
  }

  /**
   * Returns how many connections the server accepts from ordinary clients (the limit minus those
   * reserved for administrators); empty if the database states no limit. Read once, on the counting
   * connection, or behind PgBouncer from its admin console.
   *
   * @return the number of connections ordinary clients may open, or empty
   * @throws SQLException if the server's settings cannot be read
   */
  public OptionalInt availableConnections() throws SQLException {
    Optional<ServerLimits> l = limits();
    return l.isPresent() ? OptionalInt.of(l.get().available()) : OptionalInt.empty();
  }

  private Optional<ServerLimits> limits() throws SQLException {
    if (limits == null) {
      boolean behindPgBouncer =
          url.option(Option.PGBOUNCER).map(m -> m != PgBouncerMode.NONE).orElse(false);
      limits =
          behindPgBouncer && !url.isRawJdbc()
              ? new PgBouncerLimits(PgBouncerLimits.console(url, null))
                  .read(url.database().orElse(null))
              : dialect.serverLimits(admin);
    }
    return limits;
  }

  /** Closes the counting connection. */
  @Override
  public void close() throws SQLException {
    admin.close();
  }

  @Override
  public String toString() {
    return "ServerSessions(" + dialect.name() + ")";
  }
}
