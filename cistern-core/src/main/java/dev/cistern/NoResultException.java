package dev.cistern;

/** {@link Result#one()} found no row (or {@link Result#scalar} found no row, where required). */
public class NoResultException extends CisternException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message naming the statement.
   *
   * @param message the message, naming the statement
   */
  public NoResultException(String message) {
    super(message);
  }
}
