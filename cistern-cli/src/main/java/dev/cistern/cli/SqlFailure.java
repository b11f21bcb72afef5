package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.DisconnectedException;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.StatementException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the failures of {@code cistern sql} for a person at a command line: library advice (
 * "use beginNested()", "the parameters map") becomes what to do with this command, a statement
 * timeout names the option, and a SQLite file that cannot be opened is named with its full path.
 */
final class SqlFailure {
  private static final Pattern MISSING_PARAM =
      Pattern.compile(" — add \"([^\"]+)\" to the parameters map");

  private SqlFailure() {}

  /**
   * Returns the exception to report for a failure of {@code statement} (null while connecting): a
   * {@link CliException} with a rewritten message and {@code e} as its cause, or {@code e} itself.
   */
  static RuntimeException of(RuntimeException e, String statement, Engine engine, DatabaseUrl db) {
    if (e instanceof StatementException s && statement != null) {
      return new CliException(CliException.FAILURE, statementProblem(s, engine), e);
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof IllegalArgumentException && MISSING_PARAM.matcher(m).find()) {
      Matcher p = MISSING_PARAM.matcher(m);
      String fixed = p.replaceFirst(" — pass it with -p $1=VALUE");
      return new CliException(CliException.USAGE, fixed, e);
    }
    if ("sqlite".equals(db.dialect()) && chainMentions(e, "SQLITE_CANTOPEN")) {
      return new CliException(CliException.FAILURE, sqliteCannotOpen(db), e);
    }
    return e;
  }

  /** The statement's error without the library's advice, with the CLI's own. */
  static String statementProblem(StatementException s, Engine engine) {
    String m = s.getMessage();
    int advice = m.lastIndexOf("] — ");
    String bare = advice < 0 ? m : m.substring(0, advice + 1);
    String state = s.sqlState() == null ? "" : s.sqlState();
    Duration timeout = engine.option(Option.STATEMENT_TIMEOUT);
    boolean timedOut =
        state.equals("57014")
            || state.equals("70100")
            || s.vendorCode() == 1969
            || s.vendorCode() == 3024;
    if (timedOut && timeout != null && !timeout.isZero() && !timeout.isNegative()) {
      String setting = "statementTimeout=" + text(timeout);
      int bracket = bare.indexOf(" [SQLState");
      bare =
          bracket < 0
              ? bare + " (" + setting + ")"
              : bare.substring(0, bracket) + " (" + setting + ")" + bare.substring(bracket);
      return bare + " — the statement ran longer than " + setting + "; raise it with --option";
    }
    if (s instanceof DisconnectedException) {
      return bare
          + " — the connection to the database was lost; the statements before it were committed";
    }
    if (state.equals("40001") || state.equals("40P01") || s.vendorCode() == 1213) {
      return bare + " — a serialization failure or deadlock: run the statements again";
    }
    return bare + " — the run stopped here; the statements before it were committed";
  }

  /** A duration as the option takes it: {@code 1s}, {@code 500ms}. */
  static String text(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static String sqliteCannotOpen(DatabaseUrl db) {
    String name = db.database().orElse("");
    Path file = Path.of(name).toAbsolutePath().normalize();
    Path dir = file.getParent();
    String where;
    if (dir != null && !Files.isDirectory(dir)) {
      where = "its directory " + dir + " does not exist";
    } else {
      where = "its directory exists: check its permissions";
    }
    return "cannot open the SQLite database file "
        + file
        + " ("
        + where
        + ") — sqlite:///"
        + "name.db is relative to the current directory; write sqlite:////absolute/path.db"
        + " for an absolute path";
  }

  private static boolean chainMentions(Throwable t, String text) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null && c.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }
}
