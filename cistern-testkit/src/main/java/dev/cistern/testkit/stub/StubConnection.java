package dev.cistern.testkit.stub;

import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
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
 * and rollback in auto-commit mode throw SQLState 25000, as PostgreSQL's driver does. LOBs, arrays,
 * structs, savepoints and type maps are not supported: those methods, written at build time in
 * {@code GeneratedStubConnection}, throw {@link java.sql.SQLFeatureNotSupportedException}.
 */
@Unsupported
public abstract class StubConnection implements Connection {

  private final StubDatabase database;
  private final long id;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean broken;

  private boolean autoCommit = true;
  private int isolation = TRANSACTION_READ_COMMITTED;
  private boolean readOnly;
  private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
  private String catalog;
  private String schema = "public";
  private int networkTimeout;
  private final Properties clientInfo = new Properties();

  private long commits;
  private long rollbacks;
  private long statementsExecuted;

  private StubStatement[] statements = new StubStatement[4];
  private int statementCount;

  StubConnection(StubDatabase database, long id) {
    this.database = database;
    this.id = id;
    this.catalog = database.name();
  }

  /** A new open connection to {@code database}. */
  static StubConnection create(StubDatabase database, long id) {
    return new GeneratedStubConnection(database, id);
  }

  /**
   * The sequential id of this connection within its database, starting at 1.
   *
   * @return the connection's id
   */
  public long id() {
    return id;
  }

  /**
   * The database this connection belongs to.
   *
   * @return the database
   */
  public StubDatabase database() {
    return database;
  }

  /**
   * Commits performed on this connection.
   *
   * @return the number of commits
   */
  public long commits() {
    return commits;
  }

  /**
   * Rollbacks performed on this connection.
   *
   * @return the number of rollbacks
   */
  public long rollbacks() {
    return rollbacks;
  }

  /**
   * Statement executions (execute, executeQuery, executeUpdate, executeBatch) on this connection.
   *
   * @return the number of statement executions
   */
  public long statementsExecuted() {
    return statementsExecuted;
  }

  /**
   * Statements created on this connection and not yet closed.
   *
   * @return the number of open statements
   */
  public int openStatements() {
    return statementCount;
  }

  /**
   * Whether this connection was broken by {@link StubDatabase#disconnectAll()}.
   *
   * @return true if the connection is broken
   */
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

  /** Whether the connection is closed. */
  final boolean closed() {
    return closed.get();
  }

  /** Throws SQLState 08003 if the connection is closed. */
  final void checkOpen() throws SQLException {
    if (closed.get()) {
      throw StubSupport.connectionClosed();
    }
  }

  /** Checks that the connection is open and not broken, as before a round trip to the server. */
  final void checkAlive() throws SQLException {
    checkOpen();
    if (broken) {
      throw StubSupport.broken(id, database.name());
    }
  }

  // ---- statements ----

  private <S extends StubStatement> S register(S statement) {
    if (statementCount == statements.length) {
      statements = Arrays.copyOf(statements, statementCount * 2);
    }
    statement.slot = statementCount;
    statements[statementCount++] = statement;
    return statement;
  }

  final void unregister(StubStatement statement) {
    int slot = statement.slot;
    StubStatement[] open = statements;
    if (slot < statementCount && slot < open.length && open[slot] == statement) {
      StubStatement last = open[--statementCount];
      open[slot] = last;
      last.slot = slot;
      open[statementCount] = null;
    }
  }

  final void executed() {
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
    return register(
        StubStatement.create(this, resultSetType, resultSetConcurrency, resultSetHoldability));
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
    return register(
        StubPreparedStatement.create(this, sql, resultSetType, concurrency, resultSetHoldability));
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
    return register(
        StubCallableStatement.create(this, sql, resultSetType, concurrency, resultSetHoldability));
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
          "connection is closed",
          StubSupport.CONNECTION_CLOSED,
          0,
          Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
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

  // The stub has no request boundaries; these keep Connection's no-op defaults, which the
  // generated class would otherwise replace with refusals.

  @Override
  public void beginRequest() {}

  @Override
  public void endRequest() {}

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return StubSupport.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface != null && iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "StubConnection[" + database.name() + "#" + id + (closed.get() ? ", closed]" : "]");
  }
}
