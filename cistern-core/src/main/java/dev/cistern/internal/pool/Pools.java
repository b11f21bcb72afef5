package dev.cistern.internal.pool;

import dev.cistern.PoolClass;

/**
 * Makes the pool of a given kind: the engine's one place that turns {@link PoolClass} into a {@link
 * Pool}.
 */
public final class Pools {
  private Pools() {}

  /**
   * Creates a pool of kind {@code kind}. Only the queue pool opens connections before a checkout
   * asks (its {@code minIdle}); the other kinds open theirs on the borrower's thread.
   */
  public static Pool create(
      PoolClass kind,
      PoolConfig config,
      ConnectionFactory factory,
      Ticker ticker,
      PoolSupport support) {
    return switch (kind) {
      case QUEUE -> new ConnectionPool(config, factory, ticker, support);
      case NULL -> new NullPool(config, factory, ticker, support);
      case STATIC -> new StaticPool(config, factory, ticker, support);
      case SINGLETON_THREAD -> new SingletonThreadPool(config, factory, ticker, support);
      case ASSERTION -> new AssertionPool(config, factory, ticker, support);
    };
  }
}
