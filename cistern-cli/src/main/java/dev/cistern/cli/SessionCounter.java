package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.Option;
import dev.cistern.PgBouncerMode;
import dev.cistern.ServerSessions;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
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
   * @throws CliException if the engine's sessions on this database cannot be observed (see {@link
   *     #unobservable})
   * @throws SQLException if the connection fails
   */
  static SessionCounter open(DatabaseUrl url) throws SQLException {
    Optional<String> why = unobservable(url);
    if (why.isPresent()) {
      throw CliException.usage(why.get());
    }
    return new SessionCounter(ServerSessions.open(url, ADMIN_NAME));
  }

  /**
   * Returns why a count of the server's sessions could not show an engine's connections on this
   * database, or empty if it can: a database without sessions to count (SQLite, unknown JDBC), an
   * anonymous H2 in-memory database (every connection opens a database of its own, which the
   * counting connection never sees), or PgBouncer in front (the URL's {@code pgbouncer} option:
   * PostgreSQL then sees PgBouncer's pooled sessions, which outlive the engine's connections).
   */
  static Optional<String> unobservable(DatabaseUrl url) {
    if (!ServerSessions.canCount(url)) {
      return Optional.of(
          "cannot count server sessions on "
              + url.dialect()
              + " — the check works on PostgreSQL, MariaDB/MySQL and H2");
    }
    if (anonymousH2Memory(url)) {
      return Optional.of(
          "cannot observe the sessions of an anonymous in-memory H2 database ("
              + url
              + "): every connection to it opens a database of its own, which no other connection"
              + " sees — name it, e.g. h2:mem:check");
    }
    PgBouncerMode mode = url.option(Option.PGBOUNCER).orElse(PgBouncerMode.NONE);
    if (mode != PgBouncerMode.NONE) {
      return Optional.of(
          "cannot observe this engine's sessions behind PgBouncer (pgbouncer="
              + mode.name().toLowerCase(Locale.ROOT)
              + "): PostgreSQL sees PgBouncer's pooled server sessions, which stay open after the"
              + " engine closes — run the check against PostgreSQL directly, without PgBouncer");
    }
    return Optional.empty();
  }

  /** True for {@code h2:mem:} (or {@code jdbc:h2:mem:}) without a database name. */
  private static boolean anonymousH2Memory(DatabaseUrl url) {
    if (url.isRawJdbc()) {
      String jdbc = url.rawJdbcUrl().orElse("").toLowerCase(Locale.ROOT);
      return jdbc.startsWith("jdbc:h2:mem:")
          && jdbc.substring("jdbc:h2:mem:".length()).split(";", 2)[0].isEmpty();
    }
    if (!"h2".equals(url.dialect()) || !url.hosts().isEmpty()) {
      return false;
    }
    String db = url.database().orElse("");
    return db.isEmpty() || db.toLowerCase(Locale.ROOT).equals("mem:");
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
