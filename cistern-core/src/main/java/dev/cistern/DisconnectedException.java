package dev.cistern;

import java.sql.SQLException;
import java.util.Map;

/**
 * The database connection behind a Cistern connection was lost (the server restarted, a network
 * link dropped, an administrator killed the session), so Cistern invalidated it.
 *
 * <p>The physical connection is closed and gone from the pool, and every other connection the pool
 * opened before the loss will be replaced at its next checkout, since it probably died too. The
 * connection that threw is unusable: close it and borrow another (work done in its transaction was
 * lost and may be retried on the new one). The cause is the driver's exception.
 */
public class DisconnectedException extends StatementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message says the connection was invalidated and what to do
   * @param cause the driver's exception that revealed the disconnect
   */
  public DisconnectedException(String message, Throwable cause) {
    super(
        message,
        cause,
        cause instanceof SQLException s ? s.getSQLState() : null,
        cause instanceof SQLException s ? s.getErrorCode() : 0,
        null,
        Map.of());
  }

  /**
   * Creates the exception for a statement that hit the disconnect.
   *
   * @param message says the connection was invalidated and what to do
   * @param cause the driver's exception
   * @param sql the statement text
   * @param parameters the named parameters, or null if hidden
   */
  public DisconnectedException(
      String message, SQLException cause, String sql, Map<String, ?> parameters) {
    super(message, cause, sql, parameters);
  }
}
