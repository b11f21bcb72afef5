package dev.cistern.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a pool needs from its engine and dialect: how to test a connection, which errors mean
 * "disconnected", and who listens to its events.
 *
 * @param validator tests a connection within a timeout
 * @param disconnect tells whether an error means the connection is gone
 * @param listener receives the pool's events
 */
public record PoolSupport(
    Validator validator, Predicate<SQLException> disconnect, PoolListener listener) {

  /** Tests a connection's liveness. */
  @FunctionalInterface
  public interface Validator {
    /** Returns true if the connection answers within {@code timeout}. */
    boolean isAlive(Connection c, Duration timeout);
  }

  /** JDBC's isValid, SQLState class 08 as disconnects, and no listener. */
  public static final PoolSupport DEFAULT =
      new PoolSupport(
          (c, timeout) -> {
            try {
              return c.isValid((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            } catch (SQLException e) {
              return false;
            }
          },
          e -> e.getSQLState() != null && e.getSQLState().startsWith("08"),
          PoolListener.NONE);

  /** Returns a copy with another listener. */
  public PoolSupport withListener(PoolListener l) {
    return new PoolSupport(validator, disconnect, l);
  }
}
