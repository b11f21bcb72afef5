package dev.cistern.internal.sql;

import java.sql.Connection;

/**
 * Tells whether a connection was lost, as far as whoever handed it out knows: the SQL layer asks
 * this to word its errors (a lost connection gets a {@code DisconnectedException} telling the
 * caller to borrow another). It lets this package stay ignorant of the pool: the engine supplies
 * the answer its pool's proxies give.
 */
@FunctionalInterface
public interface ConnectionHealth {
  /** Knows nothing: no connection is taken for lost. */
  ConnectionHealth UNKNOWN = c -> false;

  /** Returns true if {@code connection} was lost and invalidated by its pool. */
  boolean isLost(Connection connection);
}
