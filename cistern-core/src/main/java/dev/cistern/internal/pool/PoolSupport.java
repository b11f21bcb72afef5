package dev.cistern.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a pool needs from its engine and dialect: how to test a connection, which errors mean
 * "disconnected", which connect errors retrying cannot fix, and who listens to its events.
 *
 * @param validator tests a connection within a timeout
 * @param disconnect tells whether an error means the connection is gone
 * @param listener receives the pool's events
 * @param permanentConnectError tells whether an error from opening a connection will not heal by
 *     retrying (wrong password, unknown database, missing driver, ...): the borrowers waiting for
 *     that opening then fail at once
 * @param holders describes the borrowed entries for a {@link dev.cistern.PoolTimeoutException} (who
 *     holds them, since when), or returns null to say nothing; called only when a borrower times
 *     out
 */
public record PoolSupport(
    Validator validator,
    Predicate<SQLException> disconnect,
    PoolListener listener,
    Predicate<Throwable> permanentConnectError,
    Function<List<PoolEntry>, String> holders) {

  /** Support that does not describe the holders of a busy pool. */
  public PoolSupport(
      Validator validator,
      Predicate<SQLException> disconnect,
      PoolListener listener,
      Predicate<Throwable> permanentConnectError) {
    this(validator, disconnect, listener, permanentConnectError, entries -> null);
  }

  /** Support with the default connect error test ({@link #isPermanentByDefault}). */
  public PoolSupport(
      Validator validator, Predicate<SQLException> disconnect, PoolListener listener) {
    this(validator, disconnect, listener, PoolSupport::isPermanentByDefault);
  }

  /**
   * The connect error test without a dialect: an unchecked exception (a missing driver, a bad URL,
   * a driver bug: nothing the network causes) or SQLState class 28 (authorization) or 3D000
   * (unknown database) is permanent; every other error may heal.
   */
  public static boolean isPermanentByDefault(Throwable t) {
    if (!(t instanceof SQLException)) {
      return t instanceof RuntimeException;
    }
    String state = ((SQLException) t).getSQLState();
    return state != null && (state.startsWith("28") || state.equals("3D000"));
  }

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
              return c.isValid(PoolTime.jdbcSeconds(timeout));
            } catch (SQLException e) {
              return false;
            }
          },
          e -> e.getSQLState() != null && e.getSQLState().startsWith("08"),
          PoolListener.NONE);

  /** Returns a copy with another listener. */
  public PoolSupport withListener(PoolListener l) {
    return new PoolSupport(validator, disconnect, l, permanentConnectError, holders);
  }

  /** Returns a copy that describes the holders of a busy pool with {@code h}. */
  public PoolSupport withHolders(Function<List<PoolEntry>, String> h) {
    return new PoolSupport(validator, disconnect, listener, permanentConnectError, h);
  }
}
