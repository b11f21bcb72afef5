package dev.cistern.bench.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The text side of scenario 8: the password marker and the leak check, masking, the escapes and
 * truncation that make a message fit one table cell, and percent-encoding for URLs.
 */
final class HostileText {
  /** The text every password of the password cases contains: what a leak check looks for. */
  static final String CANARY = "Qz7Kw9Vx";

  private HostileText() {}

  /** The line of {@code text} that leaks, around the leak, masked. */
  static String around(String text) {
    String line =
        text.lines().filter(HostileText::leaks).findFirst().orElse(text).replaceFirst("^\\s+", "");
    String masked = mask(line);
    int at = masked.indexOf("***");
    int from = Math.max(0, at - 90);
    return (from > 0 ? "..." : "") + firstLine(masked.substring(from));
  }

  /** Whether a text holds any 4 consecutive characters of {@link #CANARY}. */
  static boolean leaks(String text) {
    for (int i = 0; i + 4 <= CANARY.length(); i++) {
      if (text.contains(CANARY.substring(i, i + 4))) {
        return true;
      }
    }
    return false;
  }

  /** The text with every piece of {@link #CANARY} replaced by {@code ***}. */
  static String mask(String text) {
    String s = text == null ? "" : text;
    if (!leaks(s)) {
      return s;
    }
    for (int n = CANARY.length(); n >= 4; n--) {
      for (int i = 0; i + n <= CANARY.length(); i++) {
        s = s.replace(CANARY.substring(i, i + n), "***");
      }
    }
    return s;
  }

  /** The first line of a message, at most 120 characters, control characters escaped. */
  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.lines().findFirst().orElse("");
    if (line.length() > 120) {
      line = line.substring(0, 117) + "...";
    }
    return escapeControls(line);
  }

  /** {@code \n}, {@code \0} and other control characters written as escapes. */
  static String escapeControls(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                b.append("\\n");
              } else if (c == 0) {
                b.append("\\0");
              } else if (c == '\t') {
                b.append("\\t");
              } else if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /** The whole stack trace, causes and suppressed included. */
  static String stackText(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** Percent-encodes every byte but the URL's unreserved characters ({@code A-Za-z0-9-._~}). */
  static String pct(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }

  /** A value as the doc shows it. */
  static String show(Object v) {
    if (v instanceof Duration d && d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
      return d.equals(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))
          ? "Duration max"
          : d.toString();
    }
    return v instanceof String s
        ? "'" + escapeControls(s) + "'"
        : escapeControls(String.valueOf(v));
  }
}
