package dev.cistern.internal.pool;

import java.sql.SQLException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a pool's retired connections off the caller's thread (closing can block on the network).
 * Until a connection is really closed it still counts against the pool's maximum ({@link
 * #pending()}), so the server never sees more than poolSize + maxOverflow sessions from one pool.
 */
final class Closer {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  /** Closing threads per pool; a draining caller helps too. */
  private static final int THREADS = 8;

  private final ConnectionPool pool;
  private final ThreadPoolExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();

  Closer(ConnectionPool pool) {
    this.pool = pool;
    this.executor = Background.executor("closer", pool.config.name(), THREADS);
  }

  /** Returns the number of connections retired but not yet closed. */
  int pending() {
    return pending.get();
  }

  /**
   * Counts a close about to be asked for, before the entry stops counting as borrowed or idle: a
   * {@link #drain} that starts in between then waits for it. Follow with {@link #closeExpected} or
   * {@link #unexpect}.
   */
  void expect() {
    pending.incrementAndGet();
  }

  /** Takes back an {@link #expect} whose close will not happen (the entry was not retired). */
  void unexpect() {
    pending.decrementAndGet();
  }

  /** Closes the entry's connection in the background, then lets a waiter have its slot. */
  void close(PoolEntry e) {
    expect();
    closeExpected(e);
  }

  /** Like {@link #close} for a close already counted by {@link #expect}. */
  void closeExpected(PoolEntry e) {
    executor.execute(
        () -> {
          try {
            closeQuietly(e);
          } finally {
            pending.decrementAndGet();
          }
          if (!pool.isClosed() && pool.waitQueue.waiting() > 0) {
            pool.creator.request(pool.waitQueue.unserved());
          }
        });
  }

  /**
   * Waits until every retired connection is closed, running queued closes on the calling thread as
   * well, or until {@code deadlineNanos} ({@link System#nanoTime()}). Returns true if none is left
   * pending.
   */
  boolean drain(long deadlineNanos) {
    while (pending.get() > 0) {
      Runnable task = executor.getQueue().poll();
      if (task != null) {
        task.run();
        continue;
      }
      if (System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      LockSupport.parkNanos(100_000L);
    }
    return true;
  }

  private void closeQuietly(PoolEntry e) {
    try {
      e.raw.close();
    } catch (SQLException | RuntimeException ex) {
      log.debug("pool '{}': closing {} failed: {}", pool.config.name(), e, ex.toString());
    }
    if (pool.listener.active()) {
      pool.listener.close(e);
    }
  }
}
