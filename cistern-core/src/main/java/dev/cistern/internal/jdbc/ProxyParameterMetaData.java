package dev.cistern.internal.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * The parameter metadata of a prepared statement handed to a borrower: checked and classified like
 * every other JDBC object Cistern hands out (see {@link ProxyResultSetMetaData}). {@link
 * GeneratedProxyParameterMetaData} adds the forwarding methods.
 */
@Forwarding
abstract class ProxyParameterMetaData implements ParameterMetaData {
  final ParameterMetaData raw;
  private final ProxyConnection connection;

  ProxyParameterMetaData(ParameterMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Wraps {@code raw}, or returns null for null. */
  static ParameterMetaData of(ParameterMetaData raw, ProxyConnection connection) {
    return raw == null ? null : new GeneratedProxyParameterMetaData(raw, connection);
  }

  final void checkOpen() throws SQLException {
    connection.checkOpen();
  }

  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }
}
