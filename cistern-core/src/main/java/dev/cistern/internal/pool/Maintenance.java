package dev.cistern.internal.pool;

import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's periodic upkeep: advances the coarse clock, closes idle connections above minIdle that
 * idled past idleTimeout, retires expired and stale idle ones, pings idle ones every keepalive, and
 * refills minIdle. It claims each idle entry (IDLE to RESERVED) before touching it, so it never
 * works on a connection a borrower holds. Tests call {@link #run(long)} with their own clock.
 */
final class Maintenance {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  /**
   * One daemon thread serves every pool's maintenance: rounds are short, and a process with many
   * engines should not hold a thread for each.
   */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final ConnectionPool pool;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledFuture<?> task;

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, "cistern-maintenance");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  Maintenance(ConnectionPool pool) {
    this.pool = pool;
  }

  /** Starts the periodic run with the pool's first connection (a pool never used has no thread). */
  void started() {
    if (started.get() || !started.compareAndSet(false, true) || !needed()) {
      return;
    }
    long period = pool.health.maintenancePeriod().toNanos();
    task =
        TIMER.scheduleWithFixedDelay(
            () -> {
              try {
                run(pool.ticker.nanoTime());
              } catch (RuntimeException e) {
                log.warn("pool '{}': maintenance failed", pool.config.name(), e);
              }
            },
            period,
            period,
            TimeUnit.NANOSECONDS);
    if (pool.isClosed()) {
      shutdown();
    }
  }

  /** Returns true if any setting needs periodic upkeep (a pool with none never gets a timer). */
  private boolean needed() {
    PoolHealth h = pool.health;
    return !h.idleTimeout().isZero()
        || !h.keepalive().isZero()
        || !h.recycle().isZero()
        || pool.config.minIdle() > 0;
  }

  /** One round of upkeep at time {@code now}. */
  void run(long now) {
    pool.coarseNow = now;
    if (pool.isClosed()) {
      return;
    }
    PoolHealth h = pool.health;
    long idleTimeout = h.idleTimeout().toNanos();
    long keepalive = h.keepalive().toNanos();
    int surplus = pool.idleCount() - pool.config.minIdle();
    for (PoolEntry e : pool.slots.all()) {
      if (e.state() != PoolEntry.IDLE || !e.cas(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        continue;
      }
      if (pool.isStale(e, now)) {
        pool.retire(e, PoolEntry.RESERVED);
      } else if (idleTimeout > 0 && surplus > 0 && now - e.lastReturnedNanos >= idleTimeout) {
        pool.retire(e, PoolEntry.RESERVED);
        surplus--;
      } else if (keepalive > 0
          && now - Math.max(e.lastReturnedNanos, e.lastPingNanos) >= keepalive) {
        if (pool.support.validator().isAlive(e.raw, h.validationTimeout())) {
          e.lastPingNanos = now;
          pool.makeIdle(e);
        } else {
          pool.retireInvalid(
              e, PoolEntry.RESERVED, new SQLException("keepalive found " + e + " dead", "08006"));
        }
      } else {
        pool.makeIdle(e);
      }
    }
    if (pool.config.minIdle() > 0) {
      pool.creator().fillTo(pool.config.minIdle());
    }
  }

  void shutdown() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }
}
