package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.Engine;
import dev.cistern.EngineClosedException;
import dev.cistern.PoolTimeoutException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The JDBC face of an engine: each {@link #getConnection()} borrows from the engine's current pool,
 * so it follows {@code dispose()}. Errors are {@link SQLException}s, as JDBC wants.
 */
public final class EngineDataSource implements DataSource {
  private final Engine engine;
  private final Supplier<Connection> checkout;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  /** Wraps the engine; {@code checkout} borrows a connection from it. */
  public EngineDataSource(Engine engine, Supplier<Connection> checkout) {
    this.engine = engine;
    this.checkout = checkout;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return checkout.get();
    } catch (PoolTimeoutException e) {
      throw new SQLTransientConnectionException(e.getMessage(), "08001", e);
    } catch (EngineClosedException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
    } catch (CisternException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "an engine's connections all use the engine's credentials; set them in its URL or with"
            + " Engine.Builder.credentials(...)");
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
    throw new SQLFeatureNotSupportedException("Cistern logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(engine)) {
      return iface.cast(engine);
    }
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(engine) || iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "EngineDataSource(" + engine.name() + ")";
  }
}
