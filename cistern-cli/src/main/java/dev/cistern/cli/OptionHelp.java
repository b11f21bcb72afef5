package dev.cistern.cli;

import dev.cistern.Option;
import java.util.List;

/** The usage help's footer: every engine {@link Option} with its type, default and meaning. */
final class OptionHelp {
  private static final char NO_BREAK = '\u0001';

  private OptionHelp() {}

  /**
   * Returns the footer text, generated from the {@link Option} table: the option names in a column,
   * each meaning wrapped beside it so that no line is longer than {@link HelpLayout#WIDTH}.
   */
  static String footer() {
    StringBuilder b =
        new StringBuilder("%nEngine options (--option KEY=VALUE, or ?KEY=VALUE in the URL):%n");
    int width = 0;
    for (Option<?> o : Option.values()) {
      width = Math.max(width, o.key().length());
    }
    String indent = " ".repeat(width + 4);
    for (Option<?> o : Option.values()) {
      String def = o.defaultText().isEmpty() ? "unset" : o.defaultText();
      // the [type = default] tag is kept on one line: its spaces are not break points
      String tag = ("[" + o.typeName() + " = " + def + "]").replace(' ', NO_BREAK);
      List<String> lines =
          HelpLayout.wrap(o.description() + " " + tag, HelpLayout.WIDTH - 1 - indent.length());
      for (int i = 0; i < lines.size(); i++) {
        b.append(i == 0 ? "  " + pad(o.key(), width) + "  " : indent)
            .append(lines.get(i).replace(NO_BREAK, ' ').replace("%", "%%"))
            .append("%n");
      }
    }
    b.append("%n");
    for (String line :
        HelpLayout.wrap(
            "Passwords: --password-file FILE or $CISTERN_PASSWORD; never echoed."
                + " NO_COLOR turns colour off.",
            HelpLayout.WIDTH - 1)) {
      b.append(line).append("%n");
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
