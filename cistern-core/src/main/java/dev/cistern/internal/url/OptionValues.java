package dev.cistern.internal.url;

import dev.cistern.Option;
import dev.cistern.internal.util.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses, checks and formats the values of {@link Option}s. */
public final class OptionValues {
  /** A whole number in ASCII digits, as written in every config source; at most 100 digits. */
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,100}");

  private static final Pattern DURATION =
      Pattern.compile(
          "([0-9]{1,100}(?:\\.[0-9]{1,9})?)\\s*(ns|us|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

  /** The longest first back-off between transaction retries. */
  private static final Duration MAX_RETRY_BACKOFF = Duration.ofHours(1);

  private OptionValues() {}

  /**
   * Parses {@code text} into the option's type; the error names the option and the bad value (as
   * written, with control characters escaped) and says what is expected.
   */
  public static Object parse(Option<?> option, String text) {
    if (text == null) {
      throw new IllegalArgumentException(option.key() + " needs a value, was none");
    }
    String t = text.trim();
    Class<?> type = option.type();
    Object value;
    if (type == Integer.class) {
      value =
          parseLong(option, t, "a whole number", Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
    } else if (type == Long.class) {
      value = parseLong(option, t, "a whole number", Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (type == Boolean.class) {
      value = parseBoolean(option, t);
    } else if (type == Duration.class) {
      value = parseDuration(option, t);
    } else if (type.isEnum()) {
      value = parseEnum(option, t);
    } else {
      value = t; // validate refuses an empty or blank text, and control characters
    }
    try {
      return validate(option, value);
    } catch (IllegalArgumentException e) {
      if (format(value).equals(t)) {
        throw e;
      }
      // the value as read differs from the text (-1 read as 0, PT-5S as -5s): name both
      throw new IllegalArgumentException(
          e.getMessage() + "; it was written '" + printable(t) + "'", e);
    }
  }

  /** Checks a typed value against the option's type and range, and returns it. */
  public static Object validate(Option<?> option, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      checkText(option, (String) value);
    }
    if (!option.type().isInstance(value)) {
      throw new IllegalArgumentException(
          option.key()
              + " takes a "
              + option.type().getSimpleName()
              + ", was a "
              + value.getClass().getSimpleName()
              + " ("
              + value
              + ")");
    }
    long min = minimum(option);
    if (value instanceof Integer || value instanceof Long) {
      long v = ((Number) value).longValue();
      if (v < min) {
        throw new IllegalArgumentException(option.key() + " must be >= " + min + ", was " + v);
      }
    } else if (value instanceof Duration) {
      Duration d = (Duration) value;
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            option.key()
                + " must not be negative, was "
                + format(d)
                + " (use 0 for off where the option allows it)");
      }
      if (option == Option.VALIDATION_TIMEOUT && d.isZero()) {
        throw new IllegalArgumentException(option.key() + " must be positive, was 0s");
      }
      if (option == Option.TRANSACTION_RETRY_BACKOFF && d.compareTo(MAX_RETRY_BACKOFF) > 0) {
        // slept on the caller's thread, doubling per retry: "forever" would only hang the caller
        throw new IllegalArgumentException(
            option.key()
                + " must be at most 1h, was "
                + format(d)
                + " (set transactionRetries=0 to not retry at all)");
      }
      // Longer than ~292 years means "as long as it takes": honoured as that, never overflowing.
      return Durations.saturate(d);
    }
    return value;
  }

  /**
   * Refuses text values (the engine's name) that are empty or hold control characters: a name ends
   * up in log lines, and a newline or NUL there forges or cuts a line.
   */
  private static void checkText(Option<?> option, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(option.key() + " must not be empty, was '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            option.key()
                + " must not contain control characters, was '"
                + printable(value)
                + "' (control character U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at position "
                + (i + 1)
                + ")");
      }
    }
  }

  /**
   * Returns {@code s} fit for one line of a message: control characters escaped (a backslash and n,
   * r or t, or u and four hex digits), and at most 100 characters.
   */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 100) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (b.length() >= 100) {
        return b.append("...(").append(s.length()).append(" characters)").toString();
      }
      char c = s.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (Character.isISOControl(c)) {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static long minimum(Option<?> option) {
    if (option == Option.MAX_OVERFLOW) {
      return -1; // unlimited
    }
    if (option == Option.BATCH_SIZE) {
      return 1;
    }
    return 0;
  }

  private static Long parseLong(Option<?> option, String t, String what, long min, long max) {
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          option.key() + " must be " + what + ", was '" + printable(t) + "'");
    }
    java.math.BigInteger v = new java.math.BigInteger(t);
    if (v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          option.key() + " must be at most " + max + ", was '" + t + "'" + unlimited(option));
    }
    if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
      throw new IllegalArgumentException(
          option.key() + " must be at least " + minimum(option) + ", was '" + t + "'");
    }
    return v.longValue();
  }

  /** How to say "no limit" for an option that has a way to, for the "at most" message. */
  private static String unlimited(Option<?> option) {
    if (option == Option.POOL_SIZE || option == Option.MAX_USES) {
      return " (0 means no limit)";
    }
    if (option == Option.MAX_OVERFLOW) {
      return " (-1 means unlimited)";
    }
    return "";
  }

  private static Boolean parseBoolean(Option<?> option, String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "no":
      case "off":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException(
            option.key() + " must be true or false, was '" + printable(t) + "'");
    }
  }

  private static Object parseEnum(Option<?> option, String t) {
    String wanted = t.toUpperCase(Locale.ROOT).replace('-', '_');
    for (Object c : option.type().getEnumConstants()) {
      if (((Enum<?>) c).name().equals(wanted)) {
        return c;
      }
    }
    String allowed =
        Arrays.stream(option.type().getEnumConstants())
            .map(c -> ((Enum<?>) c).name())
            .collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        option.key() + " must be one of " + allowed + ", was '" + printable(t) + "'");
  }

  /**
   * Parses a duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601
   * {@code PT30S}, or a bare number of seconds (SQLAlchemy's form). {@code -1} means "off" and
   * becomes zero. A duration longer than about 292 years ({@code PT9999999H}) becomes {@link
   * Durations#MAX}, "as long as it takes" (see {@link #validate}).
   */
  public static Duration parseDuration(Option<?> option, String t) {
    if (t.equals("-1")) {
      return Duration.ZERO;
    }
    if (!t.isEmpty() && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw badDuration(option, t, e);
      }
    }
    if (t.startsWith("-") && DURATION.matcher(t.substring(1)).matches()) {
      Duration d = parseDuration(option, t.substring(1));
      if (d.isZero()) {
        return d; // -0
      }
      throw new IllegalArgumentException(
          option.key()
              + " must not be negative, was '"
              + printable(t)
              + "' (0 or -1 means off where the option allows it)");
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw badDuration(option, t, null);
    }
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    java.math.BigDecimal nanos =
        new java.math.BigDecimal(m.group(1))
            .multiply(java.math.BigDecimal.valueOf(nanosPer(unit)))
            .setScale(0, java.math.RoundingMode.DOWN);
    if (nanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return Durations.MAX; // "as long as it takes"
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static long nanosPer(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "m":
        return 60_000_000_000L;
      case "h":
        return 3_600_000_000_000L;
      case "d":
        return 86_400_000_000_000L;
      default:
        return 1_000_000_000L;
    }
  }

  private static IllegalArgumentException badDuration(Option<?> option, String t, Exception cause) {
    return new IllegalArgumentException(
        option.key()
            + " must be a duration such as 500ms, 30s, 5m, 2h or PT30S (a bare number is seconds), was '"
            + printable(t)
            + "'",
        cause);
  }

  /** Formats a value as it is written in URLs and docs: durations as {@code 30s}, {@code 500ms}. */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Duration) {
      Duration d = (Duration) value;
      if (d.isZero()) {
        return "0";
      }
      if (d.getSeconds() > Long.MAX_VALUE / 1_000_000_000L - 1) {
        return d.toString();
      }
      long nanos = d.toNanos();
      String[] units = {"d", "h", "m", "s", "ms", "us"};
      for (String u : units) {
        long per = nanosPer(u);
        if (nanos % per == 0) {
          return nanos / per + u;
        }
      }
      return nanos + "ns";
    }
    return value.toString();
  }
}
