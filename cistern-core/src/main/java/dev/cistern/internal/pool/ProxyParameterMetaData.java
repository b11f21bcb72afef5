package dev.cistern.internal.pool;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * The parameter metadata of a prepared statement handed to a borrower: checked and classified like
 * every other JDBC object Cistern hands out (see {@link ProxyResultSetMetaData}).
 */
final class ProxyParameterMetaData implements ParameterMetaData {
  private final ParameterMetaData raw;
  private final ProxyConnection connection;

  ProxyParameterMetaData(ParameterMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Wraps {@code raw}, or returns null for null. */
  static ParameterMetaData wrap(ParameterMetaData raw, ProxyConnection connection) {
    return raw == null ? null : new ProxyParameterMetaData(raw, connection);
  }

  @Override
  public int getParameterCount() throws SQLException {
    connection.checkOpen();
    try {
      return raw.getParameterCount();
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int isNullable(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isNullable(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.isSigned(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getPrecision(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getScale(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getScale(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getParameterType(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getParameterTypeName(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getParameterClassName(param);
    } catch (SQLException e) {
      throw connection.checkException(e);
    }
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    connection.checkOpen();
    try {
      return raw.getParameterMode(param);
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
