package dev.cistern;

/**
 * A database URL that cannot be parsed or holds a bad value.
 *
 * <p>The message quotes the input with its password masked as {@code ***} and, where the problem
 * has a place, a caret under it:
 *
 * <pre>
 * invalid database URL: bad port '54x2': a port is a number from 1 to 65535
 *   postgresql://app:***&#64;localhost:54x2/shop
 *                                  ^
 * </pre>
 */
public class InvalidUrlException extends CisternException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String maskedInput;
  private final int index;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong and how to fix it; never contains a password
   * @param maskedInput the input with its password masked, or {@code null} if there is no text
   *     input
   * @param index the position of the problem in {@code maskedInput}, or -1 if it has none
   */
  public InvalidUrlException(String reason, String maskedInput, int index) {
    super(format(reason, maskedInput, index));
    this.reason = reason;
    this.maskedInput = maskedInput;
    this.index = index;
  }

  private static String format(String reason, String input, int index) {
    StringBuilder b = new StringBuilder("invalid database URL: ").append(reason);
    if (input != null) {
      b.append(System.lineSeparator()).append("  ").append(input);
      if (index >= 0) {
        b.append(System.lineSeparator()).append("  ").append(" ".repeat(index)).append('^');
      }
    }
    return b.toString();
  }

  /** Returns what is wrong, without the quoted input. */
  public String reason() {
    return reason;
  }

  /** Returns the input with its password masked, or {@code null}. */
  public String maskedInput() {
    return maskedInput;
  }

  /** Returns the position of the problem in {@link #maskedInput()}, or -1. */
  public int index() {
    return index;
  }
}
