package dev.cistern.testkit.stub;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The settings of a {@link StubStatement}: limits, timeouts, fetch hints and result set type. */
abstract class StubStatementSettings implements Statement {

  final int resultSetType;
  final int concurrency;
  final int holdability;
  long maxRows;
  int queryTimeout;
  private int maxFieldSize;
  private int fetchSize;
  private int fetchDirection = ResultSet.FETCH_FORWARD;
  private boolean poolable;
  private boolean closeOnCompletion;

  StubStatementSettings(int resultSetType, int concurrency, int holdability) {
    this.resultSetType = resultSetType;
    this.concurrency = concurrency;
    this.holdability = holdability;
  }

  /** Throws if the statement or its connection is closed. */
  abstract void checkOpen() throws SQLException;

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return maxFieldSize;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    maxFieldSize = requireNonNegative(max, "max field size");
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    return (int) maxRows;
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    if (max < 0) {
      throw new SQLException("negative max rows: " + max, StubSupport.INVALID_PARAMETER);
    }
    maxRows = max;
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeout;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    queryTimeout = requireNonNegative(seconds, "query timeout");
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    fetchSize = requireNonNegative(rows, "fetch size");
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return fetchDirection;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    fetchDirection = direction;
  }

  private static int requireNonNegative(int value, String what) throws SQLException {
    if (value < 0) {
      throw new SQLException("negative " + what + ": " + value, StubSupport.INVALID_PARAMETER);
    }
    return value;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return resultSetType;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return concurrency;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return holdability;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    this.poolable = poolable;
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return poolable;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
  }
}
