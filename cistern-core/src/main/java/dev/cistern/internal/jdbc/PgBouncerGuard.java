package dev.cistern.internal.jdbc;

import dev.cistern.internal.sql.SqlLexer;
import dev.cistern.internal.sql.SqlSyntax;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Refuses what would change or rely on the server session when PostgreSQL is reached through
 * PgBouncer in transaction mode ({@code pgbouncer=transaction}): there each transaction may run on
 * another server session, and a session left changed is handed to another client.
 *
 * <p>{@link #checkSql} reads the code of the SQL text ({@link SqlLexer#codeOf}: quotes, dollar
 * quotes and comments skipped, as PostgreSQL splits it) and refuses, before anything is sent:
 * {@code LISTEN}, {@code SET} and {@code RESET} other than {@code SET LOCAL}, {@code SET
 * TRANSACTION} and {@code SET CONSTRAINTS}, SQL {@code PREPARE}, {@code DECLARE ... WITH HOLD},
 * {@code CREATE TEMP}/{@code TEMPORARY} tables without {@code ON COMMIT DROP}, and the
 * session-level advisory lock functions ({@code pg_advisory_lock}, {@code pg_try_advisory_lock},
 * their {@code _shared} forms and {@code pg_advisory_unlock...}; the {@code _xact_} forms are
 * fine), and {@code set_config} unless its third argument is {@code true}. The errors carry
 * SQLState {@code 0A000} (feature not supported) and say what to use instead.
 */
public final class PgBouncerGuard {
  /** SQLState of every refusal: feature not supported. */
  public static final String SQL_STATE = "0A000";

  private static final String PREFIX =
      "not allowed through PgBouncer in transaction mode (pgbouncer=transaction): ";

  private static final String[] SESSION_LOCKS = {
    "pg_advisory_lock", "pg_try_advisory_lock", "pg_advisory_unlock"
  };

  private PgBouncerGuard() {}

  /** Throws if {@code sql} would change or rely on the server session; a null text passes. */
  public static void checkSql(String sql) throws SQLException {
    if (sql == null) {
      return;
    }
    // the project's lexer: comments as spaces, every quoted region (E'...', $tag$...$tag$
    // included) masked, so only code is read below
    String code = SqlLexer.codeOf(sql, SqlSyntax.POSTGRES);
    int n = code.length();
    int i = 0;
    boolean statementStart = true;
    while (i < n) {
      char c = code.charAt(i);
      if (c == ';') {
        i++;
        statementStart = true;
      } else if (Character.isLetter(c) || c == '_') {
        int end = wordEnd(code, i);
        String word = code.substring(i, end).toLowerCase(Locale.ROOT);
        if (statementStart) {
          checkStatement(code, word, end);
        }
        if (word.equals("set_config") && !isLocalSetConfig(code, end)) {
          throw refused(
              "set_config(..., false) changes the server session, which PgBouncer then gives to"
                  + " other clients; pass true as its third argument (until the end of the"
                  + " transaction), or use SET LOCAL");
        }
        for (String lock : SESSION_LOCKS) {
          if (word.startsWith(lock)) {
            throw refused(
                word
                    + "() takes a lock held by the server session, which outlives the transaction"
                    + " and stays with a session PgBouncer gives to other clients; use"
                    + " pg_advisory_xact_lock() (released at commit or rollback), or a direct"
                    + " connection (an engine without pgbouncer=transaction)");
          }
        }
        statementStart = false;
        i = end;
      } else {
        statementStart &= Character.isWhitespace(c);
        i++;
      }
    }
  }

  /** Checks one statement whose first word (lower case) is {@code word}, ending at {@code end}. */
  private static void checkStatement(String sql, String word, int end) throws SQLException {
    switch (word) {
      case "listen":
        throw refused(
            "LISTEN registers the server session for notifications, and PgBouncer moves this client"
                + " to another session after each transaction; listen on a direct connection (an"
                + " engine without pgbouncer=transaction, or PgBouncer in session mode)");
      case "set":
        {
          String next = nextWord(sql, end);
          if (next.equals("local") || next.equals("transaction") || next.equals("constraints")) {
            return;
          }
          throw refused(
              "SET changes the server session, which PgBouncer then gives to other clients; use"
                  + " SET LOCAL (until the end of the transaction), or set it for the role or"
                  + " database on the server (ALTER ROLE ... SET ...)");
        }
      case "reset":
        throw refused(
            "RESET changes the server session, which PgBouncer shares between clients; use SET"
                + " LOCAL inside the transaction instead");
      case "prepare":
        {
          String next = nextWord(sql, end);
          if (next.equals("transaction")) {
            return; // two-phase commit: belongs to the transaction
          }
          throw refused(
              "PREPARE makes a statement that lives in the server session, and the next"
                  + " transaction may run on another session; use a JDBC PreparedStatement (sent"
                  + " unnamed: the engine sets prepareThreshold=0)");
        }
      case "declare":
        if (containsWords(sql, end, "with", "hold")) {
          throw refused(
              "DECLARE ... WITH HOLD keeps a cursor in the server session after the transaction;"
                  + " declare it WITHOUT HOLD and read it inside the transaction");
        }
        return;
      case "create":
        {
          String next = nextWord(sql, end);
          if ((next.equals("temp") || next.equals("temporary"))
              && !containsWords(sql, end, "on", "commit", "drop")) {
            throw refused(
                "a temporary table lives in the server session, which the next transaction may"
                    + " not get; add ON COMMIT DROP to keep it inside the transaction");
          }
          return;
        }
      default:
        return;
    }
  }

  /**
   * Whether the call {@code set_config(name, value, is_local)} starting after {@code from} in the
   * code (quoted regions masked) passes {@code true} as is_local: its argument text up to the
   * closing parenthesis (at the same depth) ends in {@code true}.
   */
  private static boolean isLocalSetConfig(String sql, int from) {
    int open = sql.indexOf('(', from);
    if (open < 0) {
      return true; // not a call: a column or a name
    }
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        String args = sql.substring(open + 1, i);
        int comma = args.lastIndexOf(',');
        return comma >= 0 && args.substring(comma + 1).trim().equalsIgnoreCase("true");
      }
    }
    return false;
  }

  /** The refusal of a JDBC call that would change the server session. */
  public static SQLException refusedCall(String call, String instead) {
    return refused(
        call + " changes the server session, which PgBouncer shares between clients; " + instead);
  }

  private static SQLException refused(String why) {
    return new SQLException(PREFIX + why, SQL_STATE);
  }

  private static String nextWord(String code, int from) {
    int i = from;
    while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
      i++;
    }
    return code.substring(i, wordEnd(code, i)).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the words follow each other (separated by white space) in the rest of the statement.
   */
  private static boolean containsWords(String sql, int from, String... words) {
    int end = sql.indexOf(';', from);
    String rest =
        sql.substring(from, end < 0 ? sql.length() : end)
            .toLowerCase(Locale.ROOT)
            .replaceAll("\\s+", " ");
    return (" " + rest + " ").contains(" " + String.join(" ", words) + " ");
  }

  private static int wordEnd(String sql, int i) {
    int n = sql.length();
    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    return i;
  }
}
