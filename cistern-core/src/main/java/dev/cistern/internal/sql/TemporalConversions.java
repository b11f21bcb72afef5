package dev.cistern.internal.sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * The date and time part of {@link Conversions}.
 *
 * <p>Targets: {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime}, {@link OffsetDateTime},
 * {@link ZonedDateTime} and {@link Instant}. Rules:
 *
 * <ul>
 *   <li>A value without offset ({@code LocalDateTime}, {@code LocalDate}) is taken as <b>UTC</b>
 *       when an instant is needed, never as the JVM's default zone; and a value with offset becomes
 *       a local one by moving it to UTC first. So {@code OffsetDateTime 2024-01-02T01:00+02:00} is
 *       {@code LocalDateTime 2024-01-01T23:00}, and {@code LocalDateTime} round-trips through
 *       {@code Instant}.
 *   <li>{@code LocalDate} from a date-time takes its date part (the time is dropped); a {@code
 *       LocalDate} as a date-time is its start of day.
 *   <li>{@code LocalTime} from a date-time takes its time part.
 *   <li>Text (SQLite keeps dates as text) is parsed: {@code 2024-01-02}, {@code 2024-01-02
 *       03:04:05[.fff]}, {@code 2024-01-02T03:04:05[.fff]}, each optionally followed by an offset
 *       ({@code Z}, {@code +02}, {@code +02:00}); and {@code 03:04:05[.fff]} for a time.
 *   <li>An integral number is milliseconds since 1970-01-01T00:00Z (how the SQLite driver stores
 *       dates by default).
 * </ul>
 */
final class TemporalConversions {
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .parseLenient()
          .appendOffset("+HH:MM:ss", "Z")
          .toFormatter();

  private TemporalConversions() {}

  /** Converts {@code value} to {@code target}, or returns null if this is no date/time pair. */
  static Object convert(Object value, Class<?> target, String column) {
    if (!isTemporalTarget(target)) {
      return null;
    }
    Object v = canonical(value, target, column);
    if (v == null) {
      return null;
    }
    if (target == LocalDate.class) {
      return toLocalDate(v);
    }
    if (target == LocalTime.class) {
      return toLocalTime(v);
    }
    OffsetDateTime odt = toOffsetDateTime(v);
    if (odt == null) {
      return null;
    }
    if (target == OffsetDateTime.class) {
      return odt;
    }
    if (target == Instant.class) {
      return odt.toInstant();
    }
    if (target == ZonedDateTime.class) {
      return odt.toZonedDateTime();
    }
    return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  private static boolean isTemporalTarget(Class<?> t) {
    return t == LocalDate.class
        || t == LocalTime.class
        || t == LocalDateTime.class
        || t == OffsetDateTime.class
        || t == ZonedDateTime.class
        || t == Instant.class;
  }

  /**
   * Brings the value to one of LocalDate, LocalTime, LocalDateTime, OffsetDateTime, OffsetTime; or
   * null if it is not a date or time at all.
   */
  private static Object canonical(Object value, Class<?> target, String column) {
    if (value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof LocalDateTime
        || value instanceof OffsetDateTime
        || value instanceof OffsetTime) {
      return value;
    }
    if (value instanceof ZonedDateTime z) {
      return z.toOffsetDateTime();
    }
    if (value instanceof Instant i) {
      return i.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (value instanceof String s) {
      return parse(s.trim(), target, column);
    }
    if (value instanceof Number n) {
      return fromEpochMillis(n, target, column);
    }
    return null;
  }

  private static Object parse(String s, Class<?> target, String column) {
    try {
      if (s.length() == 10 && s.charAt(4) == '-') {
        return LocalDate.parse(s);
      }
      if (s.length() > 10 && s.charAt(4) == '-' && (s.charAt(10) == ' ' || s.charAt(10) == 't')) {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      if (s.length() > 10 && s.charAt(4) == '-') {
        return DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      }
      if (s.length() >= 5 && s.charAt(2) == ':') {
        return LocalTime.parse(s);
      }
    } catch (DateTimeParseException e) {
      throw Conversions.unsupported(s, target, column, "the text is not a date or time we read");
    }
    throw Conversions.unsupported(
        s,
        target,
        column,
        "the text is not a date or time we read (yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.fff][offset],"
            + " HH:mm:ss)");
  }

  private static Object fromEpochMillis(Number n, Class<?> target, String column) {
    long millis;
    try {
      millis =
          n instanceof BigDecimal bd
              ? bd.longValueExact()
              : new BigDecimal(n.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw Conversions.unsupported(
          n, target, column, "only whole numbers (epoch milliseconds) convert to dates");
    }
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
  }

  private static LocalDate toLocalDate(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof LocalDateTime dt) {
      return dt.toLocalDate();
    }
    if (v instanceof OffsetDateTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
    return null;
  }

  private static LocalTime toLocalTime(Object v) {
    if (v instanceof LocalTime t) {
      return t;
    }
    if (v instanceof LocalDateTime dt) {
      return dt.toLocalTime();
    }
    if (v instanceof OffsetDateTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    }
    if (v instanceof OffsetTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    }
    return null;
  }

  private static OffsetDateTime toOffsetDateTime(Object v) {
    if (v instanceof OffsetDateTime o) {
      return o;
    }
    if (v instanceof LocalDateTime dt) {
      return dt.atOffset(ZoneOffset.UTC);
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
    return null;
  }
}
