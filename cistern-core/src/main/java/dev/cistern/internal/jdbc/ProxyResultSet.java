package dev.cistern.internal.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set handed to a borrower. It reports the proxy statement as its statement (never the
 * driver's), wraps its metadata, and is closed when its statement or connection proxy closes.
 * Result sets of {@link java.sql.DatabaseMetaData} belong to the connection and have no statement.
 * {@link GeneratedProxyResultSet} adds the forwarding methods (getters, updaters, cursor moves).
 *
 * <p>A result set is used by the thread that borrowed its connection; only {@link #closed} is read
 * across threads (the connection may be closed from another thread).
 */
@Forwarding
public abstract class ProxyResultSet implements ResultSet {
  final ResultSet raw;
  final ProxyConnection connection;
  private final ProxyStatement statement;
  volatile boolean closed;

  ProxyResultSet(ResultSet raw, ProxyConnection connection, ProxyStatement statement) {
    this.raw = raw;
    this.connection = connection;
    this.statement = statement;
  }

  /** Wraps a result set of {@code statement}, or of the connection's metadata if it is null. */
  static ProxyResultSet of(ResultSet raw, ProxyConnection connection, ProxyStatement statement) {
    return new GeneratedProxyResultSet(raw, connection, statement);
  }

  /** Throws if this result set was closed or its connection invalidated. */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("result set is closed", "HY010");
    }
    connection.checkNotInvalidated();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e, statement == null ? null : statement.sql);
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
    if (closed) {
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
    if (closed) {
      return;
    }
    closed = true;
    try {
      raw.close();
    } catch (SQLException e) {
      throw fail(e);
    } finally {
      if (statement != null) {
        statement.forget(this);
      } else {
        connection.forget(this);
      }
    }
  }

  @Override
  public String toString() {
    return "ProxyResultSet[" + raw + (closed ? ", closed]" : "]");
  }
}
