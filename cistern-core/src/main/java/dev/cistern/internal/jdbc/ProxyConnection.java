package dev.cistern.internal.jdbc;

import dev.cistern.SqlListener;
import dev.cistern.internal.pool.ConnectionState;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.sql.SqlHooks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a borrower gets: one instance per checkout of a pooled physical connection.
 *
 * <p>Setters first record the value they replace (see {@link ConnectionState}), so that returning
 * the connection restores exactly what the borrower changed. Statements it creates are wrapped and
 * remembered; {@link #close()} closes the ones still open and gives the physical connection back to
 * the pool. After that every method throws SQLState 08003, except {@link #close()}, {@link
 * #abort(Executor)} (no-ops), {@link #isClosed()} and {@link #isValid(int)} (which answer {@code
 * true} and {@code false}, as JDBC asks). {@link #unwrap(Class)} and {@link #isWrapperFor(Class)}
 * throw too: the physical connection belongs to someone else by then.
 *
 * <p>A driver error that means the database connection is gone invalidates the checkout (see {@link
 * #checkException}): from then on every method of the connection, its statements, result sets and
 * metadata throws SQLState 08003 saying so, except {@link #close()} (which gives nothing back to
 * the pool), {@link #abort(Executor)}, {@link #isClosed()} and {@link #isValid(int)} (false).
 *
 * <p>A checkout costs this one small object: the list of statements is made by the first statement,
 * and construction and {@link #close()} read no clock.
 */
@Forwarding
public abstract class ProxyConnection implements Connection {
  static final String CLOSED_MESSAGE =
      "connection returned to the pool: it was closed by its borrower";
  static final String CLOSED_STATE = "08003";
  static final String INVALIDATED_MESSAGE =
      "connection was invalidated after a disconnect; close it and borrow another";

  private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

  final Connection raw;
  private final PoolEntry entry;
  private final Pool pool;
  private Runnable onClose;

  /** {@link #flags}: the borrower (or an abort) closed this checkout. */
  private static final int CLOSED = 1;

  /** {@link #flags}: a disconnect error (or the engine's abort) invalidated this checkout. */
  private static final int INVALIDATED = 2;

  /** {@link #flags}: {@link #detach()} took the connection out of the pool. */
  private static final int DETACHED = 4;

  /**
   * {@link #flags}: SQL and JDBC calls that change or rely on the server session are refused
   * (PgBouncer in transaction mode, see {@link PgBouncerGuard}); set before the connection is
   * handed out.
   */
  private static final int GUARD_SESSION = 8;

  /**
   * {@link #CLOSED}, {@link #INVALIDATED}, {@link #DETACHED} and {@link #GUARD_SESSION}; bits are
   * only ever set, each by one compare-and-set ({@link #setFlags}), so a close costs one atomic
   * instruction and no lock.
   */
  private volatile int flags;

  /**
   * Whether calls that wait for the server note it on the entry (the lost-request check); set
   * before the connection is handed out, and volatile so any thread using it sees that (a read on
   * x86 is a plain load).
   */
  private volatile boolean awaitTracking;

  /**
   * The engine's {@link SqlListener}s, shown every driver error before it is classified; null for a
   * bare pool's connections. Set before the connection is handed out.
   */
  private SqlHooks sqlHooks;

  /**
   * Statements and metadata result sets not closed yet, in {@code open[0, openCount)}; a null slot
   * held one that was closed. Made by the first one. Only the borrower's thread changes it, without
   * a lock (see {@link #track}); {@link #close()} from any thread reads it after setting {@link
   * #closed}.
   */
  private AutoCloseable[] open;

  /** How many slots of {@link #open} are in use; see {@link #OPEN_COUNT}. */
  private int openCount;

  /**
   * {@link #track} writes {@link #openCount} with a volatile store before it reads {@link #closed};
   * {@link #close()} writes {@link #closed} before it reads the count with a volatile load. So
   * either the closer sees the new statement and closes it, or the tracker sees the close and
   * closes the statement itself (both may: closing twice is harmless). That one store is all a
   * statement costs the connection: no lock.
   */
  private static final VarHandle OPEN_COUNT;

  /** Sets bits of {@link #flags}. */
  private static final VarHandle FLAGS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      OPEN_COUNT = lookup.findVarHandle(ProxyConnection.class, "openCount", int.class);
      FLAGS = lookup.findVarHandle(ProxyConnection.class, "flags", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  ProxyConnection(PoolEntry entry, Pool pool, Runnable onClose) {
    this.raw = entry.raw();
    this.entry = entry;
    this.pool = pool;
    this.onClose = onClose;
  }

  /** Wraps an entry just borrowed from {@code pool}. */
  public static ProxyConnection of(PoolEntry entry, Pool pool) {
    return new GeneratedProxyConnection(entry, pool, null);
  }

  /**
   * Wraps an entry just borrowed from {@code pool}; {@code onClose} (if not null) runs once, when
   * this is closed, before the entry goes back to the pool.
   */
  public static ProxyConnection of(PoolEntry entry, Pool pool, Runnable onClose) {
    return new GeneratedProxyConnection(entry, pool, onClose);
  }

  /** Returns the pool entry this proxy wraps. */
  public PoolEntry entry() {
    return entry;
  }

  /** Returns the pool the entry was borrowed from. */
  public Pool pool() {
    return pool;
  }

  /**
   * Sets the hook {@link #close()} runs before the entry goes back; call before handing this out.
   */
  public void closeHook(Runnable hook) {
    this.onClose = hook;
  }

  /**
   * Makes the calls that wait for the server (statements' executes, commit, rollback) note the wait
   * on the entry, for the engine's lost-request check; call before handing this out.
   */
  public void trackAwaits() {
    this.awaitTracking = true;
  }

  /**
   * Shows every driver error of this connection to the engine's {@link SqlListener#handleError}
   * listeners, which may re-classify it; call before handing this out.
   */
  public void sqlHooks(SqlHooks hooks) {
    this.sqlHooks = hooks;
  }

  /**
   * Refuses, from now on, SQL and JDBC calls that would change or rely on the server session
   * (PgBouncer in transaction mode); call before handing this out.
   */
  public void guardSession() {
    setFlags(GUARD_SESSION);
  }

  /** Refuses {@code sql} if it would change the server session and this connection guards it. */
  final void checkSql(String sql) throws SQLException {
    if ((flags & GUARD_SESSION) != 0) {
      PgBouncerGuard.checkSql(sql);
    }
  }

  /** Refuses a JDBC call that changes the server session if this connection guards it. */
  private void checkSessionCall(String call, String instead) throws SQLException {
    if ((flags & GUARD_SESSION) != 0) {
      throw PgBouncerGuard.refusedCall(call, instead);
    }
  }

  /** Notes, if tracked, that this connection now waits for the server. */
  final void awaitBegin() {
    if (awaitTracking) {
      entry.awaitBegin(System.nanoTime());
    }
  }

  /** Notes, if tracked, that the wait for the server ended. */
  final void awaitEnd() {
    if (awaitTracking) {
      entry.awaitEnd();
    }
  }

  /**
   * Sets {@code bits} in {@link #flags} and returns the flags as they were before (with all of
   * {@code bits} already set if another thread got there first).
   */
  private int setFlags(int bits) {
    int before;
    do {
      before = flags;
      if ((before & bits) == bits) {
        return before;
      }
    } while (!FLAGS.weakCompareAndSet(this, before, before | bits));
    return before;
  }

  private boolean closed() {
    return (flags & CLOSED) != 0;
  }

  private boolean invalidated() {
    return (flags & INVALIDATED) != 0;
  }

  /** Throws if the borrower closed the connection or a disconnect invalidated it. */
  final void checkOpen() throws SQLException {
    int f = flags;
    if ((f & (CLOSED | INVALIDATED)) != 0) {
      throw (f & CLOSED) != 0 ? closedException() : invalidatedException(entry);
    }
  }

  /** Throws if a disconnect invalidated this connection; for its statements and result sets. */
  void checkNotInvalidated() throws SQLException {
    if (invalidated()) {
      throw invalidatedException(entry);
    }
  }

  static SQLException closedException() {
    return new SQLException(CLOSED_MESSAGE, CLOSED_STATE);
  }

  static SQLException invalidatedException(PoolEntry entry) {
    String aborted = entry.abortReason();
    return new SQLException(aborted != null ? aborted : INVALIDATED_MESSAGE, CLOSED_STATE);
  }

  /** Returns true once a disconnect error invalidated this connection. */
  public boolean isInvalidated() {
    return invalidated();
  }

  /**
   * Looks at every exception of the driver (from this connection, its statements, result sets and
   * metadata) before the borrower gets it; returns the exception to throw.
   *
   * <p>An error the pool's dialect calls a disconnect invalidates the checkout: the physical
   * connection is closed and removed from the pool, every connection opened before now is marked
   * stale (replaced at its next checkout, as SQLAlchemy does), and the borrower gets {@link
   * InvalidatedException}, which says to close this connection and borrow another. This happens
   * once, however many statements fail at the same time; after it every method but {@link #close()}
   * throws. Other errors are returned as they are.
   *
   * <p>The engine's {@link SqlListener#handleError} listeners see each error first (not the ones
   * this class made itself) and may change the classification, keep the other connections (no stale
   * marking) or replace the exception.
   */
  public final SQLException checkException(SQLException e) {
    return checkException(e, null);
  }

  /** {@link #checkException(SQLException)} of a statement whose SQL is known (or null). */
  final SQLException checkException(SQLException e, String sql) {
    String aborted = entry.abortReason();
    SqlHooks hooks = sqlHooks;
    if (aborted != null && !(e instanceof AbortedException)) {
      if (hooks != null && !(e instanceof InvalidatedException)) {
        hooks.handleError(entry.id(), e, sql, true); // a verdict cannot undo the abort
      }
      setFlags(INVALIDATED); // the engine removes the entry itself; no disconnect to spread
      return new AbortedException(aborted, e);
    }
    if (e instanceof InvalidatedException || e instanceof AbortedException) {
      return e; // made here, already seen
    }
    boolean disconnect = pool.isDisconnect(e);
    boolean invalidatePool = true;
    SQLException toThrow = e;
    if (hooks != null) {
      SqlListener.ErrorContext verdict = hooks.handleError(entry.id(), e, sql, disconnect);
      if (verdict != null) {
        disconnect = verdict.isDisconnect();
        invalidatePool = verdict.isInvalidatePool();
        if (verdict.replacement() != null) {
          toThrow = verdict.replacement();
        }
      }
    }
    if (!disconnect) {
      return toThrow;
    }
    int before = setFlags(INVALIDATED);
    boolean first = (before & INVALIDATED) == 0;
    // once closed, the entry went back and may belong to another borrower
    boolean owned = (before & CLOSED) == 0;
    if (first) {
      if (owned) {
        pool.invalidate(entry, e);
      }
      if (invalidatePool) {
        pool.softInvalidateAll(e);
      }
    }
    return new InvalidatedException(toThrow);
  }

  /**
   * The error a borrower gets when a disconnect invalidated its connection: the driver's message,
   * SQLState and vendor code, with the driver's exception as the cause.
   */
  static final class InvalidatedException extends SQLException {
    private static final long serialVersionUID = 1L;

    InvalidatedException(SQLException cause) {
      super(
          "connection invalidated: the database connection was lost ("
              + cause.getMessage()
              + "); close this connection and borrow another",
          cause.getSQLState(),
          cause.getErrorCode(),
          cause);
    }
  }

  /**
   * The error a borrower gets once the engine aborted its connection (see {@link
   * PoolEntry#abortReason()}): the reason as the message, SQLState 08003, the driver's error as the
   * cause.
   */
  static final class AbortedException extends SQLException {
    private static final long serialVersionUID = 1L;

    AbortedException(String reason, SQLException cause) {
      super(reason, CLOSED_STATE, 0, cause);
    }
  }

  /** The generated methods' name for {@link #checkException}. */
  final SQLException fail(SQLException e) {
    return checkException(e);
  }

  /** The generated methods' name for {@link #checkException} of a call given {@code sql}. */
  final SQLException fail(SQLException e, String sql) {
    return checkException(e, sql);
  }

  // ---- what this connection hands out: always wrapped, statements remembered ----

  final Statement wrap(Statement s) throws SQLException {
    return track(ProxyStatement.of(s, this));
  }

  /** A prepared statement of {@code sql}, which it remembers for {@code handleError}. */
  final PreparedStatement wrap(PreparedStatement s, String sql) throws SQLException {
    return track(ProxyPreparedStatement.of(s, this, sql));
  }

  /** A callable statement of {@code sql}, which it remembers for {@code handleError}. */
  final CallableStatement wrap(CallableStatement s, String sql) throws SQLException {
    return track(ProxyCallableStatement.of(s, this, sql));
  }

  final DatabaseMetaData wrap(DatabaseMetaData md) {
    return ProxyDatabaseMetaData.of(md, this);
  }

  ConnectionState state() {
    return entry.connectionState();
  }

  // ---- lifecycle ----

  /**
   * Takes the physical connection out of the pool for good (SQLAlchemy's {@code detach}): the pool
   * forgets it and fires detach, and {@link #close()} then closes it instead of giving it back,
   * after the reset and closeDetached events. Returns false, doing nothing, if this is closed or
   * invalidated; true if it is detached (now or before).
   */
  public boolean detach() {
    int before;
    do {
      before = flags;
      if ((before & (CLOSED | INVALIDATED)) != 0) {
        return false;
      }
      if ((before & DETACHED) != 0) {
        return true;
      }
    } while (!FLAGS.weakCompareAndSet(this, before, before | DETACHED));
    pool.detach(entry);
    return true;
  }

  /** Returns true once {@link #detach()} took the connection out of the pool. */
  public boolean isDetached() {
    return (flags & DETACHED) != 0;
  }

  /**
   * Closes the statements this connection created and still open, then gives the physical
   * connection back to the pool, or closes it if it was {@linkplain #detach() detached}.
   * Idempotent; any thread may call it.
   */
  @Override
  public void close() {
    int before = setFlags(CLOSED);
    if ((before & CLOSED) != 0) {
      return;
    }
    // an invalidated entry was (or is being) removed from the pool
    boolean giveBack = (before & INVALIDATED) == 0;
    boolean closeDetached = (before & DETACHED) != 0;
    closeTracked();
    if (onClose != null) {
      try {
        onClose.run();
      } catch (RuntimeException e) {
        log.debug("close hook of {} failed: {}", entry, e.toString());
      }
    }
    if (closeDetached && giveBack) {
      pool.closeDetached(entry); // the pool forgot it: reset, tell, and really close it
    } else if (closeDetached) {
      // invalidated after detaching: no pool will close it, and a broken one gets no reset
      try {
        raw.close();
      } catch (SQLException e) {
        log.debug("closing invalidated detached {} failed: {}", entry, e.toString());
      }
    } else if (giveBack) {
      pool.giveBack(entry);
    }
  }

  /** Closes the statements and metadata result sets still open; after {@link #CLOSED} is set. */
  private void closeTracked() {
    int n = (int) OPEN_COUNT.getVolatile(this); // after CLOSED is set: see track
    AutoCloseable[] slots = open;
    if (slots == null) {
      return;
    }
    for (int i = Math.min(n, slots.length) - 1; i >= 0; i--) {
      AutoCloseable resource = slots[i];
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        log.debug("closing {} with its connection failed: {}", resource, e.toString());
      }
    }
    open = null; // a closed connection keeps nothing alive
  }

  @Override
  public boolean isClosed() {
    return closed();
  }

  /** Returns false once closed or invalidated; otherwise asks the driver. */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if ((flags & (CLOSED | INVALIDATED)) != 0) {
      return false;
    }
    try {
      return raw.isValid(timeout);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  /**
   * Aborts the physical connection and removes it from the pool. A no-op once closed or aborted.
   */
  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw new SQLException("executor is null", "HY009");
    }
    if ((setFlags(CLOSED) & CLOSED) != 0) {
      return;
    }
    open = null; // the statements die with the physical connection
    try {
      raw.abort(executor);
    } catch (SQLException e) {
      throw checkException(e);
    } finally {
      pool.invalidate(entry, null);
    }
  }

  /**
   * Remembers a statement or metadata result set; closes it and throws if this was closed. Called
   * by the borrower's thread only (as every statement-making method is), so it takes no lock; a
   * close from another thread is handled by the store-then-load order of {@link #OPEN_COUNT}.
   */
  final <T extends AutoCloseable> T track(T resource) throws SQLException {
    AutoCloseable[] slots = open;
    int n = openCount;
    if (slots == null) {
      slots = new AutoCloseable[4];
      n = 0;
      open = slots;
    } else if (n == slots.length) {
      slots = compact(slots, n);
      n = liveCount(slots);
      open = slots; // a new array: a closer reading the old one sees it unchanged
    }
    slots[n] = resource;
    OPEN_COUNT.setVolatile(this, n + 1); // publishes the slot, then reads the flags below
    if (!closed()) {
      return resource;
    }
    try {
      resource.close(); // the closer may have missed it
    } catch (Exception e) {
      log.debug("closing {} made during close failed: {}", resource, e.toString());
    }
    throw closedException();
  }

  /** A copy of the open slots without the holes, with room for as many again (at least 4). */
  private static AutoCloseable[] compact(AutoCloseable[] slots, int n) {
    AutoCloseable[] copy = new AutoCloseable[Math.max(4, liveCount(slots) * 2)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (slots[i] != null) {
        copy[k++] = slots[i];
      }
    }
    return copy;
  }

  private static int liveCount(AutoCloseable[] slots) {
    int live = 0;
    for (AutoCloseable s : slots) {
      if (s != null) {
        live++;
      }
    }
    return live;
  }

  /** Returns how many slots the statement tracking holds now (0 before the first); for tests. */
  int trackedCapacity() {
    AutoCloseable[] slots = open;
    return slots == null ? 0 : slots.length;
  }

  /**
   * Called by a statement or metadata result set that was closed: clears its slot (slots never move
   * here, so a concurrent {@link #close()} cannot miss another one) and drops trailing holes. A
   * no-op once this connection is closed: the closer owns the slots then.
   */
  void forget(AutoCloseable resource) {
    if (closed()) {
      return;
    }
    AutoCloseable[] slots = open;
    if (slots == null) {
      return;
    }
    int n = Math.min(openCount, slots.length);
    for (int i = n - 1; i >= 0; i--) {
      if (slots[i] == resource) {
        slots[i] = null;
        if (i == n - 1) {
          while (n > 0 && slots[n - 1] == null) {
            n--;
          }
          // opaque (a plain store on x86): a closer that reads the older, larger count only
          // visits null slots
          OPEN_COUNT.setOpaque(this, n);
        }
        return;
      }
    }
  }

  /** Wraps a result set of the metadata; null stays null. */
  ResultSet wrapMetaData(ResultSet rs) throws SQLException {
    if (rs == null) {
      return null;
    }
    return track(ProxyResultSet.of(rs, this, null));
  }

  // ---- settings: recorded, then forwarded ----

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    try {
      state().beforeSetAutoCommit();
      raw.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    checkSessionCall(
        "setTransactionIsolation (pgjdbc sends SET SESSION CHARACTERISTICS)",
        "run SET TRANSACTION ISOLATION LEVEL ... as the transaction's first statement, use the"
            + " engine's API (ExecutionOptions.isolationLevel: set inside each transaction), or set"
            + " it for the role on the server (ALTER ROLE ... SET default_transaction_isolation)");
    try {
      state().beforeSetTransactionIsolation();
      raw.setTransactionIsolation(level);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    try {
      state().beforeSetReadOnly();
      raw.setReadOnly(readOnly);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    try {
      state().beforeSetCatalog();
      raw.setCatalog(catalog);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    checkSessionCall(
        "setSchema (pgjdbc sends SET SESSION search_path)",
        "write schema-qualified names, use SET LOCAL search_path inside the transaction, or set it"
            + " for the role on the server (ALTER ROLE ... SET search_path)");
    try {
      state().beforeSetSchema();
      raw.setSchema(schema);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    try {
      state().beforeSetNetworkTimeout();
      raw.setNetworkTimeout(executor, milliseconds);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    try {
      state().beforeSetHoldability();
      raw.setHoldability(holdability);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    beforeSetClientInfo();
    try {
      raw.setClientInfo(name, value);
    } catch (SQLClientInfoException e) {
      throw clientInfoFailure(checkException(e));
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    beforeSetClientInfo();
    try {
      raw.setClientInfo(properties);
    } catch (SQLClientInfoException e) {
      throw clientInfoFailure(checkException(e));
    }
  }

  private void beforeSetClientInfo() throws SQLClientInfoException {
    if ((flags & GUARD_SESSION) != 0) {
      throw new SQLClientInfoException(
          PgBouncerGuard.refusedCall(
                  "setClientInfo (pgjdbc sends SET application_name)",
                  "name the application in the URL (the engine's name is its application_name)")
              .getMessage(),
          PgBouncerGuard.SQL_STATE,
          0,
          Map.of());
    }
    if (closed()) {
      throw new SQLClientInfoException(CLOSED_MESSAGE, CLOSED_STATE, 0, Map.of());
    }
    if (invalidated()) {
      throw new SQLClientInfoException(INVALIDATED_MESSAGE, CLOSED_STATE, 0, Map.of());
    }
    try {
      state().beforeSetClientInfo();
    } catch (SQLException e) {
      throw clientInfoFailure(checkException(e));
    }
  }

  private static SQLClientInfoException clientInfoFailure(SQLException e) {
    if (e instanceof SQLClientInfoException) {
      return (SQLClientInfoException) e;
    }
    return new SQLClientInfoException(
        e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
  }

  // ---- transactions ----

  @Override
  public void commit() throws SQLException {
    checkOpen();
    awaitBegin();
    try {
      raw.commit();
    } catch (SQLException e) {
      throw checkException(e);
    } finally {
      awaitEnd();
    }
    state().markTransactionClean();
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    awaitBegin();
    try {
      raw.rollback();
    } catch (SQLException e) {
      throw checkException(e);
    } finally {
      awaitEnd();
    }
    state().markTransactionClean();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkOpen();
    state().markTransactionDirty(); // drivers start a transaction for it
    try {
      return raw.setSavepoint();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    state().markTransactionDirty();
    try {
      return raw.setSavepoint(name);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  // ---- metadata ----

  // ---- wrapper ----

  /**
   * Returns this proxy if it implements {@code iface}, else the driver's object (how borrowers
   * reach driver APIs); throws once closed.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    // Work done on the driver's own object bypasses our tracking: assume a transaction is open.
    entry.connectionState().markTransactionDirty();
    if (iface.isInstance(raw)) {
      return iface.cast(raw);
    }
    try {
      if (raw.isWrapperFor(iface)) {
        return raw.unwrap(iface);
      }
    } catch (SQLException e) {
      throw checkException(e);
    }
    throw new SQLException(
        "the connection does not wrap a " + iface.getName() + " (driver connection: " + raw + ")");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this) || iface.isInstance(raw)) {
      return true;
    }
    try {
      return raw.isWrapperFor(iface);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public String toString() {
    return "ProxyConnection["
        + entry
        + (invalidated() ? ", invalidated" : "")
        + (closed() ? ", closed by its borrower]" : "]");
  }
}
