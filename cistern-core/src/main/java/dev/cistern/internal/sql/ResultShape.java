package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * The columns of a result: their labels (a {@link ColumnIndex} every row shares) and how each one
 * is read into a Java value. Columns of type {@code TIMESTAMP WITH TIME ZONE} (JDBC {@code
 * TIMESTAMP_WITH_TIMEZONE}, PostgreSQL {@code timestamptz}) are read as {@link OffsetDateTime},
 * {@code TIME WITH TIME ZONE} as {@link OffsetTime}, the rest by {@link JdbcValues#normalize}.
 *
 * <p>A statement run again usually returns the same columns, so {@link #of(ResultSetMetaData,
 * ResultShape)} reuses the shape made last time when the driver reports the same labels and types
 * (it still asks the driver every time: a table may have changed). Immutable and thread-safe.
 */
public final class ResultShape {
  private static final int OBJECT = 0;
  private static final int OFFSET_DATE_TIME = 1;
  private static final int OFFSET_TIME = 2;

  private final ColumnIndex columns;
  private final String[] labels;
  private final int[] types;
  private final String[] typeNames;
  private final int[] reads;

  private ResultShape(String[] labels, int[] types, String[] typeNames) {
    this.labels = labels;
    this.types = types;
    this.typeNames = typeNames;
    this.columns = new ColumnIndex(Arrays.asList(labels));
    this.reads = new int[labels.length];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = readFor(types[i], typeNames[i]);
    }
  }

  /**
   * Returns the shape of the result {@code md} describes: {@code last} if it has the same labels
   * and types, else a new one.
   *
   * @param md the result set's metadata
   * @param last the shape this statement's previous result had, or null
   */
  public static ResultShape of(ResultSetMetaData md, ResultShape last) throws SQLException {
    int n = md.getColumnCount();
    if (last != null && last.matches(md, n)) {
      return last;
    }
    String[] labels = new String[n];
    int[] types = new int[n];
    String[] typeNames = new String[n];
    for (int i = 1; i <= n; i++) {
      labels[i - 1] = label(md, i);
      types[i - 1] = md.getColumnType(i);
      typeNames[i - 1] = md.getColumnTypeName(i);
    }
    return new ResultShape(labels, types, typeNames);
  }

  /** The column's label, else its name, else the empty string (as {@link ColumnIndex} keeps it). */
  private static String label(ResultSetMetaData md, int i) throws SQLException {
    String label = md.getColumnLabel(i);
    if (label == null || label.isEmpty()) {
      label = md.getColumnName(i);
    }
    return label == null ? "" : label;
  }

  private boolean matches(ResultSetMetaData md, int n) throws SQLException {
    if (n != labels.length) {
      return false;
    }
    for (int i = 1; i <= n; i++) {
      if (md.getColumnType(i) != types[i - 1]
          || !labels[i - 1].equals(label(md, i))
          || !Objects.equals(md.getColumnTypeName(i), typeNames[i - 1])) {
        return false;
      }
    }
    return true;
  }

  private static int readFor(int type, String typeName) {
    if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(typeName)) {
      return OFFSET_DATE_TIME;
    }
    if (type == Types.TIME_WITH_TIMEZONE || "timetz".equalsIgnoreCase(typeName)) {
      return OFFSET_TIME;
    }
    return OBJECT;
  }

  /** Returns the column labels, shared by every row read with this shape. */
  public ColumnIndex columns() {
    return columns;
  }

  /** Reads the row {@code rs} is on into an immutable {@link Row}. */
  public Row read(ResultSet rs) throws SQLException {
    Object[] values = new Object[reads.length];
    for (int i = 0; i < reads.length; i++) {
      values[i] = read(rs, i + 1, reads[i]);
    }
    return new ArrayRow(columns, values);
  }

  private static Object read(ResultSet rs, int column, int how) throws SQLException {
    switch (how) {
      case OFFSET_DATE_TIME:
        return rs.getObject(column, OffsetDateTime.class);
      case OFFSET_TIME:
        return rs.getObject(column, OffsetTime.class);
      default:
        return JdbcValues.normalize(rs.getObject(column));
    }
  }

  @Override
  public String toString() {
    return "ResultShape" + columns.labels();
  }
}
