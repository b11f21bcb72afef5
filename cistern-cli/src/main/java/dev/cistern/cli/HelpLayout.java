package dev.cistern.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lays out the usage help to fit 80 columns: each command's description as whole paragraphs
 * (picocli wraps every element of a description on its own, so a sentence written over several
 * elements broke mid-sentence), and the command list with one complete sentence per command.
 */
final class HelpLayout {
  /** The width every line of help fits in. */
  static final int WIDTH = 80;

  private static final int SUMMARY_MAX = 70;

  private HelpLayout() {}

  /** Rewrites the descriptions of the command and its subcommands, and its command list. */
  static void apply(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      String[] d = spec.usageMessage().description();
      if (d.length > 1 && spec.usageMessage().header().length == 0) {
        spec.usageMessage().description(String.join(" ", d));
      }
    }
    cl.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, h -> list(cl));
  }

  private static String list(CommandLine cl) {
    Map<String, CommandLine> subs = cl.getSubcommands();
    if (subs.isEmpty()) {
      return "";
    }
    int width = 0;
    for (String name : subs.keySet()) {
      width = Math.max(width, name.length());
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
      CommandLine.Model.UsageMessageSpec usage = e.getValue().getCommandSpec().usageMessage();
      String[] d = usage.header().length > 0 ? usage.header() : usage.description();
      String text = summary(d.length == 0 ? "" : String.join(" ", d));
      String head = "  " + e.getKey() + " ".repeat(width - e.getKey().length()) + "  ";
      List<String> lines = wrap(text, WIDTH - head.length());
      for (int i = 0; i < lines.size(); i++) {
        b.append(i == 0 ? head : " ".repeat(head.length())).append(lines.get(i)).append('\n');
      }
    }
    return b.toString().replace("\n", System.lineSeparator());
  }

  /**
   * Returns the first sentence of a description, for the command list; when that is long, the part
   * before its first colon, closed with a full stop.
   */
  static String summary(String description) {
    String s = description.strip();
    int end = sentenceEnd(s);
    String first = end < 0 ? s : s.substring(0, end + 1);
    if (first.length() > SUMMARY_MAX) {
      int colon = first.indexOf(": ");
      if (colon > 0) {
        first = first.substring(0, colon) + ".";
      }
    }
    return first;
  }

  /** Returns the index of the full stop ending the first sentence, or -1. */
  private static int sentenceEnd(String s) {
    for (int i = s.indexOf(". "); i >= 0; i = s.indexOf(". ", i + 1)) {
      String before = s.substring(0, i).toLowerCase(java.util.Locale.ROOT);
      if (!before.endsWith("e.g") && !before.endsWith("i.e") && !before.endsWith("etc")) {
        return i;
      }
    }
    return -1;
  }

  /** Wraps text at spaces into lines of at most {@code width} characters (longer words alone). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
