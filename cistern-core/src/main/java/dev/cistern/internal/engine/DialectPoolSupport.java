package dev.cistern.internal.engine;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.pool.PoolListener;
import dev.cistern.internal.pool.PoolSupport;

/** Builds the {@link PoolSupport} of a pool from its dialect. */
public final class DialectPoolSupport {
  private DialectPoolSupport() {}

  /**
   * Returns support that tests connections with {@link Dialect#ping}, takes the dialect's {@link
   * Dialect#isDisconnect} as its disconnect test and {@link Dialect#isPermanentConnectError} as its
   * connect error test, and reports to {@code listener}.
   */
  public static PoolSupport of(Dialect dialect, PoolListener listener) {
    return new PoolSupport(
        dialect::ping, dialect::isDisconnect, listener, dialect::isPermanentConnectError);
  }

  /**
   * As {@link #of(Dialect, PoolListener)}, with the disconnect test of {@link Failover} for {@code
   * url} (a multi-host PostgreSQL URL that asks for the primary also treats SQLState 25006 as
   * lost).
   */
  static PoolSupport of(Dialect dialect, DatabaseUrl url, PoolListener listener) {
    return new PoolSupport(
        dialect::ping,
        Failover.disconnectTest(url, dialect),
        listener,
        dialect::isPermanentConnectError);
  }
}
