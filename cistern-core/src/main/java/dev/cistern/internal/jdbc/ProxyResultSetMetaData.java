package dev.cistern.internal.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The column metadata of a result set or prepared statement handed to a borrower. Drivers may make
 * a round trip here (pgjdbc looks up type and table details), so a disconnect must be classified
 * like any other: every call checks the connection proxy is still the borrower's and passes a
 * driver error through its disconnect check. {@link GeneratedProxyResultSetMetaData} adds the
 * forwarding methods.
 */
@Forwarding
abstract class ProxyResultSetMetaData implements ResultSetMetaData {
  final ResultSetMetaData raw;
  private final ProxyConnection connection;

  ProxyResultSetMetaData(ResultSetMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Wraps {@code raw}, or returns null for null. */
  static ResultSetMetaData of(ResultSetMetaData raw, ProxyConnection connection) {
    return raw == null ? null : new GeneratedProxyResultSetMetaData(raw, connection);
  }

  final void checkOpen() throws SQLException {
    connection.checkOpen();
  }

  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }
}
