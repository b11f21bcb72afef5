package dev.cistern.internal.jdbc;

import dev.cistern.CisternException;
import dev.cistern.EngineClosedException;
import dev.cistern.PoolTimeoutException;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolClosedException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one {@link DataSource} of Cistern: an engine's ({@code engine.dataSource()}) and a bare
 * pool's ({@link #forPool}) differ only in how they borrow.
 *
 * <p>A borrow that times out throws {@link SQLTransientConnectionException} (SQLState 08001) whose
 * message describes the pool's state; a closed engine or pool throws {@link
 * SQLNonTransientConnectionException} (SQLState 08003); any other Cistern error is an {@link
 * SQLException} (08001) with it as the cause. The login timeout is only stored: the pool's own
 * timeout governs how long a borrower waits. {@code getConnection(user, password)} is refused:
 * every connection uses the credentials the engine was made with. Logging goes through SLF4J, so
 * {@link #getParentLogger()} throws, as JDBC asks of a data source that does not use {@code
 * java.util.logging}.
 *
 * <p>{@link #close()} closes what it was made over when that is closeable (the engine, with its
 * {@code closeGrace}): a container that owns the bean (Spring calls a bean's {@code close()} when
 * its context closes) thereby leaves no session open. Code that only borrows through it never calls
 * {@code close()}.
 */
public final class JdbcDataSource implements DataSource, AutoCloseable {
  /** Borrows one connection. */
  @FunctionalInterface
  public interface Checkout {
    /** Returns a borrowed connection, or throws a {@link CisternException} saying why not. */
    Connection borrow() throws SQLException;
  }

  private final String description;
  private final Checkout checkout;
  private final Object owner;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  /**
   * A data source called {@code description} (such as {@code engine 'orders'}) that borrows with
   * {@code checkout}; {@link #unwrap} also hands out {@code owner} (may be null).
   */
  public JdbcDataSource(String description, Checkout checkout, Object owner) {
    this.description = description;
    this.checkout = checkout;
    this.owner = owner;
  }

  /** A data source over a bare pool, without an engine (tests and the benchmark's bare pool). */
  public static JdbcDataSource forPool(Pool pool) {
    return new JdbcDataSource(
        "pool '" + pool.config().name() + "'",
        () -> ProxyConnection.of(pool.acquire(), pool),
        null);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return checkout.borrow();
    } catch (CisternException e) {
      throw translate(e);
    }
  }

  /**
   * The JDBC exception for a failed checkout. Kept out of {@link #getConnection()} so that the
   * compiled code of that method stays below C2's {@code InlineSmallCode} (2,500 bytes on x86):
   * above it, a caller compiled after it no longer inlines it, and the connection it returns can no
   * longer be scalar-replaced in the caller (40 bytes per borrow that does not escape).
   */
  private static SQLException translate(CisternException e) {
    if (e instanceof PoolTimeoutException) {
      return new SQLTransientConnectionException(e.getMessage(), "08001", e);
    }
    if (e instanceof EngineClosedException || e instanceof PoolClosedException) {
      return new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
    }
    return new SQLException(e.getMessage(), "08001", e);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        description
            + " hands out connections with the credentials it was made with; getConnection(user,"
            + " password) is not supported: set them in the URL or with"
            + " Engine.Builder.credentials(...), and use getConnection()",
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
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Cistern logs through SLF4J, not java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(owner)) {
      return iface.cast(owner);
    }
    throw new SQLException(
        "the data source of " + description + " does not wrap a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this) || iface.isInstance(owner);
  }

  /**
   * Closes the owner (the engine) if it is closeable; a data source over a bare pool has nothing to
   * close.
   */
  @Override
  public void close() throws Exception {
    if (owner instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "DataSource(" + description + ")";
  }
}
