package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.ServerSessions;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks the database server how many sessions an engine has open, through a plain JDBC connection of
 * its own (named {@value #ADMIN_NAME}, never the engine's name, and never counted).
 *
 * <p>PostgreSQL counts by application name; MariaDB/MySQL by {@code program_name} where {@code
 * performance_schema} is on, else by database; H2 counts every other session of the database (the
 * admin connection also keeps an in-memory H2 database alive).
 */
final class SessionCounter implements AutoCloseable {
  /** The application name of the counting connection. */
  static final String ADMIN_NAME = "cistern-verify-admin";

  private final ServerSessions sessions;

  private SessionCounter(ServerSessions sessions) {
    this.sessions = sessions;
  }

  /**
   * Opens the counting connection.
   *
   * @throws CliException if the database has no server sessions to count (SQLite, unknown JDBC)
   * @throws SQLException if the connection fails
   */
  static SessionCounter open(DatabaseUrl url) throws SQLException {
    if (!ServerSessions.canCount(url)) {
      throw CliException.usage(
          "cannot count server sessions on "
              + url.dialect()
              + " — the check works on PostgreSQL, MariaDB/MySQL and H2");
    }
    return new SessionCounter(ServerSessions.open(url, ADMIN_NAME));
  }

  /** Returns the sessions of the engine named {@code engineName} now. */
  int count(String engineName) throws SQLException {
    return sessions.count(engineName);
  }

  /** Returns the server's connection limit and how it comes about; empty if it states none. */
  java.util.Optional<String> connectionLimit() throws SQLException {
    return sessions.connectionLimit();
  }

  /** Returns the connections the server accepts from ordinary clients; empty if no limit. */
  java.util.OptionalInt availableConnections() throws SQLException {
    return sessions.availableConnections();
  }

  /**
   * Counts until the count is zero or {@code timeoutMillis} passed (a server may take a moment to
   * notice an aborted socket), and returns the last count.
   */
  int awaitZero(String engineName, long timeoutMillis) throws SQLException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    int n = count(engineName);
    while (n > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000L);
      n = count(engineName);
    }
    return n;
  }

  @Override
  public void close() throws SQLException {
    sessions.close();
  }
}
