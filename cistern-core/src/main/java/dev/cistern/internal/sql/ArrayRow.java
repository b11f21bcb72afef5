package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Row} implementation: values in an array, labels in a {@link ColumnIndex} shared by all
 * rows of a result.
 *
 * <p>Immutable as long as the values are (the cursors only put immutable values and private array
 * copies in). Equal to another {@code ArrayRow} with the same labels and (deeply) equal values.
 */
public final class ArrayRow implements Row {
  private static final int MAX_BYTES_SHOWN = 16;

  private final ColumnIndex columns;
  private final Object[] values;

  /**
   * Creates a row; the array is not copied and must not change afterwards.
   *
   * @param columns the labels
   * @param values one value per label, nulls for SQL NULL
   * @throws IllegalArgumentException if the counts differ
   */
  public ArrayRow(ColumnIndex columns, Object[] values) {
    if (columns.size() != values.length) {
      throw new IllegalArgumentException(
          columns.size() + " column labels but " + values.length + " values");
    }
    this.columns = columns;
    this.values = values;
  }

  /**
   * Creates a row from labels and values (copied); handy for tests and buffered results.
   *
   * @param keys the column labels
   * @param values one value per label
   */
  public static ArrayRow of(List<String> keys, Object... values) {
    return new ArrayRow(new ColumnIndex(keys), values.clone());
  }

  /** Returns the shared column index. */
  public ColumnIndex columns() {
    return columns;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public List<String> keys() {
    return columns.labels();
  }

  @Override
  public Object get(int index) {
    return values[columns.checkIndex(index)];
  }

  @Override
  public Object get(String name) {
    return values[columns.indexOf(name)];
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    Object v = get(index);
    if (v == null || type.isInstance(v)) {
      return type.cast(v); // as Conversions.convert would, without building the column's name
    }
    return Conversions.convert(v, type, columns.describe(index));
  }

  @Override
  public <T> T get(String name, Class<T> type) {
    Object v = values[columns.indexOf(name)];
    if (v == null || type.isInstance(v)) {
      return type.cast(v);
    }
    return Conversions.convert(v, type, "'" + name + "'");
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    List<String> keys = columns.labels();
    for (int i = 0; i < values.length; i++) {
      if (!map.containsKey(keys.get(i))) {
        map.put(keys.get(i), values[i]);
      }
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayRow other
        && columns.equals(other.columns)
        && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * columns.hashCode() + Arrays.deepHashCode(values);
  }

  /** Returns {@code Row{id=1, name=ann}}; byte arrays in hex, arrays with their elements. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Row{");
    List<String> keys = columns.labels();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(keys.get(i)).append('=');
      appendValue(sb, values[i]);
    }
    return sb.append('}').toString();
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof byte[] b) {
      int n = Math.min(b.length, MAX_BYTES_SHOWN);
      sb.append("0x").append(HexFormat.of().formatHex(b, 0, n));
      if (b.length > n) {
        sb.append("...(").append(b.length).append(" bytes)");
      }
    } else if (v instanceof Object[] a) {
      sb.append(Arrays.deepToString(a));
    } else {
      sb.append(v);
    }
  }
}
