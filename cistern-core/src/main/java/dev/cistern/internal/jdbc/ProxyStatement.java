package dev.cistern.internal.jdbc;

import dev.cistern.internal.sql.ResultSetHandover;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement handed to a borrower. {@link #getConnection()} returns the connection proxy, result
 * sets are wrapped in {@link ProxyResultSet}, and every {@code execute...} method notes that a
 * transaction may be open, so that the pool ends it when the connection comes back. Closing it
 * closes its result sets; closing the connection closes it.
 *
 * <p>This class holds only what is not plain forwarding; {@link GeneratedProxyStatement} (written
 * at build time, see {@link Forwarding}) adds every other method of {@link Statement}.
 *
 * <p>The statement cycle allocates as little as it can, because it runs once per query:
 *
 * <ul>
 *   <li>The proxy is 24 bytes: the driver's statement, the connection, and one field ({@link
 *       #memo}) for the SQL text, the result set {@link #getResultSet()} returned, and the closed
 *       mark.
 *   <li>Result sets are not remembered (HikariCP does the same): a result set proxy that does not
 *       escape the caller's method costs nothing, the JIT removes it. Each result set checks this
 *       statement's closed mark, so closing the statement (or its connection, which closes it)
 *       kills its result sets; the driver's statement closes the driver's result sets, as JDBC
 *       requires of {@link Statement#close()}. Only {@link #getResultSet()} keeps its proxy, so
 *       that calling it again returns the same object.
 *   <li>Nothing here writes a volatile field: the closed mark is written with release and read with
 *       acquire semantics, which on x86 are plain moves.
 * </ul>
 *
 * <p>A statement is used by the thread that borrowed its connection; only the closed mark is shared
 * across threads (the connection may be closed from another thread).
 */
@Forwarding(dirtyPrefixes = "execute")
public abstract class ProxyStatement implements Statement, ResultSetHandover {
  /** The {@link #memo} of a closed statement. */
  private static final Object CLOSED =
      new Object() {
        @Override
        public String toString() {
          return "closed";
        }
      };

  private static final VarHandle MEMO;

  static {
    try {
      MEMO = MethodHandles.lookup().findVarHandle(ProxyStatement.class, "memo", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Statement raw;
  final ProxyConnection connection;

  /**
   * One field for three things, so that the proxy stays 24 bytes: null (open, no SQL: a plain
   * statement), the SQL text a prepared or callable statement was made with (for the engine's
   * {@code handleError} listeners), a {@link Remembered} once {@link #getResultSet()} was called,
   * or {@link #CLOSED}. Read with acquire, written with release (or CAS where an owner's write
   * could undo a concurrent close); see {@link #MEMO}.
   */
  @SuppressWarnings("unused") // through MEMO
  private Object memo;

  /** The SQL text and the proxy {@link #getResultSet()} returned last. */
  private static final class Remembered {
    final String sql;
    ProxyResultSet current;

    Remembered(String sql) {
      this.sql = sql;
    }
  }

  /**
   * Wraps {@code raw} of {@code connection}; {@code sql} is the SQL text of a prepared or callable
   * statement (null for a plain one), for the engine's {@code handleError} listeners.
   */
  ProxyStatement(Statement raw, ProxyConnection connection, String sql) {
    this.raw = raw;
    this.connection = connection;
    this.memo = sql; // published with the proxy: the connection's tracking write follows
  }

  /** Wraps a plain statement of {@code connection}. */
  static ProxyStatement of(Statement raw, ProxyConnection connection) {
    return new GeneratedProxyStatement(raw, connection, null);
  }

  /** Returns the SQL text of a prepared or callable statement; null for a plain or closed one. */
  final String sql() {
    return sqlOf(MEMO.getAcquire(this));
  }

  private static String sqlOf(Object memo) {
    if (memo instanceof String s) {
      return s;
    }
    return memo instanceof Remembered r ? r.sql : null;
  }

  /**
   * Returns true once this statement or its connection was closed. The connection closes its
   * statements, but the statement does not rely on that alone: used from another thread against the
   * rules, the connection's lock-free tracking might miss it, and a statement of a closed
   * connection must never reach the driver's connection, which may belong to another borrower.
   */
  final boolean isClosedMark() {
    return MEMO.getAcquire(this) == CLOSED || connection.isClosed();
  }

  /** Throws if this statement (or its connection) was closed or its connection invalidated. */
  /** Refuses {@code sql} if its connection guards the server session (PgBouncer). */
  final void checkSql(String sql) throws SQLException {
    connection.checkSql(sql);
  }

  final void checkOpen() throws SQLException {
    if (isClosedMark()) {
      throw closedException();
    }
    connection.checkNotInvalidated();
  }

  private static SQLException closedException() {
    return new SQLException("statement is closed", "HY010");
  }

  /**
   * Checks the statement is open and notes that a transaction may now be open and that the
   * connection waits for the server.
   */
  final void beforeExecute() throws SQLException {
    checkOpen();
    connection.state().markTransactionDirty();
    connection.awaitBegin();
  }

  /** Notes that the wait for the server ended (the generated executes call it last). */
  final void afterExecute() {
    connection.awaitEnd();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e, sql());
  }

  /** Like {@link #fail(SQLException)} for a call that ran {@code text} (a plain statement's). */
  final SQLException fail(SQLException e, String text) {
    return connection.checkException(e, text);
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public boolean isClosed() throws SQLException {
    if (isClosedMark()) {
      return true;
    }
    try {
      return raw.isClosed();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  /**
   * Closes the driver's statement (which closes the driver's result sets; the proxies see the
   * closed mark) and tells the connection.
   */
  @Override
  public void close() throws SQLException {
    Object memo = MEMO.getAcquire(this);
    if (memo == CLOSED) {
      return;
    }
    MEMO.setRelease(this, CLOSED); // a concurrent close writes the same: no CAS needed
    try {
      raw.close();
    } catch (SQLException e) {
      throw connection.checkException(e, sqlOf(memo));
    } finally {
      connection.forget(this);
    }
  }

  /**
   * Wraps a result set of this statement (null stays null). The proxy is not remembered: a caller
   * that does not let it escape its method allocates nothing for it.
   */
  final ResultSet wrap(ResultSet rs) {
    if (rs == null) {
      return null;
    }
    return ProxyResultSet.of(rs, connection, this);
  }

  /**
   * Returns the current result, wrapped; the same proxy again while the driver returns the same
   * result set and the proxy is open, as JDBC's "once per result" callers expect.
   */
  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    ResultSet rs;
    try {
      rs = raw.getResultSet();
    } catch (SQLException e) {
      throw fail(e);
    }
    if (rs == null) {
      return null;
    }
    Object memo = MEMO.getAcquire(this);
    if (memo instanceof Remembered r) {
      ProxyResultSet last = r.current;
      if (last != null && last.raw == rs && !last.isClosedMark()) {
        return last;
      }
      r.current = ProxyResultSet.of(rs, connection, this);
      return r.current;
    }
    Remembered r = new Remembered(sqlOf(memo));
    r.current = ProxyResultSet.of(rs, connection, this);
    if (memo == CLOSED || !MEMO.compareAndSet(this, memo, r)) {
      throw closedException(); // only a close changes the memo of an open statement
    }
    return r.current;
  }

  /** The current result set, wrapped but not remembered (unlike {@link #getResultSet()}). */
  @Override
  public ResultSet handOverResultSet() throws SQLException {
    checkOpen();
    try {
      return wrap(raw.getResultSet());
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName().replace("Generated", "")
        + "["
        + raw
        + (isClosedMark() ? ", closed]" : "]");
  }
}
