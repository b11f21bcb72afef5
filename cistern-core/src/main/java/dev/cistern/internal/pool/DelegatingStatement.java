package dev.cistern.internal.pool;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The base of {@link ProxyStatement}: the state shared by the statement proxies and the methods
 * that only read or change the statement's settings.
 *
 * <p>A statement is used by the thread that borrowed its connection; only {@link #closed} is read
 * across threads (the connection may be closed from another thread).
 */
abstract class DelegatingStatement implements Statement {
  final Statement raw;
  final ProxyConnection connection;
  final ConnectionState state;
  volatile boolean closed;

  DelegatingStatement(Statement raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
    this.state = connection.state();
  }

  /** Throws if this statement was closed or its connection invalidated. */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("statement is closed", "HY010");
    }
    connection.checkNotInvalidated();
  }

  /** Checks the statement is open and notes that a transaction may now be open. */
  final void beforeExecute() throws SQLException {
    checkOpen();
    state.markTransactionDirty();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxFieldSize();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    try {
      raw.setMaxFieldSize(max);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxRows();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    checkOpen();
    try {
      raw.setMaxRows(max);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
    try {
      raw.setEscapeProcessing(enable);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    try {
      return raw.getQueryTimeout();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    try {
      raw.setQueryTimeout(seconds);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void cancel() throws SQLException {
    checkOpen();
    try {
      raw.cancel();
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
  public void setCursorName(String name) throws SQLException {
    checkOpen();
    try {
      raw.setCursorName(name);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    try {
      return raw.getUpdateCount();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    checkOpen();
    try {
      return raw.getMoreResults();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    try {
      raw.setFetchDirection(direction);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    try {
      return raw.getFetchDirection();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    try {
      raw.setFetchSize(rows);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    try {
      return raw.getFetchSize();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    try {
      return raw.getResultSetConcurrency();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    try {
      return raw.getResultSetType();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    try {
      raw.addBatch(sql);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    try {
      raw.clearBatch();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    try {
      return raw.getMoreResults(current);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    try {
      return raw.getResultSetHoldability();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    try {
      raw.setPoolable(poolable);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    try {
      return raw.isPoolable();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    try {
      raw.closeOnCompletion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    try {
      return raw.isCloseOnCompletion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    try {
      return raw.getLargeUpdateCount();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    try {
      raw.setLargeMaxRows(max);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkOpen();
    try {
      return raw.getLargeMaxRows();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    checkOpen();
    try {
      return raw.enquoteLiteral(val);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    checkOpen();
    try {
      return raw.enquoteIdentifier(identifier, alwaysQuote);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    checkOpen();
    try {
      return raw.isSimpleIdentifier(identifier);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    checkOpen();
    try {
      return raw.enquoteNCharLiteral(val);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
