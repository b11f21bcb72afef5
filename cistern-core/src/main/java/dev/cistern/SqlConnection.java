package dev.cistern;

import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.ProxyConnection;
import dev.cistern.internal.sql.SqlErrors;
import dev.cistern.internal.sql.StatementRunner;
import dev.cistern.internal.sql.TransactionState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connection borrowed from an {@link Engine}: runs SQL with named parameters and manages
 * transactions. {@link #close()} gives it back: the pool rolls back what was left open and restores
 * every setting that was changed.
 *
 * <pre>{@code
 * try (SqlConnection c = engine.connect()) {
 *   c.execute("insert into t (id, name) values (:id, :name)", Map.of("id", 1, "name", "ann"));
 *   c.commit();                                         // commit as you go
 *   String name = c.execute("select name from t where id = :id", Map.of("id", 1))
 *       .scalar(String.class);
 * }
 * }</pre>
 *
 * <p><b>Transactions.</b> Unless the isolation level is {@link IsolationLevel#AUTOCOMMIT}, the
 * first statement begins a transaction, which lasts until {@link #commit()} or {@link #rollback()}
 * (commit as you go); closing without commit rolls back. {@link #begin()} opens an explicit
 * transaction block and {@link #beginNested()} a savepoint inside the current one.
 *
 * <p><b>Settings.</b> {@link #isolation}, {@link #readOnly}, {@link #statementTimeout} and {@link
 * #fetchSize} apply to this checkout only: the pool reverts them when the connection returns.
 *
 * <p>Named so it never clashes with {@link java.sql.Connection}; {@link #jdbc()} gives the JDBC
 * view of the same connection. Use it from one thread at a time.
 *
 * <p>A connection dropped without being closed is reclaimed once the garbage collector finds it
 * unreachable (it and its {@link #jdbc()} view, with its statements): its physical connection is
 * closed, its pool slot freed and a warning logged, with the borrowing stack when {@code
 * leakDetectionThreshold} is on. The {@code reclaimLeaks} option turns this off.
 */
public final class SqlConnection implements AutoCloseable {
  private final Engine engine;
  private final Pool pool;
  private final PoolEntry entry;
  private final ProxyConnection jdbc;
  private final StatementRunner runner;
  private boolean detached;

  private TransactionState
      tx; // made by the first statement or setting: a bare checkout stays small
  private Duration statementTimeout;
  private int fetchSize;
  private final List<Transaction> blocks = new ArrayList<>();

  SqlConnection(Engine engine, ProxyConnection jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.pool = jdbc.pool();
    this.entry = jdbc.entry();
    this.runner = engine.runner();
    this.statementTimeout = runner.settings().statementTimeout();
    this.fetchSize = runner.settings().fetchSize();
    // reclaim watches the JDBC view: it is reachable while this is, and while the caller keeps
    // only the view or its statements
  }

  /** Returns the engine this connection was borrowed from. */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns the JDBC view of this connection. Closing it is the same as closing this; after that,
   * every method throws.
   */
  public Connection jdbc() {
    return jdbc;
  }

  // ---- statements ----

  /**
   * Runs one statement without parameters and returns its result. See {@link #execute(String,
   * Map)}.
   */
  public Result execute(String sql) {
    return execute(sql, Map.of());
  }

  /**
   * Runs one statement with named parameters and returns its result.
   *
   * <p>{@code :name} in the SQL becomes a bound JDBC parameter (never text), looked up in {@code
   * params}; a collection or array value expands into {@code ?, ?, ?} for {@code IN (:ids)}. A
   * {@code :name} inside a string literal, quoted identifier or comment, a PostgreSQL {@code ::}
   * cast and a {@code \:} escape are left alone.
   *
   * <p>Rows are read into memory before this returns, and the statement is closed, unless a fetch
   * size is set ({@link #fetchSize(int)}, the {@code fetchSize} option or {@link
   * SqlStatement#fetchSize}): then the result streams from the database and must be read to the end
   * or closed.
   *
   * @throws IllegalArgumentException if a parameter is missing from {@code params}, or {@code
   *     params} has one the SQL doesn't use (the message names it)
   * @throws StatementException if the database refused the statement
   * @throws DisconnectedException if the connection was lost (it is then invalidated)
   */
  public Result execute(String sql, Map<String, ?> params) {
    return run(sql, params, statementTimeout, fetchSize, false, null);
  }

  /**
   * Starts a statement to configure before running it.
   *
   * <pre>{@code
   * Row r = c.sql("select * from orders where id = :id").bind("id", 7).execute().one();
   * }</pre>
   */
  public SqlStatement sql(String sql) {
    Objects.requireNonNull(sql, "sql");
    return new SqlStatement(this, sql);
  }

  /**
   * Runs one statement once per parameter set, in batches of the {@code batchSize} option. An
   * {@code INSERT ... VALUES (...)} becomes a multi-row INSERT where the database allows it (one
   * round trip for many rows); anything else runs as JDBC batches. Runs in the current transaction
   * like any statement: commit to keep the rows.
   *
   * @return one row count per parameter set ({@link java.sql.Statement#SUCCESS_NO_INFO} where the
   *     database reports only a total)
   * @throws IllegalArgumentException naming a missing or unused parameter and its set
   * @throws StatementException if the database refused a batch
   */
  public long[] executeMany(String sql, List<? extends Map<String, ?>> paramSets) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(paramSets, "paramSets");
    Connection c = statementConnection();
    return runner.executeMany(
        c, sql, paramSets, new StatementRunner.Call(statementTimeout, 0, false, null), txOpen());
  }

  Result run(
      String sql,
      Map<String, ?> params,
      Duration timeout,
      int fetch,
      boolean keys,
      String[] keyColumns) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    Connection c = statementConnection();
    StatementRunner.Outcome out =
        runner.execute(
            c, sql, params, new StatementRunner.Call(timeout, fetch, keys, keyColumns), txOpen());
    Result generated = out.keys() == null ? null : new Result(out.keys(), -1, null, sql);
    return new Result(out.cursor(), out.rowCount(), generated, sql);
  }

  /** Returns the connection to run a statement on, beginning a transaction if one is due. */
  private Connection statementConnection() {
    if (!tx().autocommit() || !blocks.isEmpty()) {
      tx().begin();
    }
    return jdbc;
  }

  // ---- transactions ----

  private TransactionState tx() {
    TransactionState t = tx;
    if (t == null) {
      t = new TransactionState(jdbc, runner.settings());
      tx = t;
    }
    return t;
  }

  private boolean txOpen() {
    return tx != null && tx.isOpen();
  }

  /**
   * Returns true while a transaction is open: from the first statement (or {@link #begin()}) until
   * commit or rollback.
   */
  public boolean inTransaction() {
    return txOpen();
  }

  /**
   * Commits the open transaction, including any {@link #begin()} block and savepoints on it (they
   * become inactive). Does nothing when no transaction is open.
   *
   * @throws StatementException if the database refused the commit (a serialization failure shows up
   *     here on some databases); the transaction stays open, so roll it back
   */
  public void commit() {
    if (txOpen()) {
      tx().commit();
      blocks.clear();
    }
  }

  /**
   * Rolls back the open transaction, including any {@link #begin()} block and savepoints on it.
   * Does nothing when no transaction is open.
   *
   * @throws StatementException if the rollback failed; the connection is then invalidated
   */
  public void rollback() {
    if (txOpen()) {
      blocks.clear();
      try {
        tx().rollback();
      } catch (SQLException | RuntimeException e) {
        invalidate(e);
        throw e instanceof SQLException s
            ? SqlErrors.operation("rollback", s, jdbc, runner.settings())
            : (RuntimeException) e;
      }
    }
  }

  /**
   * Begins an explicit transaction block on this connection; close it (try-with-resources) and
   * without {@link Transaction#commit()} it rolls back. The connection stays borrowed.
   *
   * @throws IllegalStateException if a transaction is already open (commit-as-you-go began one at
   *     the first statement): commit or roll it back first, or use {@link #beginNested()}
   */
  public Transaction begin() {
    return begin(false);
  }

  Transaction begin(boolean ownsConnection) {
    if (txOpen() || !blocks.isEmpty()) {
      throw new IllegalStateException(
          "a transaction is already open on this connection (the first statement begins one):"
              + " call commit() or rollback() first, or use beginNested() for a savepoint");
    }
    tx().begin();
    Transaction t = new Transaction(this, null, ownsConnection);
    blocks.add(t);
    return t;
  }

  /**
   * Sets a savepoint inside the open transaction (beginning one if none is open) and returns it as
   * a nested transaction: {@link Transaction#commit()} releases the savepoint, {@link
   * Transaction#rollback()} or closing without commit rolls back to it, keeping the work done
   * before. On PostgreSQL this is how to recover from a failed statement without losing the whole
   * transaction.
   *
   * @throws StatementException if the database refused the savepoint
   */
  public Transaction beginNested() {
    tx().begin();
    Transaction t = new Transaction(this, tx().savepoint(), false);
    blocks.add(t);
    return t;
  }

  /** Ends a transaction block: commits or rolls back the whole transaction or its savepoint. */
  void finish(Transaction t, boolean commit) {
    int at = blocks.indexOf(t);
    if (at < 0) {
      return; // an enclosing block already ended it
    }
    Savepoint sp = t.savepoint();
    if (sp == null) {
      if (commit) {
        commit();
      } else {
        rollback();
      }
      return;
    }
    try {
      tx().endSavepoint(sp, commit);
    } finally {
      blocks.subList(at, blocks.size()).clear();
    }
  }

  boolean isOpen(Transaction tx) {
    return blocks.contains(tx);
  }

  // ---- settings for this checkout ----

  /**
   * Sets the isolation level for this checkout; {@link IsolationLevel#AUTOCOMMIT} makes every
   * statement commit on its own. Reverted when the connection returns to the pool.
   *
   * @throws IllegalStateException if a transaction is open (set it before the first statement)
   */
  public SqlConnection isolation(IsolationLevel level) {
    Objects.requireNonNull(level, "level");
    tx().isolation(level);
    return this;
  }

  /**
   * Marks this checkout read-only (or not). Reverted when the connection returns to the pool.
   *
   * @throws IllegalStateException if a transaction is open
   */
  public SqlConnection readOnly(boolean readOnly) {
    tx().readOnly(readOnly);
    return this;
  }

  /**
   * Cancels statements of this checkout that run longer than {@code timeout} (rounded up to whole
   * seconds, JDBC's unit); zero for no limit. Overrides the {@code statementTimeout} option.
   */
  public SqlConnection statementTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "statementTimeout must be zero or positive, got " + timeout);
    }
    this.statementTimeout = timeout;
    return this;
  }

  /**
   * Streams the results of this checkout's statements, {@code rows} at a time; 0 reads every result
   * into memory (the default). Overrides the {@code fetchSize} option. On PostgreSQL streaming
   * needs a transaction (the default; not in AUTOCOMMIT mode).
   */
  public SqlConnection fetchSize(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("fetchSize must be zero or positive, got " + rows);
    }
    this.fetchSize = rows;
    return this;
  }

  Duration statementTimeout() {
    return statementTimeout;
  }

  int fetchSize() {
    return fetchSize;
  }

  /**
   * Invalidates the connection: its physical connection is closed and never reused, and closing
   * this returns nothing to the pool. For a connection known or suspected to be broken.
   */
  public void invalidate() {
    invalidate(null);
  }

  /** Invalidates the connection, giving the reason to listeners and logs. */
  public void invalidate(Throwable reason) {
    if (!jdbc.isClosed()) {
      pool.invalidate(entry, reason);
      jdbc.close();
    }
  }

  /**
   * Detaches the connection from the pool: the pool forgets it (and may open another), and {@link
   * #close()} then really closes the physical connection. For a connection whose state was changed
   * in ways the pool cannot reset.
   */
  public void detach() {
    if (!detached && jdbc.detach()) {
      detached = true;
    }
  }

  /** Returns true once closed (or invalidated). */
  public boolean isClosed() {
    return jdbc.isClosed();
  }

  /**
   * Gives the connection back to the pool (or closes it, if detached: the JDBC view does that).
   * Idempotent.
   */
  @Override
  public void close() {
    jdbc.close();
  }

  @Override
  public String toString() {
    return "SqlConnection(" + engine.name() + ", " + entry + (isClosed() ? ", closed" : "") + ")";
  }
}
