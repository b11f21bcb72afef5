package dev.cistern.internal.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.UUID;

/** Sets Java values on a prepared statement, adapting the few types drivers disagree on. */
final class Binder {
  private static final DateTimeFormatter SQLITE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private Binder() {}

  static void bindAll(PreparedStatement ps, List<Object> values, SqlSettings s)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      bind(ps, i + 1, values.get(i), s);
    }
  }

  static void bind(PreparedStatement ps, int index, Object v, SqlSettings s) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.NULL);
    } else if (v instanceof String str) {
      ps.setString(index, str);
    } else if (v instanceof Integer n) {
      ps.setInt(index, n);
    } else if (v instanceof Long n) {
      ps.setLong(index, n);
    } else if (v instanceof UUID u && !s.nativeUuid()) {
      ps.setString(index, u.toString());
    } else if (v instanceof Enum<?> e) {
      ps.setString(index, e.name());
    } else if (v instanceof Character c) {
      ps.setString(index, c.toString());
    } else if (v instanceof BigInteger b) {
      ps.setBigDecimal(index, new BigDecimal(b));
    } else if (v instanceof Instant instant) {
      if (s.timeAsText()) {
        ps.setString(index, instant.toString());
      } else {
        ps.setTimestamp(index, Timestamp.from(instant));
      }
    } else if (v instanceof ZonedDateTime z) {
      bind(ps, index, z.toOffsetDateTime(), s);
    } else if (s.timeAsText() && v instanceof TemporalAccessor t) {
      ps.setString(index, timeText(t));
    } else {
      ps.setObject(index, v);
    }
  }

  private static String timeText(TemporalAccessor t) {
    if (t instanceof LocalDateTime dt) {
      return SQLITE_TIME.format(dt);
    }
    if (t instanceof LocalDate || t instanceof LocalTime || t instanceof OffsetDateTime) {
      return t.toString();
    }
    return t.toString();
  }
}
