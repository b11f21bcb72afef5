package dev.cistern.internal.pool;

import dev.cistern.CisternException;

/**
 * A borrower asked a pool that has been closed (its engine was closed or disposed) for a
 * connection.
 *
 * <p>Internal: it never reaches a user. {@code Engine.checkout} turns it into {@code
 * EngineClosedException} when the engine is closed and borrows from the fresh pool when the engine
 * was only disposed; the engine's DataSource reports that as SQLState 08003, and {@link
 * PoolDataSource} (the bare pool's JDBC face, for benchmarks and tests) turns it into a {@code
 * SQLNonTransientConnectionException} itself.
 */
public final class PoolClosedException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the pool. */
  public PoolClosedException(String poolName) {
    super("pool '" + poolName + "' is closed");
  }
}
