package dev.cistern.internal.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of a {@link ProxyConnection}: returns the connection proxy from {@link
 * #getConnection()}, and wraps the result sets it returns so that closing the connection closes
 * them. Its queries (every method returning a result set) note that a transaction may be open:
 * drivers answer them with SQL. {@link GeneratedProxyDatabaseMetaData} adds the forwarding methods.
 */
@Forwarding(dirtyResultSets = true)
public abstract class ProxyDatabaseMetaData implements DatabaseMetaData {
  final DatabaseMetaData raw;
  final ProxyConnection connection;

  ProxyDatabaseMetaData(DatabaseMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Wraps the metadata of {@code connection}. */
  static ProxyDatabaseMetaData of(DatabaseMetaData raw, ProxyConnection connection) {
    return new GeneratedProxyDatabaseMetaData(raw, connection);
  }

  /** Throws if the connection was closed. */
  final void checkOpen() throws SQLException {
    connection.checkOpen();
  }

  /**
   * Checks the connection is open and notes that a transaction may now be open and that the
   * connection waits for the server.
   */
  final void beforeExecute() throws SQLException {
    connection.checkOpen();
    connection.state().markTransactionDirty();
    connection.awaitBegin();
  }

  /** Notes that the wait for the server ended (the generated queries call it last). */
  final void afterExecute() {
    connection.awaitEnd();
  }

  /** Wraps a result set so that closing the connection closes it. */
  final ResultSet wrap(ResultSet rs) throws SQLException {
    return connection.wrapMetaData(rs);
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }
}
