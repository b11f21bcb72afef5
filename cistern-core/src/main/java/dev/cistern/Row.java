package dev.cistern;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of a {@link Result}: its values read when the row was fetched, by 0-based index or by
 * column label.
 *
 * <p>Values are plain Java objects, independent of the JDBC result set they came from: SQL {@code
 * TIMESTAMP} is a {@link LocalDateTime}, {@code DATE} a {@link LocalDate}, {@code TIME} a {@link
 * java.time.LocalTime}, {@code TIMESTAMP WITH TIME ZONE} an {@link OffsetDateTime}, an SQL array an
 * {@code Object[]}, a {@code CLOB} a {@link String}, a {@code BLOB} a {@code byte[]}, and other
 * driver-specific objects (PostgreSQL {@code json}, {@code interval}, ...) their text. Numbers,
 * strings, booleans, {@link UUID}s and byte arrays are as the driver returned them.
 *
 * <p>Lookup by name matches a label exactly first, then case-insensitively. When several columns
 * have the same label, the first one wins for by-name access (use the index for the others). An
 * unknown name throws {@link IllegalArgumentException} listing the labels.
 *
 * <p>{@link #get(int, Class)} converts between compatible types (numbers, date/time types, strings,
 * UUIDs, arrays), throwing {@link CisternException} for a conversion that would lose information or
 * is not supported. The typed getters ({@link #getString(String)}, {@link #getInt(String)}, ...)
 * are shorthands for it; those returning a primitive throw {@link CisternException} for SQL NULL.
 *
 * <p>Rows are immutable and thread-safe. Two rows are equal when they have the same labels and
 * values. Not for implementing outside Cistern.
 */
public interface Row {
  /**
   * Returns the number of columns.
   *
   * @return the number of columns
   */
  int size();

  /**
   * Returns the column labels, in order.
   *
   * @return the column labels
   */
  List<String> keys();

  /**
   * Returns the value of column {@code index} (0-based), possibly null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  Object get(int index);

  /**
   * Returns the value of the column labelled {@code name}, possibly null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  Object get(String name);

  /**
   * Returns column {@code index} converted to {@code type}, or null for SQL NULL.
   *
   * @param <T> the type to convert to
   * @param index the column's position, from 0
   * @param type the class to convert the value to
   * @return the converted value, or null
   */
  <T> T get(int index, Class<T> type);

  /**
   * Returns column {@code name} converted to {@code type}, or null for SQL NULL.
   *
   * @param <T> the type to convert to
   * @param name the column's label
   * @param type the class to convert the value to
   * @return the converted value, or null
   */
  <T> T get(String name, Class<T> type);

  /**
   * Returns the row as an unmodifiable ordered map from column label to value (for duplicate
   * labels, the first column's value).
   *
   * @return the row as a map
   */
  Map<String, Object> asMap();

  /**
   * Returns whether column {@code index} is SQL NULL.
   *
   * @param index the column's position, from 0
   * @return true if the value is SQL NULL
   */
  default boolean isNull(int index) {
    return get(index) == null;
  }

  /**
   * Returns whether column {@code name} is SQL NULL.
   *
   * @param name the column's label
   * @return true if the value is SQL NULL
   */
  default boolean isNull(String name) {
    return get(name) == null;
  }

  /**
   * Returns column {@code index} as text (any value but a byte array), or null.
   *
   * @param index the column's position, from 0
   * @return the value as text, or null
   */
  default String getString(int index) {
    return get(index, String.class);
  }

  /**
   * Returns column {@code name} as text (any value but a byte array), or null.
   *
   * @param name the column's label
   * @return the value as text, or null
   */
  default String getString(String name) {
    return get(name, String.class);
  }

  /**
   * Returns column {@code index} as an {@code int}.
   *
   * @param index the column's position, from 0
   * @return the value
   * @throws CisternException if the value is NULL or does not fit an int exactly
   */
  default int getInt(int index) {
    return notNull(get(index, Integer.class), null, index, "Integer");
  }

  /**
   * Returns column {@code name} as an {@code int}.
   *
   * @param name the column's label
   * @return the value
   * @throws CisternException if the value is NULL or does not fit an int exactly
   */
  default int getInt(String name) {
    return notNull(get(name, Integer.class), name, -1, "Integer");
  }

  /**
   * Returns column {@code index} as a {@code long}.
   *
   * @param index the column's position, from 0
   * @return the value
   * @throws CisternException if the value is NULL or does not fit a long exactly
   */
  default long getLong(int index) {
    return notNull(get(index, Long.class), null, index, "Long");
  }

  /**
   * Returns column {@code name} as a {@code long}.
   *
   * @param name the column's label
   * @return the value
   * @throws CisternException if the value is NULL or does not fit a long exactly
   */
  default long getLong(String name) {
    return notNull(get(name, Long.class), name, -1, "Long");
  }

  /**
   * Returns column {@code index} as a {@code boolean} (also from 0/1 and "true"/"false").
   *
   * @param index the column's position, from 0
   * @return the value
   * @throws CisternException if the value is NULL or not a boolean
   */
  default boolean getBoolean(int index) {
    return notNull(get(index, Boolean.class), null, index, "Boolean");
  }

  /**
   * Returns column {@code name} as a {@code boolean} (also from 0/1 and "true"/"false").
   *
   * @param name the column's label
   * @return the value
   * @throws CisternException if the value is NULL or not a boolean
   */
  default boolean getBoolean(String name) {
    return notNull(get(name, Boolean.class), name, -1, "Boolean");
  }

  /**
   * Returns column {@code index} as a {@link BigDecimal}, or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default BigDecimal getBigDecimal(int index) {
    return get(index, BigDecimal.class);
  }

  /**
   * Returns column {@code name} as a {@link BigDecimal}, or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default BigDecimal getBigDecimal(String name) {
    return get(name, BigDecimal.class);
  }

  /**
   * Returns column {@code index} as a {@link LocalDate}, or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default LocalDate getLocalDate(int index) {
    return get(index, LocalDate.class);
  }

  /**
   * Returns column {@code name} as a {@link LocalDate}, or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default LocalDate getLocalDate(String name) {
    return get(name, LocalDate.class);
  }

  /**
   * Returns column {@code index} as a {@link LocalDateTime}, or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default LocalDateTime getLocalDateTime(int index) {
    return get(index, LocalDateTime.class);
  }

  /**
   * Returns column {@code name} as a {@link LocalDateTime}, or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default LocalDateTime getLocalDateTime(String name) {
    return get(name, LocalDateTime.class);
  }

  /**
   * Returns column {@code index} as an {@link OffsetDateTime}, or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default OffsetDateTime getOffsetDateTime(int index) {
    return get(index, OffsetDateTime.class);
  }

  /**
   * Returns column {@code name} as an {@link OffsetDateTime}, or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default OffsetDateTime getOffsetDateTime(String name) {
    return get(name, OffsetDateTime.class);
  }

  /**
   * Returns column {@code index} as an {@link Instant}, or null (a value without offset is taken as
   * UTC).
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default Instant getInstant(int index) {
    return get(index, Instant.class);
  }

  /**
   * Returns column {@code name} as an {@link Instant}, or null (a value without offset is taken as
   * UTC).
   *
   * @param name the column's label
   * @return the value, or null
   */
  default Instant getInstant(String name) {
    return get(name, Instant.class);
  }

  /**
   * Returns column {@code index} as a {@link UUID} (also from text or 16 bytes), or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default UUID getUuid(int index) {
    return get(index, UUID.class);
  }

  /**
   * Returns column {@code name} as a {@link UUID} (also from text or 16 bytes), or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default UUID getUuid(String name) {
    return get(name, UUID.class);
  }

  /**
   * Returns column {@code index} as a byte array, or null.
   *
   * @param index the column's position, from 0
   * @return the value, or null
   */
  default byte[] getBytes(int index) {
    return get(index, byte[].class);
  }

  /**
   * Returns column {@code name} as a byte array, or null.
   *
   * @param name the column's label
   * @return the value, or null
   */
  default byte[] getBytes(String name) {
    return get(name, byte[].class);
  }

  /**
   * Returns {@code value}, or throws naming the column: by {@code index} if it is not negative
   * (then {@code name} is unused and may be null, so that no text is built on the way), else by
   * {@code name}.
   */
  private <T> T notNull(T value, String name, int index, String boxed) {
    if (value != null) {
      return value;
    }
    String column;
    String how;
    if (index >= 0) {
      String label = keys().get(index);
      column = "column " + index + (label.isEmpty() ? "" : " ('" + label + "')");
      how = "get(" + index + ", " + boxed + ".class)";
    } else {
      column = "column '" + name + "'";
      how = "get(\"" + name + "\", " + boxed + ".class)";
    }
    throw new CisternException(column + " is NULL; use " + how + " to accept NULL");
  }
}
