package dev.cistern.internal.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set handed to a borrower. It reports the proxy statement as its statement (never the
 * driver's), wraps its metadata, and is dead once it, its statement or its connection proxy is
 * closed. Result sets of {@link java.sql.DatabaseMetaData} belong to the connection, which
 * remembers them and closes them with itself; they have no statement. {@link
 * GeneratedProxyResultSet} adds the forwarding methods (getters, updaters, cursor moves).
 *
 * <p>A statement's result set is remembered by nobody (see {@link ProxyStatement}): it checks its
 * statement's closed mark instead, so that a proxy which does not escape the caller's method costs
 * no allocation.
 *
 * <p>A result set is used by the thread that borrowed its connection; only the closed marks are
 * read across threads (the connection may be closed from another thread), with acquire semantics (a
 * plain load on x86).
 */
@Forwarding
public abstract class ProxyResultSet implements ResultSet {
  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(ProxyResultSet.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ResultSet raw;
  final ProxyConnection connection;
  private final ProxyStatement statement;

  /** Set by {@link #close()}; read and written through {@link #CLOSED}. */
  @SuppressWarnings("unused")
  private boolean closed;

  ProxyResultSet(ResultSet raw, ProxyConnection connection, ProxyStatement statement) {
    this.raw = raw;
    this.connection = connection;
    this.statement = statement;
  }

  /** Wraps a result set of {@code statement}, or of the connection's metadata if it is null. */
  static ProxyResultSet of(ResultSet raw, ProxyConnection connection, ProxyStatement statement) {
    return new GeneratedProxyResultSet(raw, connection, statement);
  }

  /** Returns true once this result set, or its statement, was closed. */
  final boolean isClosedMark() {
    return (boolean) CLOSED.getAcquire(this) || (statement != null && statement.isClosedMark());
  }

  /** Throws if this result set (or its statement) was closed or its connection invalidated. */
  final void checkOpen() throws SQLException {
    if (isClosedMark()) {
      throw new SQLException("result set is closed", "HY010");
    }
    connection.checkNotInvalidated();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e, statement == null ? null : statement.sql());
  }

  final ResultSetMetaData wrap(ResultSetMetaData metaData) {
    return ProxyResultSetMetaData.of(metaData, connection);
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
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

  @Override
  public void close() throws SQLException {
    if ((boolean) CLOSED.getAcquire(this)) {
      return;
    }
    CLOSED.setRelease(this, true);
    try {
      raw.close();
    } catch (SQLException e) {
      throw fail(e);
    } finally {
      if (statement == null) {
        connection.forget(this);
      }
    }
  }

  @Override
  public String toString() {
    return "ProxyResultSet[" + raw + (isClosedMark() ? ", closed]" : "]");
  }
}
