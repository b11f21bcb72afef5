package dev.cistern.cli;

import dev.cistern.Option;

/** The usage help's footer: every engine {@link Option} with its type, default and meaning. */
final class OptionHelp {
  private OptionHelp() {}

  /** Returns the footer text, generated from the {@link Option} table. */
  static String footer() {
    StringBuilder b =
        new StringBuilder("%nEngine options (--option KEY=VALUE, or ?KEY=VALUE in the URL):%n");
    int width = 0;
    for (Option<?> o : Option.values()) {
      width = Math.max(width, o.key().length());
    }
    for (Option<?> o : Option.values()) {
      String def = o.defaultText().isEmpty() ? "unset" : o.defaultText();
      b.append("  ")
          .append(pad(o.key(), width))
          .append("  ")
          .append(pad(o.typeName() + " = " + def, 20))
          .append("  ")
          .append(o.description().replace("%", "%%"))
          .append("%n");
    }
    b.append(
        "%nPasswords: --password-file FILE or $CISTERN_PASSWORD; never echoed."
            + " NO_COLOR turns colour off.%n");
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
