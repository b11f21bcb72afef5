package dev.cistern;

/**
 * A database URL that cannot be parsed or holds a bad value.
 *
 * <p>The message quotes the input with its password masked as {@code ***} and, where the problem
 * has a place, a caret under it (control characters escaped as a backslash, u and four hex digits;
 * of a long input, the 200 characters around the problem):
 *
 * <pre>
 * invalid database URL: bad port '54x2': a port is a number from 1 to 65535
 *   postgresql://app:***&#64;localhost:54x2/shop
 *                                  ^
 * </pre>
 */
public class InvalidUrlException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** What is wrong, without the quoted input. */
  private final String reason;

  /** The input with its password masked, or null. */
  private final String maskedInput;

  /** The position of the problem in the masked input, or -1. */
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

  /** The most characters of the input quoted in the message; a longer input shows a window. */
  private static final int QUOTED = 200;

  private static String format(String reason, String input, int index) {
    StringBuilder b = new StringBuilder("invalid database URL: ").append(reason);
    if (input != null) {
      // one line, bounded: control characters escaped, a long input cut to a window on the problem
      int from = 0;
      int to = input.length();
      if (to > QUOTED) {
        from = Math.max(0, Math.min(Math.max(index, 0) - QUOTED / 4, to - QUOTED));
        to = from + QUOTED;
      }
      StringBuilder line = new StringBuilder(QUOTED + 40);
      if (from > 0) {
        line.append("...");
      }
      int caret = -1;
      for (int i = from; i < to; i++) {
        if (i == index) {
          caret = line.length();
        }
        char c = input.charAt(i);
        if (Character.isISOControl(c)) {
          line.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
        } else {
          line.append(c);
        }
      }
      if (index >= to) {
        caret = line.length();
      }
      if (to < input.length()) {
        line.append("...(").append(input.length()).append(" characters)");
      }
      b.append(System.lineSeparator()).append("  ").append(line);
      if (caret >= 0) {
        b.append(System.lineSeparator()).append("  ").append(" ".repeat(caret)).append('^');
      }
    }
    return b.toString();
  }

  /**
   * Returns what is wrong, without the quoted input.
   *
   * @return what is wrong with the URL
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the input with its password masked, or {@code null}.
   *
   * @return the masked input, or {@code null}
   */
  public String maskedInput() {
    return maskedInput;
  }

  /**
   * Returns the position of the problem in {@link #maskedInput()}, or -1.
   *
   * @return the zero-based index of the problem, or -1 if it has no place
   */
  public int index() {
    return index;
  }
}
