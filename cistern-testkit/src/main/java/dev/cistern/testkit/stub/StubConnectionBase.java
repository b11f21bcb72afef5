package dev.cistern.testkit.stub;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The session state of a {@link StubConnection} and the connection methods the stub does not
 * support (LOBs, arrays, structs, savepoints, type maps).
 */
abstract class StubConnectionBase implements Connection {

  private boolean readOnly;
  int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
  private String catalog;
  private String schema = "public";
  private int networkTimeout;
  private final Properties clientInfo = new Properties();

  StubConnectionBase(String catalog) {
    this.catalog = catalog;
  }

  /** Whether the connection is closed. */
  abstract boolean closed();

  /** Throws SQLState 08003 if the connection is closed. */
  abstract void checkOpen() throws SQLException;

  // ---- session state ----

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    this.catalog = catalog;
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return catalog;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    this.schema = schema;
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return schema;
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT
        && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      throw new SQLException("invalid holdability: " + holdability, StubSupport.INVALID_PARAMETER);
    }
    this.holdability = holdability;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return holdability;
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw new SQLException(
          "negative network timeout: " + milliseconds, StubSupport.INVALID_PARAMETER);
    }
    this.networkTimeout = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeout;
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed()) {
      throw new SQLClientInfoException(
          "connection is closed", StubSupport.CONNECTION_CLOSED, 0, Map.of(name, failed()));
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed()) {
      throw new SQLClientInfoException(
          "connection is closed", StubSupport.CONNECTION_CLOSED, 0, Map.of());
    }
    clientInfo.clear();
    clientInfo.putAll(properties);
  }

  private static ClientInfoStatus failed() {
    return ClientInfoStatus.REASON_UNKNOWN;
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return Map.of();
  }

  @Override
  public Array createArrayOf(String name, Object[] x) throws SQLException {
    throw StubSupport.unsupported("createArrayOf");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw StubSupport.unsupported("createBlob");
  }

  @Override
  public Clob createClob() throws SQLException {
    throw StubSupport.unsupported("createClob");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw StubSupport.unsupported("createNClob");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw StubSupport.unsupported("createSQLXML");
  }

  @Override
  public Struct createStruct(String name, Object[] x) throws SQLException {
    throw StubSupport.unsupported("createStruct");
  }

  @Override
  public void releaseSavepoint(Savepoint x) throws SQLException {
    throw StubSupport.unsupported("releaseSavepoint");
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    throw StubSupport.unsupported("setSavepoint");
  }

  @Override
  public Savepoint setSavepoint(String parameterName) throws SQLException {
    throw StubSupport.unsupported("setSavepoint");
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    throw StubSupport.unsupported("setTypeMap");
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
