package dev.cistern;

/**
 * The unchecked base of every exception Cistern throws from its own API.
 *
 * <p>Subclasses are named for what failed. The JDBC face of an engine keeps the JDBC contract and
 * throws {@link java.sql.SQLException} subclasses instead.
 */
public class CisternException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and, where it can, what to do.
   *
   * @param message what failed and, where known, what to do about it
   */
  public CisternException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what failed and, where known, what to do about it
   * @param cause the exception that caused this one
   */
  public CisternException(String message, Throwable cause) {
    super(message, cause);
  }
}
