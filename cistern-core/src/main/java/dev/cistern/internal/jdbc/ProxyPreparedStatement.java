package dev.cistern.internal.jdbc;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;

/**
 * A prepared statement handed to a borrower; see {@link ProxyStatement}. Its executions, too, note
 * that a transaction may be open; its metadata is wrapped like every JDBC object Cistern hands out.
 * {@link GeneratedProxyPreparedStatement} adds the forwarding methods.
 */
@Forwarding(to = "prepared", dirtyPrefixes = "execute")
public abstract class ProxyPreparedStatement extends ProxyStatement implements PreparedStatement {
  final PreparedStatement prepared;

  ProxyPreparedStatement(PreparedStatement raw, ProxyConnection connection) {
    super(raw, connection);
    this.prepared = raw;
  }

  /** Wraps a prepared statement of {@code connection}. */
  static ProxyPreparedStatement of(PreparedStatement raw, ProxyConnection connection) {
    return new GeneratedProxyPreparedStatement(raw, connection);
  }

  final ResultSetMetaData wrap(ResultSetMetaData metaData) {
    return ProxyResultSetMetaData.of(metaData, connection);
  }

  final ParameterMetaData wrap(ParameterMetaData metaData) {
    return ProxyParameterMetaData.of(metaData, connection);
  }
}
