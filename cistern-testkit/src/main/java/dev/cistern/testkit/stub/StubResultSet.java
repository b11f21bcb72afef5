package dev.cistern.testkit.stub;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;

/**
 * The result of a stub query: {@code rows} rows of one INTEGER column labelled {@code "1"}, whose
 * value is the row number (so the default single row holds 1). Numeric and string getters work, by
 * index or by label; scrolling works unless the result set is {@link #TYPE_FORWARD_ONLY}. Updates,
 * cursor names and getters of other types (dates, streams, LOBs, arrays) are not supported: those
 * methods, written at build time in {@code GeneratedStubResultSet}, throw {@link
 * java.sql.SQLFeatureNotSupportedException}.
 */
@Unsupported
public abstract class StubResultSet implements ResultSet {

  /** The label of the only column. */
  public static final String COLUMN_LABEL = "1";

  private final StubStatement statement;
  private final int rows;
  private final int type;
  private final int concurrency;
  private int row;
  private boolean closed;
  private int fetchSize;
  private int fetchDirection = FETCH_FORWARD;

  StubResultSet(StubStatement statement, int rows, int type, int concurrency) {
    this.statement = statement;
    this.rows = rows;
    this.type = type;
    this.concurrency = concurrency;
  }

  /** A new result set of {@code rows} rows; {@code statement} is null for metadata results. */
  static StubResultSet create(StubStatement statement, int rows, int type, int concurrency) {
    return new GeneratedStubResultSet(statement, rows, type, concurrency);
  }

  /**
   * The number of rows of this result set.
   *
   * @return the number of rows
   */
  public int rowCount() {
    return rows;
  }

  private void checkOpen() throws SQLException {
    if (isClosed()) {
      throw new SQLException("result set is closed", StubSupport.SEQUENCE_ERROR);
    }
  }

  private void checkScrollable() throws SQLException {
    checkOpen();
    if (type == TYPE_FORWARD_ONLY) {
      throw new SQLException("result set is TYPE_FORWARD_ONLY", StubSupport.INVALID_CURSOR);
    }
  }

  private int value(int columnIndex) throws SQLException {
    checkOpen();
    if (columnIndex != 1) {
      throw new SQLException(
          "column index " + columnIndex + " out of range, the result set has 1 column", "07009");
    }
    if (row < 1 || row > rows) {
      throw new SQLException("no current row", StubSupport.INVALID_CURSOR);
    }
    return row;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (statement != null) {
      statement.resultSetClosed(this);
    }
  }

  /** Marks this result set closed because its statement closed or executed again. */
  void closedByStatement() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed || (statement != null && statement.connection.closed());
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return StubResultSetMetaData.INSTANCE;
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    if (COLUMN_LABEL.equals(columnLabel)) {
      return 1;
    }
    throw new SQLException("no column labelled '" + columnLabel + "'", "42S22");
  }

  // ---- navigation ----

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (row <= rows) {
      row++;
    }
    return row <= rows;
  }

  @Override
  public boolean previous() throws SQLException {
    return relative(-1);
  }

  @Override
  public boolean first() throws SQLException {
    return absolute(1);
  }

  @Override
  public boolean last() throws SQLException {
    return absolute(-1);
  }

  @Override
  public void beforeFirst() throws SQLException {
    checkScrollable();
    row = 0;
  }

  @Override
  public void afterLast() throws SQLException {
    checkScrollable();
    row = rows + 1;
  }

  @Override
  public boolean absolute(int position) throws SQLException {
    checkScrollable();
    if (position >= 0) {
      row = Math.min(position, rows + 1);
    } else {
      row = Math.max(rows + 1 + position, 0);
    }
    return onRow();
  }

  @Override
  public boolean relative(int offset) throws SQLException {
    checkScrollable();
    row = (int) Math.max(0, Math.min((long) row + offset, rows + 1L));
    return onRow();
  }

  private boolean onRow() {
    return row >= 1 && row <= rows;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return row == 0 && rows > 0;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return row > rows && rows > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return row == 1 && rows > 0;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return row == rows && rows > 0;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return onRow() ? row : 0;
  }

  // ---- getters ----

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short) value(columnIndex);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte) value(columnIndex);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return value(columnIndex) != 0;
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return BigDecimal.valueOf(value(columnIndex));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    return getBigDecimal(columnIndex).setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return Integer.toString(value(columnIndex));
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return getString(columnIndex);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return getObject(columnIndex);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    int v = value(columnIndex);
    Object converted;
    if (type == Integer.class || type == Object.class || type == Number.class) {
      converted = v;
    } else if (type == Long.class) {
      converted = (long) v;
    } else if (type == Short.class) {
      converted = (short) v;
    } else if (type == Byte.class) {
      converted = (byte) v;
    } else if (type == Double.class) {
      converted = (double) v;
    } else if (type == Float.class) {
      converted = (float) v;
    } else if (type == BigDecimal.class) {
      converted = BigDecimal.valueOf(v);
    } else if (type == String.class) {
      converted = Integer.toString(v);
    } else if (type == Boolean.class) {
      converted = v != 0;
    } else {
      throw new SQLException(
          "cannot convert INTEGER to " + type.getName(), StubSupport.INVALID_PARAMETER);
    }
    return type.cast(converted);
  }

  // ---- getters by label: the index variant after findColumn ----

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String columnLabel, int n) throws SQLException {
    return getBigDecimal(findColumn(columnLabel), n);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return getNString(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(columnLabel), map);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  // ---- settings ----

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return type;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return concurrency;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return statement == null ? HOLD_CURSORS_OVER_COMMIT : statement.getResultSetHoldability();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    fetchDirection = direction;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return fetchDirection;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw new SQLException("negative fetch size: " + rows, StubSupport.INVALID_PARAMETER);
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return StubSupport.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface != null && iface.isInstance(this);
  }
}
