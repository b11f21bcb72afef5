package dev.cistern.internal.docs;

import dev.cistern.Option;
import java.util.stream.Collectors;

/** Renders the {@link Option} table for the README and the command line's help. */
public final class OptionDocs {
  private OptionDocs() {}

  /** Returns the options as a Markdown table: key, SQLAlchemy spelling, type, default, meaning. */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder();
    b.append("| option | also | type | default | what it does |\n");
    b.append("|---|---|---|---|---|\n");
    for (Option<?> o : Option.values()) {
      String also =
          o.names().stream().skip(1).map(n -> "`" + n + "`").collect(Collectors.joining(", "));
      String def = o.defaultText().isEmpty() ? "unset" : "`" + o.defaultText() + "`";
      b.append("| `")
          .append(o.key())
          .append("` | ")
          .append(also)
          .append(" | ")
          .append(o.typeName())
          .append(" | ")
          .append(def)
          .append(" | ")
          .append(o.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
