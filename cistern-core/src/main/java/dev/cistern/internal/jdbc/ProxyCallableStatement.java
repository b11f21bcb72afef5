package dev.cistern.internal.jdbc;

import java.sql.CallableStatement;

/**
 * A callable statement handed to a borrower; see {@link ProxyStatement}. It has no logic of its
 * own: {@link GeneratedProxyCallableStatement} adds the forwarding methods, OUT parameters
 * included.
 */
@Forwarding(to = "callable", dirtyPrefixes = "execute")
public abstract class ProxyCallableStatement extends ProxyPreparedStatement
    implements CallableStatement {
  final CallableStatement callable;

  ProxyCallableStatement(CallableStatement raw, ProxyConnection connection) {
    super(raw, connection);
    this.callable = raw;
  }

  /** Wraps a callable statement of {@code connection}. */
  static ProxyCallableStatement of(CallableStatement raw, ProxyConnection connection) {
    return new GeneratedProxyCallableStatement(raw, connection);
  }
}
