package dev.cistern;

/**
 * The pool cannot open connections, for a reason that retrying will not fix: the server refused the
 * credentials, the database or role does not exist, a driver property is invalid, or the host name
 * does not resolve. Thrown at once to the borrowers that waited for the opening, instead of letting
 * them wait out {@code poolTimeout} (and by {@code failFast} when the engine is built).
 *
 * <p>It is neither a {@link PoolTimeoutException} (nothing timed out, and the pool is not busy) nor
 * a {@link DisconnectedException} (no connection was ever made): catching it tells configuration
 * errors apart from load. The message carries the driver's reason, with any password masked; the
 * cause is the driver's exception. The next borrower tries again, so a fixed password or a database
 * created meanwhile is picked up.
 */
public class CannotConnectException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** The driver's reason, one line, password masked. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param what what could not be done, e.g. {@code pool 'orders' cannot open connections}
   * @param cause the driver's exception
   */
  public CannotConnectException(String what, Throwable cause) {
    super(what + ": " + ConnectReasons.describe(cause) + ". " + ConnectReasons.hint(cause), cause);
    this.reason = ConnectReasons.describe(cause);
  }

  /**
   * Returns the driver's reason, one line, with any password masked.
   *
   * @return the reason the driver gave, password masked
   */
  public String reason() {
    return reason;
  }
}
