package dev.cistern.internal.jdbc;

import java.sql.CallableStatement;

/**
 * A callable statement handed to a borrower; see {@link ProxyStatement}. It has no logic of its
 * own: {@link GeneratedProxyCallableStatement} adds the forwarding methods, OUT parameters
 * included.
 */
@Forwarding(to = "callable()", dirtyPrefixes = "execute")
public abstract class ProxyCallableStatement extends ProxyPreparedStatement
    implements CallableStatement {
  ProxyCallableStatement(CallableStatement raw, ProxyConnection connection, String sql) {
    super(raw, connection, sql);
  }

  /** Wraps a callable statement of {@code connection}, made with {@code sql}. */
  static ProxyCallableStatement of(CallableStatement raw, ProxyConnection connection, String sql) {
    return new GeneratedProxyCallableStatement(raw, connection, sql);
  }

  /** The driver's statement (a cast, not a field: the proxy stays 24 bytes). */
  final CallableStatement callable() {
    return (CallableStatement) raw;
  }
}
