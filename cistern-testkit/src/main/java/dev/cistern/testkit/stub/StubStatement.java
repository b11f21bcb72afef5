package dev.cistern.testkit.stub;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
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
 * and throws SQLState 08006 on a broken connection.
 */
public class StubStatement extends StubStatementSettings {

  private static final String[] QUERY_KEYWORDS = {
    "select", "values", "with", "show", "explain", "table"
  };

  final StubConnection connection;
  final String sql;
  int slot;
  private boolean closed;
  private StubResultSet resultSet;
  private long updateCount = -1;
  int batchSize;

  StubStatement(StubConnection connection, int resultSetType, int concurrency, int holdability) {
    this(connection, null, resultSetType, concurrency, holdability);
  }

  StubStatement(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    super(resultSetType, concurrency, holdability);
    this.connection = connection;
    this.sql = sql;
  }

  @Override
  final void checkOpen() throws SQLException {
    connection.checkOpen();
    if (closed) {
      throw new SQLException("statement is closed", StubSupport.SEQUENCE_ERROR);
    }
  }

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
    resultSet = new StubResultSet(this, rows, resultSetType, concurrency);
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
    return new StubResultSet(this, 0, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
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

  @Override
  public void setCursorName(String name) throws SQLException {
    checkOpen();
    throw StubSupport.unsupported("setCursorName");
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
