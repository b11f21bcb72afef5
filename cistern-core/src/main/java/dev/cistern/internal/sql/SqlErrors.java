package dev.cistern.internal.sql;

import dev.cistern.DisconnectedException;
import dev.cistern.StatementException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Turns a driver's {@link SQLException} into a {@link StatementException} whose one-line message
 * carries the SQLState, vendor code, SQL, parameters (unless hidden) and a hint where one helps.
 */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * Translates a failure of one statement.
   *
   * @param e what the driver threw
   * @param connection the connection it ran on (to tell a disconnect)
   * @param sql the SQL text as the caller wrote it
   * @param params the named parameters (may be empty)
   * @param settings the engine's SQL settings
   * @param inTransaction whether a transaction was open when it failed
   */
  public static StatementException translate(
      SQLException e,
      Connection connection,
      String sql,
      Map<String, ?> params,
      SqlSettings settings,
      boolean inTransaction) {
    boolean hidden = settings.hideParameters();
    SQLException cause = hidden && !params.isEmpty() ? scrubbed(e, params) : e;
    String state = e.getSQLState();
    StringBuilder m = new StringBuilder();
    m.append(firstLine(cause.getMessage()));
    m.append(" [SQLState ").append(state).append(", code ").append(e.getErrorCode()).append(']');
    m.append(" [engine '").append(settings.engineName()).append("']");
    m.append(" [SQL: ").append(ParameterText.sql(sql)).append(']');
    if (!params.isEmpty()) {
      m.append(" [parameters: ").append(ParameterText.of(params, hidden)).append(']');
    }
    boolean disconnected = settings.health().isLost(connection);
    if (disconnected) {
      m.append(
          " — the connection was lost and has been invalidated: close it and borrow another;"
              + " work not committed is gone");
      return new DisconnectedException(m.toString(), cause, sql, hidden ? null : params);
    }
    if ("25P02".equals(state)) {
      m.append(
          " — the transaction was aborted by an earlier failed statement: call rollback() (or"
              + " roll back to a savepoint) before running more statements");
    } else if ("40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == 1213) {
      m.append(
          " — a serialization failure or deadlock: run the whole transaction again"
              + " (engine.inTransaction(fn) does that when the transactionRetries option is set)");
    } else if ("25006".equals(state)) {
      m.append(
          " — this connection is read-only (a read replica, the engine's reader(), or the readOnly"
              + " option): run writes through the primary engine's connect()");
    } else if (settings.isPostgres() && inTransaction) {
      m.append(
          " — on PostgreSQL the transaction is now unusable until rollback() (use beginNested()"
              + " to keep earlier work)");
    }
    return new StatementException(m.toString(), cause, sql, hidden ? null : params);
  }

  /** Translates a failure outside a statement (commit, rollback, savepoint, setting a mode). */
  public static StatementException operation(
      String what, SQLException e, Connection connection, SqlSettings settings) {
    boolean disconnected = settings.health().isLost(connection);
    String m =
        what
            + " failed on engine '"
            + settings.engineName()
            + "': "
            + firstLine(e.getMessage())
            + " [SQLState "
            + e.getSQLState()
            + ", code "
            + e.getErrorCode()
            + "]";
    if (disconnected) {
      return new DisconnectedException(
          m + " — the connection was lost and has been invalidated: close it and borrow another",
          e,
          null,
          Map.of());
    }
    return new StatementException(m, e, null, Map.of());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "statement failed";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Returns a copy of {@code e} with every parameter value's text replaced by {@code ?} in its
   * message, and no cause chain: drivers quote values in messages (a duplicate key, a bad cast).
   */
  static SQLException scrubbed(SQLException e, Map<String, ?> params) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    for (Object v : params.values()) {
      message = scrub(message, v);
    }
    SQLException copy = new SQLException(message, e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static String scrub(String message, Object v) {
    if (v == null || v instanceof byte[]) {
      return message;
    }
    if (v instanceof Iterable<?> it) {
      for (Object o : it) {
        message = scrub(message, o);
      }
      return message;
    }
    if (v instanceof Object[] array) {
      for (Object o : array) {
        message = scrub(message, o);
      }
      return message;
    }
    String text = String.valueOf(v);
    return text.isEmpty() ? message : message.replace(text, "?");
  }
}
