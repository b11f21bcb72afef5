package dev.cistern.internal.pool;

import dev.cistern.ResetOnReturn;
import java.time.Duration;

/**
 * The settings of one pool, checked once.
 *
 * @param name the pool's name, used in thread names, logs and errors
 * @param poolSize connections kept; 0 means no limit
 * @param maxOverflow extra connections beyond poolSize, closed on return; -1 means unlimited
 * @param poolTimeout how long a borrower waits
 * @param minIdle idle connections kept open by the background creator
 * @param order which idle connection a borrower gets (see {@link Order})
 * @param resetOnReturn what to do with an open transaction on return
 * @param health pre-ping, recycle, idle timeout, keepalive, max uses
 */
public record PoolConfig(
    String name,
    int poolSize,
    int maxOverflow,
    Duration poolTimeout,
    int minIdle,
    Order order,
    ResetOnReturn resetOnReturn,
    PoolHealth health) {

  /** Which idle connection a borrower gets. */
  public enum Order {
    /**
     * The default, when {@code poolUseLifo} is not set: a thread first tries the connection it
     * returned last (one uncontended CAS, no scan), else any idle one from a rotating position. The
     * fastest, and it keeps a thread on a warm connection, but it promises no order.
     */
    AFFINITY,
    /** Strictly the most recently returned idle connection first: few connections stay busy. */
    LIFO,
    /** Strictly the least recently returned idle connection first: every connection gets used. */
    FIFO;

    /** Returns LIFO for true and FIFO for false: an explicitly chosen order. */
    public static Order of(boolean lifo) {
      return lifo ? LIFO : FIFO;
    }
  }

  /** Settings with the default health (see {@link PoolHealth#DEFAULT}). */
  public PoolConfig(
      String name,
      int poolSize,
      int maxOverflow,
      Duration poolTimeout,
      int minIdle,
      Order order,
      ResetOnReturn resetOnReturn) {
    this(
        name,
        poolSize,
        maxOverflow,
        poolTimeout,
        minIdle,
        order,
        resetOnReturn,
        PoolHealth.DEFAULT);
  }

  /** Checks the values. */
  public PoolConfig {
    java.util.Objects.requireNonNull(order, "order");
    if (poolSize < 0) {
      throw new IllegalArgumentException("poolSize must be >= 0, was " + poolSize);
    }
    if (maxOverflow < -1) {
      throw new IllegalArgumentException("maxOverflow must be >= -1, was " + maxOverflow);
    }
    if (poolTimeout.isNegative()) {
      throw new IllegalArgumentException("poolTimeout must not be negative, was " + poolTimeout);
    }
    poolTimeout = PoolTime.saturate(poolTimeout); // beyond ~292 years: as long as it takes
    if (minIdle < 0 || (poolSize > 0 && minIdle > poolSize)) {
      throw new IllegalArgumentException(
          "minIdle must be between 0 and poolSize (" + poolSize + "), was " + minIdle);
    }
  }

  /**
   * Defaults as SQLAlchemy has them (5 kept, 10 overflow, 30 s timeout, rollback on return), with
   * the affinity order.
   */
  public static PoolConfig defaults(String name) {
    return new PoolConfig(
        name,
        5,
        10,
        Duration.ofSeconds(30),
        0,
        Order.AFFINITY,
        ResetOnReturn.ROLLBACK,
        PoolHealth.DEFAULT);
  }

  /** Returns the most connections this pool may open, or {@link Integer#MAX_VALUE}. */
  public int maxSize() {
    if (poolSize == 0 || maxOverflow < 0) {
      return Integer.MAX_VALUE;
    }
    // saturating: poolSize=2147483647 plus an overflow must not wrap to a negative maximum, which
    // would let no connection open and make every borrower wait out poolTimeout
    return (int) Math.min(Integer.MAX_VALUE, (long) poolSize + maxOverflow);
  }

  /** Returns a copy with another size and overflow. */
  public PoolConfig withSize(int poolSize, int maxOverflow) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, order, resetOnReturn, health);
  }

  /** Returns a copy with another timeout. */
  public PoolConfig withTimeout(Duration poolTimeout) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, order, resetOnReturn, health);
  }

  /** Returns a copy with strict LIFO (true) or strict FIFO (false) order. */
  public PoolConfig withLifo(boolean lifo) {
    return withOrder(Order.of(lifo));
  }

  /** Returns a copy with another order. */
  public PoolConfig withOrder(Order order) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, order, resetOnReturn, health);
  }

  /** Returns a copy with another minIdle. */
  public PoolConfig withMinIdle(int minIdle) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, order, resetOnReturn, health);
  }

  /** Returns a copy with other health settings. */
  public PoolConfig withHealth(PoolHealth h) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, order, resetOnReturn, h);
  }

  /** Returns a copy with another reset mode. */
  public PoolConfig withResetOnReturn(ResetOnReturn mode) {
    return new PoolConfig(name, poolSize, maxOverflow, poolTimeout, minIdle, order, mode, health);
  }
}
