package dev.cistern;

/** {@link Result#one()} or {@link Result#oneOrNull()} found more than one row. */
public class MultipleResultsException extends CisternException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message naming the statement.
   *
   * @param message the message, naming the statement
   */
  public MultipleResultsException(String message) {
    super(message);
  }
}
