package dev.cistern;

import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.sql.SqlErrors;
import dev.cistern.internal.sql.SqlHooks;
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
 * transactions. {@link #close()} gives it back: it rolls back what was left open (whatever the
 * {@code poolResetOnReturn} option says, as SQLAlchemy's {@code Connection}), and the pool restores
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

  /** Set by a hard {@link #invalidate()}; a disconnect shows in {@link ProxyConnection} instead. */
  private boolean invalidated;

  /** Set by {@link #invalidate(boolean) invalidate(true)}: replaced, not pooled, on close. */
  private boolean softInvalidated;

  /**
   * A {@link #begin()} block that ended (commit or rollback) but is not closed yet: statements
   * raise until it is, as SQLAlchemy's "Can't operate on closed transaction inside context
   * manager".
   */
  private Transaction endedBlock;

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

  /**
   * Returns the engine this connection was borrowed from.
   *
   * @return the engine
   */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns the JDBC view of this connection. Closing it is the same as closing this; after that,
   * every method throws.
   *
   * @return the JDBC connection view
   */
  public Connection jdbc() {
    return jdbc;
  }

  // ---- statements ----

  /**
   * Runs one statement without parameters and returns its result. See {@link #execute(String,
   * Map)}.
   *
   * @param sql the SQL text
   * @return the statement's result
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
   * @param sql the SQL text, with {@code :name} parameters
   * @param params the parameter values by name
   * @return the statement's result
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
   *
   * @param sql the SQL text, with {@code :name} parameters
   * @return the statement, to bind and configure before {@link SqlStatement#execute()}
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
   * @param sql the SQL text, with {@code :name} parameters
   * @param paramSets the parameter sets, one map per run
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
        c,
        entry.id(),
        sql,
        paramSets,
        new StatementRunner.Call(statementTimeout, 0, false, null),
        txOpen());
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
            c, entry.id(), sql, params, runner.call(timeout, fetch, keys, keyColumns), txOpen());
    Result generated =
        out.generatedKeys() == null ? null : new Result(out.generatedKeys(), -1, null, sql);
    return new Result(out.cursor(), out.rowCount(), generated, sql);
  }

  /** Returns the connection to run a statement on, beginning a transaction if one is due. */
  private Connection statementConnection() {
    if (endedBlock != null) {
      throw endedBlock.closedForStatements();
    }
    if (!tx().autocommit() || !blocks.isEmpty()) {
      tx().begin();
    }
    return jdbc;
  }

  // ---- transactions ----

  private TransactionState tx() {
    TransactionState t = tx;
    if (t == null) {
      t = new TransactionState(jdbc, runner.settings(), runner.hooks(), entry.id());
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
   *
   * @return true if a transaction is open
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
      endBlocks(0);
    }
  }

  /**
   * Rolls back the open transaction, including any {@link #begin()} block and savepoints on it.
   * Does nothing when no transaction is open, or once the connection was invalidated or closed (the
   * database ended the transaction then).
   *
   * @throws StatementException if the rollback failed; the connection is then invalidated
   */
  public void rollback() {
    if (isInvalidated() || jdbc.isClosed() || takenAway()) {
      abandon(0); // the database ended it: nothing to roll back (SQLAlchemy: a no-op)
      return;
    }
    if (txOpen()) {
      endBlocks(0);
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
   * @return the open transaction
   * @throws IllegalStateException if a transaction is already open (commit-as-you-go began one at
   *     the first statement): commit or roll it back first, or use {@link #beginNested()}; or if a
   *     block that ended is not closed yet (see {@link Transaction})
   */
  public Transaction begin() {
    return begin(false);
  }

  Transaction begin(boolean ownsConnection) {
    if (endedBlock != null) {
      throw endedBlock.closedForStatements();
    }
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
   * @return the nested transaction
   * @throws StatementException if the database refused the savepoint
   * @throws IllegalStateException if a {@link #begin()} block ended and is not closed yet
   */
  public Transaction beginNested() {
    if (endedBlock != null) {
      throw endedBlock.closedForStatements();
    }
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
    if (!commit && (isInvalidated() || jdbc.isClosed() || takenAway())) {
      abandon(at); // the database ended it: nothing to roll back (SQLAlchemy: a no-op)
      return;
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
      endBlocks(at);
    }
  }

  boolean isOpen(Transaction tx) {
    return blocks.contains(tx);
  }

  /** Ends the blocks from {@code at} on; a root block ending stays "ended" until it is closed. */
  private void endBlocks(int at) {
    if (blocks.isEmpty()) {
      return;
    }
    if (at == 0 && !blocks.get(0).isNested()) {
      endedBlock = blocks.get(0);
    }
    blocks.subList(at, blocks.size()).clear();
  }

  /** Ends the blocks from {@code at} on without a JDBC call (the connection is gone). */
  private void abandon(int at) {
    endBlocks(at);
    if (at == 0 && tx != null) {
      tx.abandon();
    }
  }

  /** Called by a block's close(): statements may run again on this connection. */
  void blockClosed(Transaction t) {
    if (endedBlock == t) {
      endedBlock = null;
    }
  }

  // ---- settings for this checkout ----

  /**
   * Sets the isolation level for this checkout; {@link IsolationLevel#AUTOCOMMIT} makes every
   * statement commit on its own. Reverted when the connection returns to the pool.
   *
   * @param level the isolation level for this checkout
   * @return this connection
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
   * @param readOnly true for read-only, false for read-write
   * @return this connection
   * @throws IllegalStateException if a transaction is open
   */
  public SqlConnection readOnly(boolean readOnly) {
    tx().readOnly(readOnly);
    return this;
  }

  /**
   * Cancels statements of this checkout that run longer than {@code timeout} (rounded up to whole
   * seconds, JDBC's unit); zero for no limit. Overrides the {@code statementTimeout} option.
   *
   * @param timeout the longest a statement may run, or zero for no limit
   * @return this connection
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
   *
   * @param rows the number of rows to fetch per round trip, or 0 for all at once
   * @return this connection
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
   * Invalidates the connection: its physical connection is closed now and never reused, and closing
   * this returns nothing to the pool. For a connection known or suspected to be broken. After it,
   * statements throw, {@link #rollback()} and rolling back a {@link Transaction} on it are no-ops
   * (the database ended the transaction), and {@link #isInvalidated()} is true.
   */
  public void invalidate() {
    invalidate(null);
  }

  /**
   * Invalidates the connection (see {@link #invalidate()}), giving the reason to listeners.
   *
   * @param reason why the connection is invalidated, given to listeners
   */
  public void invalidate(Throwable reason) {
    if (!jdbc.isClosed()) {
      invalidated = true;
      pool.invalidate(entry, reason);
      jdbc.close();
    }
  }

  /**
   * Invalidates the connection, softly or not. A soft invalidation (SQLAlchemy's {@code
   * invalidate(soft=True)}) keeps the connection usable for now, transaction included, and replaces
   * its physical connection when it is closed: the pool closes it instead of keeping it, and the
   * next checkout gets a fresh one (with a fresh {@link #info()}). {@code invalidate(false)} is
   * {@link #invalidate()}. A no-op once closed.
   *
   * @param soft true to replace the physical connection only when this checkout ends
   */
  public void invalidate(boolean soft) {
    if (!soft) {
      invalidate();
    } else if (!jdbc.isClosed()) {
      softInvalidated = true;
    }
  }

  /**
   * Returns true once the connection was invalidated, by {@link #invalidate()} or by a disconnect
   * error; it is then unusable. A {@linkplain #invalidate(boolean) soft} invalidation leaves it
   * usable until closed, so it does not count here.
   *
   * @return true if the connection was invalidated
   */
  public boolean isInvalidated() {
    return invalidated || jdbc.isInvalidated();
  }

  /**
   * Detaches the connection from the pool: the pool forgets it (and may open another), and {@link
   * #close()} then really closes the physical connection. For a connection whose state was changed
   * in ways the pool cannot reset. A second call does nothing.
   *
   * @throws IllegalStateException if the connection is closed or was invalidated (as SQLAlchemy's
   *     "This Connection is closed" and "Can't detach an invalidated Connection")
   */
  public void detach() {
    if (isInvalidated()) {
      throw new IllegalStateException(
          "cannot detach " + this + ": it was invalidated; close it and borrow another");
    }
    if (jdbc.isClosed()) {
      throw new IllegalStateException(
          "cannot detach " + this + ": it is closed; detach a connection before closing it");
    }
    if (!detached && jdbc.detach()) {
      detached = true;
    }
  }

  /**
   * Returns true once closed (or invalidated).
   *
   * @return true if the connection is closed or invalidated
   */
  public boolean isClosed() {
    return jdbc.isClosed();
  }

  /**
   * Returns a map for the caller's own data about the physical connection (SQLAlchemy's {@code
   * connection.info}): it lives as long as the physical connection, across checkouts, and is gone
   * (empty) once that connection is replaced (invalidated, recycled, stale, or with the {@code
   * NULL} pool, at every checkout). Use it, e.g., to remember a session setting made once per
   * connection. Thread-safe, though a connection is used by one thread at a time.
   *
   * @return the map of the physical connection's info
   */
  public Map<String, Object> info() {
    return entry.info();
  }

  /**
   * Returns the isolation level in force now on this connection: {@link IsolationLevel#AUTOCOMMIT}
   * in auto-commit mode, else the level the driver reports (null if the driver reports none JDBC
   * defines). Reflects {@link #isolation(IsolationLevel)} and the engine's {@code isolationLevel}.
   *
   * @return the isolation level in force, or null
   * @throws StatementException if the driver cannot tell (the connection is closed or broken)
   * @see Engine#defaultIsolationLevel()
   */
  public IsolationLevel isolationLevel() {
    if (tx().autocommit()) {
      return IsolationLevel.AUTOCOMMIT;
    }
    try {
      return TransactionState.levelOf(jdbc.getTransactionIsolation());
    } catch (SQLException e) {
      throw SqlErrors.operation("reading the isolation level", e, jdbc, runner.settings());
    }
  }

  /**
   * Gives the connection back to the pool (or closes it, if detached: the JDBC view does that, with
   * the reset and closeDetached events). Idempotent.
   *
   * <p>A transaction still open is rolled back first, whatever the pool's {@code poolResetOnReturn}
   * says (as SQLAlchemy's {@code Connection.close()}): that option governs only what a JDBC
   * borrower ({@link Engine#dataSource()}) leaves behind.
   *
   * @throws StatementException if that rollback failed; the connection is then invalidated
   */
  @Override
  public void close() {
    if (jdbc.isClosed()) {
      return;
    }
    RuntimeException failed = null;
    if (!isInvalidated() && !takenAway()) {
      failed = rollbackOnClose();
    }
    if (softInvalidated && !detached && !isInvalidated()) {
      pool.invalidate(entry, new CisternException(this + " was soft-invalidated by its borrower"));
      jdbc.close();
    } else {
      jdbc.close();
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Returns true if the pool took the physical connection away from this borrower (the engine's
   * close aborted it, or it was invalidated there): the transaction died with it.
   */
  private boolean takenAway() {
    return !detached && entry.isRemoved();
  }

  /**
   * Rolls back what this connection left open (its transaction, or statements run through {@link
   * #jdbc()} with auto-commit off); returns the error if that failed, after invalidating.
   */
  private RuntimeException rollbackOnClose() {
    boolean open = txOpen() || entry.connectionState().isTransactionDirty();
    blocks.clear();
    endedBlock = null;
    if (!open) {
      return null;
    }
    try {
      if (txOpen()) {
        runner.hooks().transaction(SqlHooks.TxKind.ROLLBACK, entry.id(), null);
      }
      if (!jdbc.getAutoCommit()) {
        jdbc.rollback();
      }
      if (tx != null) {
        tx.abandon();
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      if (takenAway()) {
        return null; // aborted by the engine's close meanwhile: nothing left to roll back
      }
      RuntimeException out =
          e instanceof SQLException s
              ? SqlErrors.operation("rollback on close", s, jdbc, runner.settings())
              : (RuntimeException) e;
      if (!isInvalidated()) { // a disconnect invalidated it already
        invalidated = true;
        pool.invalidate(entry, e);
      }
      return out;
    }
  }

  @Override
  public String toString() {
    return "SqlConnection(" + engine.name() + ", " + entry + (isClosed() ? ", closed" : "") + ")";
  }
}
