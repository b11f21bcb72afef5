package dev.cistern.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Counts the sessions a database server has open for a test: the instrument behind every "nothing
 * leaks" assertion.
 *
 * <p>Every count opens its own short-lived administrative connection, which is never counted
 * itself:
 *
 * <ul>
 *   <li>PostgreSQL: rows of {@code pg_stat_activity} in the current database with the given {@code
 *       application_name}, excluding {@code pg_backend_pid()}. The key is the application name, so
 *       connections under test must set one ({@code ApplicationName} driver property).
 *   <li>MariaDB: rows of {@code information_schema.processlist} whose {@code DB} is the test
 *       database, excluding {@code CONNECTION_ID()}. MariaDB's process list has no application
 *       name, so <em>the database is the key</em> and an application name argument is ignored. The
 *       counter therefore connects to the server's configured database (never the test database),
 *       and a session that switched away from the test database with {@code USE} is not seen.
 *   <li>H2: rows of {@code INFORMATION_SCHEMA.SESSIONS} of the in-memory database, excluding {@code
 *       SESSION_ID()} (H2 2.x). H2 has no application name either; the argument is ignored.
 * </ul>
 *
 * <p>Server-side bookkeeping may trail a client closing its connection by a few milliseconds, so
 * assertions that a count dropped should use {@link #awaitCount}, which polls.
 */
public final class ServerSessions {
  private static final String COUNTER_APPLICATION = "cistern-testkit-counter";
  private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();
  private static final String PG_EXACT_COUNT =
      "select count(*) from pg_stat_activity where application_name = ?"
          + " and pid <> pg_backend_pid() and datname = current_database()";
  private static final String PG_PREFIX_COUNT =
      "select count(*) from pg_stat_activity where starts_with(application_name, ?)"
          + " and pid <> pg_backend_pid() and datname = current_database()";

  private ServerSessions() {}

  /**
   * The sessions this test has open on its database: on PostgreSQL those whose application name
   * <em>starts with</em> {@link TestDatabase#applicationName()}; on MariaDB and H2 all sessions of
   * the test database (other than the counter's).
   *
   * @param db the test database
   * @return the number of sessions
   */
  public static int count(TestDatabase db) {
    return switch (db.kind()) {
      case POSTGRESQL -> queryPostgres(db.server(), db.applicationName(), true);
      case MARIADB -> countMariaDb(db);
      case H2 -> countH2(db);
      case SQLITE ->
          throw new UnsupportedOperationException(
              "SQLite is an embedded file database: it has no sessions to count");
    };
  }

  /**
   * The sessions with exactly this application name on PostgreSQL; on MariaDB and H2 the name is
   * ignored and all sessions of the test database are counted.
   *
   * @param db the test database
   * @param applicationName the exact application name to count (PostgreSQL only)
   * @return the number of sessions
   */
  public static int count(TestDatabase db, String applicationName) {
    Objects.requireNonNull(applicationName, "applicationName");
    return switch (db.kind()) {
      case POSTGRESQL -> queryPostgres(db.server(), applicationName, false);
      case MARIADB -> countMariaDb(db);
      case H2 -> countH2(db);
      case SQLITE ->
          throw new UnsupportedOperationException(
              "SQLite is an embedded file database: it has no sessions to count");
    };
  }

  /**
   * Polls {@link #count(TestDatabase)} every 20 ms until it equals {@code expected}.
   *
   * @param db the test database
   * @param expected the count to wait for
   * @param timeout how long to wait at most
   * @return {@code expected}
   * @throws AssertionFailedError if the count is still different when the timeout elapses
   */
  public static int awaitCount(TestDatabase db, int expected, Duration timeout) {
    return await(db, null, expected, timeout);
  }

  /**
   * Polls {@link #count(TestDatabase, String)} every 20 ms until it equals {@code expected}.
   *
   * @param db the test database
   * @param applicationName the exact application name to count (PostgreSQL only)
   * @param expected the count to wait for
   * @param timeout how long to wait at most
   * @return {@code expected}
   * @throws AssertionFailedError if the count is still different when the timeout elapses
   */
  public static int awaitCount(
      TestDatabase db, String applicationName, int expected, Duration timeout) {
    Objects.requireNonNull(applicationName, "applicationName");
    return await(db, applicationName, expected, timeout);
  }

  private static int await(TestDatabase db, String applicationName, int expected, Duration t) {
    long deadline = System.nanoTime() + t.toNanos();
    while (true) {
      int actual = applicationName == null ? count(db) : count(db, applicationName);
      if (actual == expected) {
        return actual;
      }
      if (System.nanoTime() - deadline >= 0) {
        String of = applicationName == null ? "" : " with application name " + applicationName;
        throw new AssertionFailedError(
            "expected "
                + expected
                + " server session(s)"
                + of
                + " on "
                + db
                + " within "
                + t.toMillis()
                + " ms, but there were "
                + actual,
            expected,
            actual);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * Counts PostgreSQL sessions in the database of {@code adminJdbcUrl} whose application name is
   * {@code applicationName}, not counting the counter's own connection.
   *
   * @param adminJdbcUrl the JDBC URL to count through
   * @param user the user to connect as
   * @param password the password to connect with
   * @param applicationName the application name to count
   * @return the number of sessions
   */
  public static int countPostgres(
      String adminJdbcUrl, String user, String password, String applicationName) {
    Properties props = credentials(user, password);
    props.setProperty("ApplicationName", COUNTER_APPLICATION);
    try (Connection c = DriverManager.getConnection(adminJdbcUrl, props)) {
      return postgresQuery(c, applicationName, false);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count PostgreSQL sessions", e);
    }
  }

  /**
   * Counts MariaDB sessions whose default database is {@code database}, not counting the counter's
   * own connection. {@code adminJdbcUrl} must name no database or another one.
   *
   * @param adminJdbcUrl the JDBC URL to count through
   * @param user the user to connect as
   * @param password the password to connect with
   * @param database the database whose sessions to count
   * @return the number of sessions
   */
  public static int countMariaDb(
      String adminJdbcUrl, String user, String password, String database) {
    try (Connection c = DriverManager.getConnection(adminJdbcUrl, credentials(user, password));
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from information_schema.processlist where DB = ? and ID <>"
                    + " CONNECTION_ID()")) {
      ps.setString(1, database);
      return single(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count MariaDB sessions", e);
    }
  }

  /**
   * Counts the sessions of the H2 database at {@code jdbcUrl} (an in-memory URL such as {@code
   * jdbc:h2:mem:name;IFEXISTS=TRUE}), not counting the counter's own session.
   *
   * @param jdbcUrl the H2 database's JDBC URL
   * @param user the user to connect as
   * @param password the password to connect with
   * @return the number of sessions
   */
  public static int countH2(String jdbcUrl, String user, String password) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, credentials(user, password));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from INFORMATION_SCHEMA.SESSIONS where SESSION_ID <>"
                    + " SESSION_ID()")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count H2 sessions", e);
    }
  }

  private static int countMariaDb(TestDatabase db) {
    ServerEndpoint s = db.server();
    return countMariaDb(s.jdbcUrl(), s.user(), s.password(), db.name());
  }

  private static int countH2(TestDatabase db) {
    return countH2(db.h2ExistingUrl(), db.user(), db.password());
  }

  private static int queryPostgres(ServerEndpoint server, String applicationName, boolean prefix) {
    try (Connection c = TestDatabase.openAdmin(server, COUNTER_APPLICATION)) {
      return postgresQuery(c, applicationName, prefix);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count PostgreSQL sessions on " + server, e);
    }
  }

  private static int postgresQuery(Connection c, String applicationName, boolean prefix)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(prefix ? PG_PREFIX_COUNT : PG_EXACT_COUNT)) {
      ps.setString(1, applicationName);
      return single(ps);
    }
  }

  private static int single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Properties credentials(String user, String password) {
    Properties props = new Properties();
    props.setProperty("user", user == null ? "" : user);
    props.setProperty("password", password == null ? "" : password);
    return props;
  }
}
