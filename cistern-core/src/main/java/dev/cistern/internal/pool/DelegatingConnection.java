package dev.cistern.internal.pool;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;

/**
 * The base of {@link ProxyConnection}: the methods that forward to the physical connection as they
 * are (getters, savepoints, LOB factories, type map, request boundaries).
 */
abstract class DelegatingConnection implements Connection {
  final Connection raw;

  DelegatingConnection(Connection raw) {
    this.raw = raw;
  }

  /** Throws if the borrower closed the connection. */
  abstract void checkOpen() throws SQLException;

  /**
   * Looks at an exception of the driver before it reaches the borrower; returns the one to throw.
   */
  abstract SQLException checkException(SQLException e);

  private SQLException fail(SQLException e) {
    return checkException(e);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    try {
      return raw.nativeSQL(sql);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    try {
      return raw.getAutoCommit();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    try {
      return raw.isReadOnly();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    try {
      return raw.getCatalog();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    try {
      return raw.getTransactionIsolation();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    try {
      return raw.getWarnings();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    try {
      raw.clearWarnings();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    try {
      return raw.getTypeMap();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      raw.setTypeMap(map);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    try {
      return raw.getHoldability();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      raw.rollback(savepoint);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      raw.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Clob createClob() throws SQLException {
    checkOpen();
    try {
      return raw.createClob();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    checkOpen();
    try {
      return raw.createBlob();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    checkOpen();
    try {
      return raw.createNClob();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    checkOpen();
    try {
      return raw.createSQLXML();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    try {
      return raw.getClientInfo(name);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    try {
      return raw.getClientInfo();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    checkOpen();
    try {
      return raw.createArrayOf(typeName, elements);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    checkOpen();
    try {
      return raw.createStruct(typeName, attributes);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    try {
      return raw.getSchema();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    try {
      return raw.getNetworkTimeout();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void beginRequest() throws SQLException {
    checkOpen();
    try {
      raw.beginRequest();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void endRequest() throws SQLException {
    checkOpen();
    try {
      raw.endRequest();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(
      ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
    checkOpen();
    try {
      return raw.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    checkOpen();
    try {
      return raw.setShardingKeyIfValid(shardingKey, timeout);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey)
      throws SQLException {
    checkOpen();
    try {
      raw.setShardingKey(shardingKey, superShardingKey);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    checkOpen();
    try {
      raw.setShardingKey(shardingKey);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
