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
 * @param lifo prefer the most recently used connection
 * @param resetOnReturn what to do with an open transaction on return
 * @param health pre-ping, recycle, idle timeout, keepalive, max uses
 */
public record PoolConfig(
    String name,
    int poolSize,
    int maxOverflow,
    Duration poolTimeout,
    int minIdle,
    boolean lifo,
    ResetOnReturn resetOnReturn,
    PoolHealth health) {

  /** Settings with the default health (see {@link PoolHealth#DEFAULT}). */
  public PoolConfig(
      String name,
      int poolSize,
      int maxOverflow,
      Duration poolTimeout,
      int minIdle,
      boolean lifo,
      ResetOnReturn resetOnReturn) {
    this(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, PoolHealth.DEFAULT);
  }

  /** Checks the values. */
  public PoolConfig {
    if (poolSize < 0) {
      throw new IllegalArgumentException("poolSize must be >= 0, was " + poolSize);
    }
    if (maxOverflow < -1) {
      throw new IllegalArgumentException("maxOverflow must be >= -1, was " + maxOverflow);
    }
    if (poolTimeout.isNegative()) {
      throw new IllegalArgumentException("poolTimeout must not be negative, was " + poolTimeout);
    }
    if (minIdle < 0 || (poolSize > 0 && minIdle > poolSize)) {
      throw new IllegalArgumentException(
          "minIdle must be between 0 and poolSize (" + poolSize + "), was " + minIdle);
    }
  }

  /**
   * Defaults as SQLAlchemy has them: 5 kept, 10 overflow, 30 s timeout, FIFO, rollback on return.
   */
  public static PoolConfig defaults(String name) {
    return new PoolConfig(
        name, 5, 10, Duration.ofSeconds(30), 0, false, ResetOnReturn.ROLLBACK, PoolHealth.DEFAULT);
  }

  /** Returns the most connections this pool may open, or {@link Integer#MAX_VALUE}. */
  public int maxSize() {
    if (poolSize == 0 || maxOverflow < 0) {
      return Integer.MAX_VALUE;
    }
    return poolSize + maxOverflow;
  }

  /** Returns a copy with another size and overflow. */
  public PoolConfig withSize(int poolSize, int maxOverflow) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, health);
  }

  /** Returns a copy with another timeout. */
  public PoolConfig withTimeout(Duration poolTimeout) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, health);
  }

  /** Returns a copy with LIFO on or off. */
  public PoolConfig withLifo(boolean lifo) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, health);
  }

  /** Returns a copy with another minIdle. */
  public PoolConfig withMinIdle(int minIdle) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, health);
  }

  /** Returns a copy with other health settings. */
  public PoolConfig withHealth(PoolHealth h) {
    return new PoolConfig(
        name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, resetOnReturn, h);
  }

  /** Returns a copy with another reset mode. */
  public PoolConfig withResetOnReturn(ResetOnReturn mode) {
    return new PoolConfig(name, poolSize, maxOverflow, poolTimeout, minIdle, lifo, mode, health);
  }
}
