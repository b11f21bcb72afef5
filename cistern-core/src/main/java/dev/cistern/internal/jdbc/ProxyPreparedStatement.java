package dev.cistern.internal.jdbc;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;

/**
 * A prepared statement handed to a borrower; see {@link ProxyStatement}. Its executions, too, note
 * that a transaction may be open; its metadata is wrapped like every JDBC object Cistern hands out.
 * {@link GeneratedProxyPreparedStatement} adds the forwarding methods.
 */
@Forwarding(to = "prepared()", dirtyPrefixes = "execute")
public abstract class ProxyPreparedStatement extends ProxyStatement implements PreparedStatement {
  ProxyPreparedStatement(PreparedStatement raw, ProxyConnection connection, String sql) {
    super(raw, connection, sql);
  }

  /** Wraps a prepared statement of {@code connection}, made with {@code sql}. */
  static ProxyPreparedStatement of(PreparedStatement raw, ProxyConnection connection, String sql) {
    return new GeneratedProxyPreparedStatement(raw, connection, sql);
  }

  /** The driver's statement (a cast, not a field: the proxy stays 24 bytes). */
  final PreparedStatement prepared() {
    return (PreparedStatement) raw;
  }

  final ResultSetMetaData wrap(ResultSetMetaData metaData) {
    return ProxyResultSetMetaData.of(metaData, connection);
  }

  final ParameterMetaData wrap(ParameterMetaData metaData) {
    return ProxyParameterMetaData.of(metaData, connection);
  }
}
