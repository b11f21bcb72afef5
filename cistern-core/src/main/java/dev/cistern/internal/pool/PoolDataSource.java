package dev.cistern.internal.pool;

import dev.cistern.PoolTimeoutException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a {@link ConnectionPool}: every {@link #getConnection()} borrows a
 * connection, and closing it gives the connection back.
 *
 * <p>A pool that has no connection free in time throws {@link SQLTransientConnectionException}
 * (SQLState 08001) whose message describes the pool's state; a closed pool throws {@link
 * SQLNonTransientConnectionException} (SQLState 08003). The login timeout is only stored: the
 * pool's own timeout governs how long a borrower waits.
 */
public final class PoolDataSource implements DataSource {
  private final Pool pool;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  /** Creates a data source that borrows from {@code pool}. */
  public PoolDataSource(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    PoolEntry entry;
    try {
      entry = pool.acquire();
    } catch (PoolTimeoutException e) {
      throw new SQLTransientConnectionException(e.getMessage(), "08001", e);
    } catch (PoolClosedException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
    }
    return new ProxyConnection(entry, pool);
  }

  /** Not supported: every connection of a pool uses the credentials the pool was made with. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "pool '"
            + pool.config().name()
            + "' hands out connections with the credentials it was configured with;"
            + " getConnection(user, password) is not supported: use getConnection()",
        "0A000");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.cistern");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("PoolDataSource does not wrap a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "PoolDataSource[" + pool.config().name() + "]";
  }
}
