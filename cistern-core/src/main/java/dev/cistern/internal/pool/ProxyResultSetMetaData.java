package dev.cistern.internal.pool;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The column metadata of a result set or prepared statement handed to a borrower. Drivers may make
 * a round trip here (pgjdbc looks up type and table details), so a disconnect must be classified
 * like any other: every call checks the connection proxy is still the borrower's and passes a
 * driver error through its disconnect check.
 */
final class ProxyResultSetMetaData implements ResultSetMetaData {
  private final ResultSetMetaData raw;
  private final ProxyConnection connection;

  ProxyResultSetMetaData(ResultSetMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Wraps {@code raw}, or returns null for null. */
  static ResultSetMetaData wrap(ResultSetMetaData raw, ProxyConnection connection) {
    return raw == null ? null : new ProxyResultSetMetaData(raw, connection);
  }

  @Override
  public int getColumnCount() throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnCount();
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isAutoIncrement(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isCaseSensitive(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isSearchable(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isCurrency(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int isNullable(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isNullable(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isSigned(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnDisplaySize(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnLabel(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getSchemaName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getPrecision(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getScale(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getScale(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getTableName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getTableName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getCatalogName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnType(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnTypeName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isReadOnly(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isWritable(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isDefinitelyWritable(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getColumnClassName(column);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    connection.checkOpen();
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return raw.unwrap(iface);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    connection.checkOpen();
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return raw.isWrapperFor(iface);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }
}
