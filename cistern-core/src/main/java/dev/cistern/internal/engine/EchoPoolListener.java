package dev.cistern.internal.engine;

import dev.cistern.EngineListener.ResetState;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the pool's events, one line each, for the engine's {@code echoPool} option: to the SLF4J
 * logger {@value #LOGGER}, at INFO (as {@code echo} logs statements). A line reads like {@code pool
 * 'orders': connection #3 checked out (uses 12)}. Nothing logged carries a URL or credentials.
 */
public final class EchoPoolListener implements PoolListener {
  /** The logger's name. */
  public static final String LOGGER = "dev.cistern.pool";

  private final Logger log;
  private final String pool;

  /** Creates an echo for the pool (engine) {@code pool}. */
  public EchoPoolListener(String pool) {
    this(pool, LoggerFactory.getLogger(LOGGER));
  }

  /** Creates an echo writing to {@code log}; for tests. */
  public EchoPoolListener(String pool, Logger log) {
    this.pool = pool;
    this.log = log;
  }

  private static String why(Throwable cause) {
    if (cause == null) {
      return "no cause given";
    }
    String m = cause.getMessage();
    return m == null ? cause.getClass().getName() : m;
  }

  @Override
  public void connect(PoolEntry e) {
    log.info("pool '{}': connection #{} opened", pool, e.id());
  }

  @Override
  public void firstConnect(PoolEntry e) {
    log.info("pool '{}': connection #{} is the pool's first", pool, e.id());
  }

  @Override
  public void checkout(PoolEntry e) {
    if (log.isInfoEnabled()) {
      log.info("pool '{}': connection #{} checked out (uses {})", pool, e.id(), e.uses());
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    log.info("pool '{}': connection #{} checked in", pool, e.id());
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    if (log.isInfoEnabled()) {
      log.info(
          "pool '{}': connection #{} resetting ({}{})",
          pool,
          e.id(),
          state.kind().name().toLowerCase(java.util.Locale.ROOT),
          state.detached() ? ", detached" : state.terminateOnly() ? ", to be closed" : "");
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    if (log.isInfoEnabled()) {
      log.info("pool '{}': connection #{} invalidated: {}", pool, e.id(), why(cause));
    }
  }

  @Override
  public void softInvalidate(Throwable cause) {
    if (log.isInfoEnabled()) {
      log.info("pool '{}': all connections soft-invalidated: {}", pool, why(cause));
    }
  }

  @Override
  public void close(PoolEntry e) {
    log.info("pool '{}': connection #{} closed", pool, e.id());
  }

  @Override
  public void detach(PoolEntry e) {
    log.info("pool '{}': connection #{} detached", pool, e.id());
  }

  @Override
  public void closeDetached(PoolEntry e) {
    log.info("pool '{}': detached connection #{} closed", pool, e.id());
  }

  @Override
  public void disposed() {
    log.info("pool '{}': disposed", pool);
  }
}
