package dev.cistern.testkit.stub;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** Describes the single INTEGER column, labelled {@code "1"}, of every {@link StubResultSet}. */
public final class StubResultSetMetaData implements ResultSetMetaData {

  /** The shared, immutable instance. */
  public static final StubResultSetMetaData INSTANCE = new StubResultSetMetaData();

  private StubResultSetMetaData() {}

  private static void check(int column) throws SQLException {
    if (column != 1) {
      throw new SQLException(
          "column index " + column + " out of range, the result set has 1 column", "07009");
    }
  }

  @Override
  public int getColumnCount() {
    return 1;
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    check(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    check(column);
    return false;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    check(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    check(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    check(column);
    return columnNoNulls;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    check(column);
    return true;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    check(column);
    return 11;
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    check(column);
    return StubResultSet.COLUMN_LABEL;
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    check(column);
    return StubResultSet.COLUMN_LABEL;
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    check(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    check(column);
    return 10;
  }

  @Override
  public int getScale(int column) throws SQLException {
    check(column);
    return 0;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    check(column);
    return "";
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    check(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    check(column);
    return Types.INTEGER;
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    check(column);
    return "INTEGER";
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    check(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    check(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    check(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    check(column);
    return Integer.class.getName();
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
