package dev.cistern.testkit.stub;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over one {@link StubDatabase}: every {@link #getConnection()} opens a new
 * physical {@link StubConnection}, applying the database's connect faults. User and password are
 * ignored.
 */
public final class StubDataSource implements DataSource {

  private final StubDatabase database;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  /**
   * A data source over {@code database}.
   *
   * @param database the stub database to open connections to
   */
  public StubDataSource(StubDatabase database) {
    if (database == null) {
      throw new IllegalArgumentException("database is null");
    }
    this.database = database;
  }

  /**
   * A data source over the database called {@code name}, created if needed.
   *
   * @param name the stub database's name
   */
  public StubDataSource(String name) {
    this(StubDatabase.named(name));
  }

  /**
   * The database connections are opened to.
   *
   * @return the database
   */
  public StubDatabase database() {
    return database;
  }

  @Override
  public StubConnection getConnection() throws SQLException {
    return database.connect();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return database.connect();
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
    return Logger.getLogger(StubDataSource.class.getPackageName());
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return StubSupport.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface != null && iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "StubDataSource[" + database.name() + "]";
  }
}
