package dev.cistern;

/**
 * The database connection behind a Cistern connection was lost (the server restarted, a network
 * link dropped, an administrator killed the session), so Cistern invalidated it.
 *
 * <p>The physical connection is closed and gone from the pool, and every other connection the pool
 * opened before the loss will be replaced at its next checkout, since it probably died too. The
 * connection that threw is unusable: close it and borrow another (work done in its transaction was
 * lost and may be retried on the new one). The cause is the driver's exception.
 */
public class DisconnectedException extends CisternException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message says the connection was invalidated and what to do
   * @param cause the driver's exception that revealed the disconnect
   */
  public DisconnectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
