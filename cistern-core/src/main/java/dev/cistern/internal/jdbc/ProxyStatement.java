package dev.cistern.internal.jdbc;

import dev.cistern.internal.pool.ConnectionState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement handed to a borrower. {@link #getConnection()} returns the connection proxy, result
 * sets are wrapped in {@link ProxyResultSet}, and every {@code execute...} method notes that a
 * transaction may be open, so that the pool ends it when the connection comes back. Closing it
 * closes its result sets; closing the connection closes it.
 *
 * <p>This class holds only what is not plain forwarding; {@link GeneratedProxyStatement} (written
 * at build time, see {@link Forwarding}) adds every other method of {@link Statement}.
 *
 * <p>A statement is used by the thread that borrowed its connection; only {@link #closed} is read
 * across threads (the connection may be closed from another thread).
 */
@Forwarding(dirtyPrefixes = "execute")
public abstract class ProxyStatement implements Statement {
  private static final Logger log = LoggerFactory.getLogger(ProxyStatement.class);

  final Statement raw;
  final ProxyConnection connection;
  final ConnectionState state;
  volatile boolean closed;

  /**
   * The SQL a prepared or callable statement was made with, for the engine's {@code handleError}
   * listeners; null for a plain statement. Set before the statement is handed out.
   */
  String sql;

  /** Open result sets; allocated by the first one. */
  private ArrayList<ProxyResultSet> results;

  /** The result set returned last, so that getResultSet() returns the same proxy again. */
  private ProxyResultSet current;

  ProxyStatement(Statement raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
    this.state = connection.state();
  }

  /** Wraps a plain statement of {@code connection}. */
  static ProxyStatement of(Statement raw, ProxyConnection connection) {
    return new GeneratedProxyStatement(raw, connection);
  }

  /** Throws if this statement was closed or its connection invalidated. */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("statement is closed", "HY010");
    }
    connection.checkNotInvalidated();
  }

  /**
   * Checks the statement is open and notes that a transaction may now be open and that the
   * connection waits for the server.
   */
  final void beforeExecute() throws SQLException {
    checkOpen();
    state.markTransactionDirty();
    connection.awaitBegin();
  }

  /** Notes that the wait for the server ended (the generated executes call it last). */
  final void afterExecute() {
    connection.awaitEnd();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e, sql);
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
    if (closed) {
      return true;
    }
    try {
      return raw.isClosed();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  /** Closes the open result sets, then the driver's statement, and tells the connection. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    ArrayList<ProxyResultSet> open = results;
    results = null;
    current = null;
    if (open != null) {
      for (int i = open.size() - 1; i >= 0; i--) {
        try {
          open.get(i).close();
        } catch (SQLException | RuntimeException e) {
          log.debug("closing a result set of a closed statement failed: {}", e.toString());
        }
      }
    }
    try {
      raw.close();
    } catch (SQLException e) {
      throw fail(e);
    } finally {
      connection.forget(this);
    }
  }

  /** Wraps a result set of this statement, returning the proxy made last if it is the same. */
  final ResultSet wrap(ResultSet rs) {
    if (rs == null) {
      return null;
    }
    ProxyResultSet last = current;
    if (last != null && last.raw == rs && !last.closed) {
      return last;
    }
    ProxyResultSet proxy = ProxyResultSet.of(rs, connection, this);
    if (results == null) {
      results = new ArrayList<>(2);
    }
    results.add(proxy);
    current = proxy;
    return proxy;
  }

  /** Called by a result set that was closed. */
  final void forget(ProxyResultSet rs) {
    if (current == rs) {
      current = null;
    }
    ArrayList<ProxyResultSet> open = results;
    if (open != null) {
      int i = open.lastIndexOf(rs);
      if (i >= 0) {
        open.remove(i);
      }
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName().replace("Generated", "")
        + "["
        + raw
        + (closed ? ", closed]" : "]");
  }
}
