package dev.cistern.testkit.stub;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A physical connection to a {@link StubDatabase}.
 *
 * <p>It keeps the session state a pool resets (auto-commit, read-only, isolation, catalog, schema,
 * network timeout, client info, holdability) and counts commits, rollbacks and statement
 * executions. Like real connections it is meant to be used by one thread at a time; only {@link
 * #close()}, {@link #abort(Executor)}, {@link #isClosed()} and {@link #markBroken()} may race with
 * that thread. The per-connection counters are plain fields: read them from the using thread or
 * after a hand-off.
 *
 * <p>After {@link StubDatabase#disconnectAll()} (or {@link #markBroken()}) statement execution,
 * commit and rollback throw SQLState 08006 and {@link #isValid(int)} returns {@code false}. Commit
 * and rollback in auto-commit mode throw SQLState 25000, as PostgreSQL's driver does.
 */
public final class StubConnection extends StubConnectionBase implements Connection {

  private final StubDatabase database;
  private final long id;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean broken;

  private boolean autoCommit = true;
  private int isolation = TRANSACTION_READ_COMMITTED;

  private long commits;
  private long rollbacks;
  private long statementsExecuted;

  private StubStatement[] statements = new StubStatement[4];
  private int statementCount;

  StubConnection(StubDatabase database, long id) {
    super(database.name());
    this.database = database;
    this.id = id;
  }

  /** The sequential id of this connection within its database, starting at 1. */
  public long id() {
    return id;
  }

  /** The database this connection belongs to. */
  public StubDatabase database() {
    return database;
  }

  /** Commits performed on this connection. */
  public long commits() {
    return commits;
  }

  /** Rollbacks performed on this connection. */
  public long rollbacks() {
    return rollbacks;
  }

  /**
   * Statement executions (execute, executeQuery, executeUpdate, executeBatch) on this connection.
   */
  public long statementsExecuted() {
    return statementsExecuted;
  }

  /** Statements created on this connection and not yet closed. */
  public int openStatements() {
    return statementCount;
  }

  /** Whether this connection was broken by {@link StubDatabase#disconnectAll()}. */
  public boolean isBroken() {
    return broken;
  }

  /** Breaks this connection only, as {@link StubDatabase#disconnectAll()} does for all. */
  public void markBroken() {
    broken = true;
  }

  // ---- lifecycle ----

  /**
   * Closes this connection, its statements and their result sets. Close faults are applied first;
   * an injected failure is thrown after the connection has been closed and counted, as real drivers
   * release the socket even when close reports an error.
   */
  @Override
  public void close() throws SQLException {
    if (closed.get()) {
      return;
    }
    SQLException failure = null;
    StubFaults faults = database.closeFaults();
    if (faults.isActive()) {
      try {
        faults.apply(database.getSleeper());
      } catch (SQLException e) {
        failure = e;
      }
    }
    end(false);
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes this connection at once, counting it as aborted; the executor is not used. */
  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw new SQLException("executor is null", StubSupport.INVALID_PARAMETER);
    }
    end(true);
  }

  private void end(boolean byAbort) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    StubStatement[] open = statements;
    int n = Math.min(statementCount, open.length);
    for (int i = 0; i < n; i++) {
      StubStatement statement = open[i];
      if (statement != null) {
        statement.closedByConnection();
      }
      open[i] = null;
    }
    statementCount = 0;
    database.connectionEnded(this, byAbort);
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("negative timeout: " + timeout, StubSupport.INVALID_PARAMETER);
    }
    if (closed.get()) {
      return false;
    }
    return database.validate(timeout) && !broken;
  }

  @Override
  boolean closed() {
    return closed.get();
  }

  @Override
  void checkOpen() throws SQLException {
    if (closed.get()) {
      throw StubSupport.connectionClosed();
    }
  }

  /** Checks that the connection is open and not broken, as before a round trip to the server. */
  void checkAlive() throws SQLException {
    checkOpen();
    if (broken) {
      throw StubSupport.broken(id, database.name());
    }
  }

  // ---- statements ----

  void register(StubStatement statement) {
    if (statementCount == statements.length) {
      statements = Arrays.copyOf(statements, statementCount * 2);
    }
    statement.slot = statementCount;
    statements[statementCount++] = statement;
  }

  void unregister(StubStatement statement) {
    int slot = statement.slot;
    StubStatement[] open = statements;
    if (slot < statementCount && slot < open.length && open[slot] == statement) {
      StubStatement last = open[--statementCount];
      open[slot] = last;
      last.slot = slot;
      open[statementCount] = null;
    }
  }

  void executed() {
    statementsExecuted++;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return createStatement(resultSetType, resultSetConcurrency, holdability);
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    StubStatement statement =
        new StubStatement(this, resultSetType, resultSetConcurrency, resultSetHoldability);
    register(statement);
    return statement;
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepareStatement(
        sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int concurrency)
      throws SQLException {
    return prepareStatement(sql, resultSetType, concurrency, holdability);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int concurrency, int resultSetHoldability)
      throws SQLException {
    checkOpen();
    StubPreparedStatement statement =
        new StubPreparedStatement(this, sql, resultSetType, concurrency, resultSetHoldability);
    register(statement);
    return statement;
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int concurrency)
      throws SQLException {
    return prepareCall(sql, resultSetType, concurrency, holdability);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int concurrency, int resultSetHoldability)
      throws SQLException {
    checkOpen();
    StubCallableStatement statement =
        new StubCallableStatement(this, sql, resultSetType, concurrency, resultSetHoldability);
    register(statement);
    return statement;
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  // ---- transactions ----

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    this.autoCommit = autoCommit;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkTransaction("commit");
    commits++;
  }

  @Override
  public void rollback() throws SQLException {
    checkTransaction("rollback");
    rollbacks++;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    throw StubSupport.unsupported("rollback(Savepoint)");
  }

  private void checkTransaction(String what) throws SQLException {
    checkAlive();
    if (autoCommit) {
      throw new SQLException("cannot " + what + " when auto-commit is enabled", "25000");
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    switch (level) {
      case TRANSACTION_READ_UNCOMMITTED,
          TRANSACTION_READ_COMMITTED,
          TRANSACTION_REPEATABLE_READ,
          TRANSACTION_SERIALIZABLE,
          TRANSACTION_NONE ->
          isolation = level;
      default ->
          throw new SQLException(
              "invalid isolation level: " + level, StubSupport.INVALID_PARAMETER);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return isolation;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return StubDatabaseMetaData.create(this);
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
  public String toString() {
    return "StubConnection[" + database.name() + "#" + id + (closed.get() ? ", closed]" : "]");
  }
}
