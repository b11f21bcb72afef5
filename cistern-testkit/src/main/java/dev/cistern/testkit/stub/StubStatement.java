package dev.cistern.testkit.stub;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

/**
 * A statement of a {@link StubConnection}. No SQL is parsed: {@code executeQuery} returns a {@link
 * StubResultSet} with {@link StubDatabase#getResultRows()} rows, {@code executeUpdate} returns 1,
 * and {@code execute} returns a result set when the SQL starts with SELECT, VALUES, WITH, SHOW,
 * EXPLAIN or TABLE (an update count of 1 otherwise).
 *
 * <p>Every execution counts in {@link StubConnection#statementsExecuted()}, sleeps for the
 * database's query delay (throwing {@link SQLTimeoutException} if that exceeds the query timeout)
 * and throws SQLState 08006 on a broken connection. Limits, timeouts and fetch hints are kept and
 * read back. Cursor names and the large-update variants taking key columns are not supported: the
 * methods written at build time in {@code GeneratedStubStatement} throw {@link
 * java.sql.SQLFeatureNotSupportedException}.
 */
@Unsupported
public abstract class StubStatement implements Statement {

  private static final String[] QUERY_KEYWORDS = {
    "select", "values", "with", "show", "explain", "table"
  };

  final StubConnection connection;
  final String sql;
  final int resultSetType;
  final int concurrency;
  final int holdability;
  int slot;
  int batchSize;
  private boolean closed;
  private StubResultSet resultSet;
  private long updateCount = -1;

  private long maxRows;
  private int queryTimeout;
  private int maxFieldSize;
  private int fetchSize;
  private int fetchDirection = ResultSet.FETCH_FORWARD;
  private boolean poolable;
  private boolean closeOnCompletion;

  StubStatement(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    this.connection = connection;
    this.sql = sql;
    this.resultSetType = resultSetType;
    this.concurrency = concurrency;
    this.holdability = holdability;
  }

  /** A new plain (not prepared) statement of {@code connection}. */
  static StubStatement create(
      StubConnection connection, int resultSetType, int concurrency, int holdability) {
    return new GeneratedStubStatement(connection, null, resultSetType, concurrency, holdability);
  }

  /** Throws if the statement or its connection is closed. */
  final void checkOpen() throws SQLException {
    connection.checkOpen();
    if (closed) {
      throw new SQLException("statement is closed", StubSupport.SEQUENCE_ERROR);
    }
  }

  // ---- execution ----

  private void beforeExecute() throws SQLException {
    checkOpen();
    connection.checkAlive();
    closeResultSet();
    updateCount = -1;
    Duration delay = connection.database().getQueryDelay();
    if (!delay.isZero()) {
      sleep(delay);
    }
    connection.executed();
  }

  private void sleep(Duration delay) throws SQLException {
    Sleeper sleeper = connection.database().getSleeper();
    try {
      Duration timeout = Duration.ofSeconds(queryTimeout);
      if (queryTimeout > 0 && delay.compareTo(timeout) > 0) {
        sleeper.sleep(timeout);
        throw new SQLTimeoutException(
            "query timed out after " + queryTimeout + "s", StubSupport.QUERY_CANCELED);
      }
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      throw StubSupport.interrupted("executing a query", StubSupport.QUERY_CANCELED);
    }
  }

  /** Runs a query and returns its result set. */
  final StubResultSet query() throws SQLException {
    beforeExecute();
    int rows = connection.database().getResultRows();
    if (maxRows > 0 && maxRows < rows) {
      rows = (int) maxRows;
    }
    resultSet = StubResultSet.create(this, rows, resultSetType, concurrency);
    return resultSet;
  }

  /** Runs an update and returns its count, 1. */
  final int update() throws SQLException {
    beforeExecute();
    updateCount = 1;
    return 1;
  }

  /** Runs {@code sql} as a query or an update, depending on its first keyword. */
  final boolean run(String sql) throws SQLException {
    rejectIfPrepared();
    if (sql == null) {
      checkOpen();
      throw new SQLException("sql is null", StubSupport.INVALID_PARAMETER);
    }
    if (isQuery(sql)) {
      query();
      return true;
    }
    update();
    return false;
  }

  private void rejectIfPrepared() throws SQLException {
    if (this.sql != null) {
      checkOpen();
      throw new SQLException(
          "methods taking SQL cannot be called on a prepared statement", "42000");
    }
  }

  static boolean isQuery(String sql) {
    int start = 0;
    while (start < sql.length()
        && (Character.isWhitespace(sql.charAt(start)) || sql.charAt(start) == '(')) {
      start++;
    }
    for (String keyword : QUERY_KEYWORDS) {
      if (sql.regionMatches(true, start, keyword, 0, keyword.length())) {
        return true;
      }
    }
    return false;
  }

  private void closeResultSet() {
    StubResultSet current = resultSet;
    if (current != null) {
      resultSet = null;
      current.closedByStatement();
    }
  }

  /** Called when the current result set is closed by the application. */
  final void resultSetClosed(StubResultSet closedResultSet) throws SQLException {
    if (resultSet == closedResultSet) {
      resultSet = null;
      if (isCloseOnCompletion()) {
        close();
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    closeResultSet();
    connection.unregister(this);
  }

  /** Marks this statement closed because its connection closed. */
  final void closedByConnection() {
    closed = true;
    closeResultSet();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || connection.closed();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    rejectIfPrepared();
    return query();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    rejectIfPrepared();
    return update();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return run(sql);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return run(sql);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return run(sql);
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return run(sql);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return executeUpdate(sql);
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    rejectIfPrepared();
    checkOpen();
    batchSize++;
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batchSize = 0;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    beforeExecute();
    int[] counts = new int[batchSize];
    Arrays.fill(counts, 1);
    batchSize = 0;
    return counts;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return Arrays.stream(executeBatch()).asLongStream().toArray();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    return resultSet;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    return (int) updateCount;
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return updateCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    closeResultSet();
    updateCount = -1;
    return false;
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    return StubResultSet.create(this, 0, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public void cancel() throws SQLException {
    checkOpen();
  }

  // ---- settings ----

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

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  // Quoting needs no server: these keep Statement's defaults, which the generated class would
  // otherwise replace with refusals.

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    return Statement.super.enquoteLiteral(val);
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    return Statement.super.enquoteIdentifier(identifier, alwaysQuote);
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    return Statement.super.isSimpleIdentifier(identifier);
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    return Statement.super.enquoteNCharLiteral(val);
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
