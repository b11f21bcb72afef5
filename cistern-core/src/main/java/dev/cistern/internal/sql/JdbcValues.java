package dev.cistern.internal.sql;

import java.lang.reflect.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Turns values as JDBC drivers return them into plain Java values that outlive the result set (see
 * {@link dev.cistern.Row} for the mapping).
 *
 * <ul>
 *   <li>{@code java.sql.Timestamp}, {@code Date}, {@code Time}: {@code LocalDateTime}, {@code
 *       LocalDate}, {@code LocalTime} (as the driver built them, in the JVM's default zone).
 *   <li>{@code java.sql.Array}: an {@code Object[]} of normalized elements; {@code Struct}: an
 *       {@code Object[]} of its attributes.
 *   <li>{@code Clob}/{@code NClob}, {@code SQLXML}: {@code String}; {@code Blob}: {@code byte[]}.
 *       Each is freed after reading.
 *   <li>Any other object whose class is not a {@code java.*} or {@code javax.*} type (PostgreSQL's
 *       {@code PGobject} for {@code json}, {@code interval}, ...; H2's {@code Interval}): its
 *       {@code toString()}.
 *   <li>Everything else ({@code String}, numbers, {@code Boolean}, {@code UUID}, {@code byte[]},
 *       {@code java.time} values, ...) stays as it is.
 * </ul>
 */
final class JdbcValues {
  private JdbcValues() {}

  /** Returns the plain Java form of a value read with {@code ResultSet.getObject}. */
  static Object normalize(Object v) throws SQLException {
    if (v == null
        || v instanceof String
        || v instanceof Number
        || v instanceof Boolean
        || v instanceof byte[]) {
      return v;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Time t) {
      return t.toLocalTime();
    }
    if (v instanceof java.sql.Array a) {
      return readArray(a);
    }
    if (v instanceof Clob c) {
      return readClob(c);
    }
    if (v instanceof Blob b) {
      return readBlob(b);
    }
    if (v instanceof SQLXML x) {
      try {
        return x.getString();
      } finally {
        free(x::free);
      }
    }
    if (v instanceof Struct s) {
      return normalizeElements(s.getAttributes());
    }
    if (v.getClass().isArray() || isJavaType(v.getClass())) {
      return v;
    }
    return v.toString();
  }

  private static boolean isJavaType(Class<?> c) {
    String name = c.getName();
    return name.startsWith("java.") || name.startsWith("javax.");
  }

  private static Object readArray(java.sql.Array a) throws SQLException {
    try {
      Object raw = a.getArray();
      if (raw == null) {
        return null;
      }
      if (raw instanceof Object[] elements) {
        return normalizeElements(elements);
      }
      if (raw.getClass().isArray()) {
        Object[] boxed = new Object[Array.getLength(raw)];
        for (int i = 0; i < boxed.length; i++) {
          boxed[i] = Array.get(raw, i);
        }
        return boxed;
      }
      return raw;
    } finally {
      free(a::free);
    }
  }

  private static Object[] normalizeElements(Object[] elements) throws SQLException {
    Object[] out = new Object[elements.length];
    for (int i = 0; i < elements.length; i++) {
      out[i] = normalize(elements[i]);
    }
    return out;
  }

  private static String readClob(Clob c) throws SQLException {
    try {
      long length = c.length();
      return length == 0 ? "" : c.getSubString(1, toInt(length, "CLOB"));
    } finally {
      free(c::free);
    }
  }

  private static byte[] readBlob(Blob b) throws SQLException {
    try {
      long length = b.length();
      return length == 0 ? new byte[0] : b.getBytes(1, toInt(length, "BLOB"));
    } finally {
      free(b::free);
    }
  }

  private static int toInt(long length, String what) throws SQLException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new SQLException(
          "this " + what + " has " + length + " characters/bytes, too many to read into memory");
    }
    return (int) length;
  }

  /** Something to free, like {@code Blob::free}. */
  private interface Freeing {
    void free() throws SQLException;
  }

  private static void free(Freeing f) throws SQLException {
    try {
      f.free();
    } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
      // the driver does not manage these objects: nothing to free
    }
  }
}
