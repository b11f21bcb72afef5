package dev.cistern.cli;

import dev.cistern.DriverNotFoundException;
import dev.cistern.InvalidUrlException;
import dev.cistern.PoolTimeoutException;
import dev.cistern.StatementException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns an exception into the one line the command line prints, {@code cistern: <what is wrong> —
 * <what to do>}, and its exit code.
 */
final class Failures {
  private Failures() {}

  /** Returns the exit code for the exception: 2 for bad input, 1 otherwise. */
  static int exitCode(Throwable t) {
    if (t instanceof CliException c) {
      return c.exitCode();
    }
    if (t instanceof InvalidUrlException || t instanceof IllegalArgumentException) {
      return CliException.USAGE;
    }
    return CliException.FAILURE;
  }

  /** Returns the one-line message, starting {@code cistern: }. */
  static String line(Throwable t) {
    return "cistern: " + firstLine(describe(t));
  }

  private static String describe(Throwable t) {
    if (t instanceof CliException) {
      return t.getMessage();
    }
    if (t instanceof InvalidUrlException u) {
      String where = u.maskedInput() == null ? "" : " in '" + u.maskedInput() + "'";
      return "invalid database URL"
          + where
          + ": "
          + u.reason()
          + " — write it as dialect://user@host:port/database (see README, Database URLs)";
    }
    DriverNotFoundException missing = cause(t, DriverNotFoundException.class);
    if (missing != null && !(t instanceof DriverNotFoundException)) {
      return describe(missing);
    }
    if (t instanceof DriverNotFoundException d) {
      return "no JDBC driver for "
          + d.dialect()
          + ": "
          + d.driverClass()
          + " is not in this jar — put "
          + d.mavenCoordinates()
          + " on the class path, or use a postgresql, mariadb, mysql, h2 or sqlite URL";
    }
    if (t instanceof StatementException s) {
      return s.getMessage();
    }
    SQLException sql = sqlCause(t);
    if (sql != null && !(t instanceof StatementException)) {
      return connectionProblem(sql);
    }
    if (t instanceof PoolTimeoutException) {
      return t.getMessage() + " — raise poolSize or poolTimeout (--option poolTimeout=60s)";
    }
    if (t instanceof IllegalArgumentException) {
      return t.getMessage() + " — see --help";
    }
    String m = t.getMessage();
    return (m == null ? t.getClass().getSimpleName() : m) + " — run with --debug for details";
  }

  /** Explains a failure to connect, by SQLState where the driver gives one. */
  static String connectionProblem(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String msg = firstLine(String.valueOf(e.getMessage())) + rootCause(e);
    String code = state.isEmpty() ? "" : " [SQLState " + state + "]";
    String low = msg.toLowerCase(Locale.ROOT);
    if (low.contains("no suitable driver") || low.contains("does not accept the url")) {
      return "no JDBC driver takes this URL: "
          + msg
          + code
          + " — this jar has the PostgreSQL, MariaDB, H2 and SQLite drivers; for another database"
          + " put its driver on the class path";
    }
    if (state.startsWith("28")
        || e.getErrorCode() == 1045
        || low.contains("access denied")
        || low.contains("authentication failed")) {
      return "the server refused the credentials: "
          + msg
          + code
          + " — check the user and the password (--password-file FILE or CISTERN_PASSWORD)";
    }
    if (state.startsWith("08")
        || low.contains("connection refused")
        || low.contains("could not connect")
        || low.contains("socket")) {
      return "cannot reach the database server: "
          + msg
          + code
          + " — check that it is running and that the host and port in the URL are right";
    }
    if (state.equals("3D000") || e.getErrorCode() == 1049) {
      return "the database does not exist: " + msg + code + " — check the database name in the URL";
    }
    return "the database refused: " + msg + code + " — run with --debug for details";
  }

  /**
   * Returns {@code " (unknown host 'x')"} or {@code " (Type: message)"} for the root of the cause
   * chain when the driver's own message does not say it (pgjdbc's "The connection attempt failed."
   * hides an {@link UnknownHostException}), else the empty string.
   */
  static String rootCause(SQLException e) {
    Throwable root = e;
    int depth = 0;
    while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
      root = root.getCause();
    }
    if (root == e) {
      return "";
    }
    String m = root.getMessage() == null ? "" : firstLine(root.getMessage());
    if (root instanceof UnknownHostException) {
      return " (unknown host '" + m + "')";
    }
    if (m.isEmpty() || String.valueOf(e.getMessage()).contains(m)) {
      return "";
    }
    return " (" + root.getClass().getSimpleName() + ": " + m + ")";
  }

  private static SQLException sqlCause(Throwable t) {
    return cause(t, SQLException.class);
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.strip();
  }
}
