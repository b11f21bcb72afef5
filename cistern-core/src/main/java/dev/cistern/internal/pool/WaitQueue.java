package dev.cistern.internal.pool;

import dev.cistern.CisternException;
import dev.cistern.PoolClosedException;
import dev.cistern.PoolTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The borrowers that found no free connection, in arrival order. A returning connection is handed
 * to the longest waiter directly ({@link #handOff}), so waiters are served first-come first-served
 * and a newcomer cannot take a connection a waiter was due. Waiting parks the thread, which suits
 * virtual threads.
 */
final class WaitQueue {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final ConnectionPool pool;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();

  WaitQueue(ConnectionPool pool) {
    this.pool = pool;
  }

  /** Waits for an entry, up to the pool's timeout. */
  PoolEntry await() {
    long timeout = pool.config.poolTimeout().toNanos();
    long start = pool.ticker.nanoTime();
    while (true) {
      Waiter w = new Waiter(Thread.currentThread());
      waiters.add(w);
      waiting.incrementAndGet();
      try {
        // An entry may have become idle between the scan and joining the queue. Leave the queue
        // before claiming it: a waiter that claims could be handed a second entry meanwhile, and
        // hold two while others find the pool empty.
        if (!pool.suspended && pool.slots.hasIdle()) {
          if (!w.cancel()) {
            return w.entry();
          }
          PoolEntry e = pool.slots.claimIdle(pool.config.lifo());
          if (e != null) {
            return e;
          }
          if (pool.ticker.nanoTime() - start < timeout) {
            continue; // taken by someone else: queue up again
          }
          throw timeout(start);
        }
        pool.creator.request(unserved());
        return park(w, start, timeout);
      } finally {
        waiters.remove(w);
        waiting.decrementAndGet();
      }
    }
  }

  /** Parks until {@code w} is handed an entry, the pool closes or the time is up. */
  private PoolEntry park(Waiter w, long start, long timeout) {
    while (true) {
      PoolEntry got = w.entry();
      if (got != null) {
        return got;
      }
      if (pool.isClosed()) {
        if (w.cancel()) {
          throw new PoolClosedException(pool.config.name());
        }
        continue;
      }
      long left = timeout - (pool.ticker.nanoTime() - start);
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        if (w.cancel()) {
          throw timeout(start);
        }
        continue; // handed over at the last moment: take it
      }
      // Wake at least once a second to ask again for a connection: a safety net should an
      // opening have been missed (say, a creator that finished just as this borrower arrived).
      pool.ticker.park(pool, Math.min(left, RECHECK_NANOS));
      if (!pool.suspended) {
        pool.creator.request(unserved());
      }
    }
  }

  private RuntimeException timeout(long start) {
    Duration waited = Duration.ofNanos(pool.ticker.nanoTime() - start);
    if (Thread.currentThread().isInterrupted()) {
      return new CisternException(
          "interrupted while waiting "
              + waited.toMillis()
              + " ms for a connection from pool '"
              + pool.config.name()
              + "'",
          new InterruptedException());
    }
    return new PoolTimeoutException(pool.status(), waited, pool.creator.lastError());
  }

  /** Gives an IN_USE entry to the longest waiter; false if there is none. */
  boolean handOff(PoolEntry e) {
    for (Waiter w : waiters) {
      if (w.offer(e)) {
        LockSupport.unpark(w.thread);
        return true;
      }
    }
    return false;
  }

  /** Returns the number of borrowers waiting. */
  int waiting() {
    return waiting.get();
  }

  /** Returns the number of waiting borrowers not yet handed a connection (slow path only). */
  int unserved() {
    if (waiting.get() == 0) {
      return 0;
    }
    int n = 0;
    for (Waiter w : waiters) {
      if (w.isWaiting()) {
        n++;
      }
    }
    return n;
  }

  /** Wakes every waiter, so that each sees the pool closed. */
  void wakeAll() {
    for (Waiter w : waiters) {
      LockSupport.unpark(w.thread);
    }
  }

  /** Hands idle entries to waiters, longest first, while both last. */
  void serveIdle(Slots slots) {
    for (PoolEntry e : slots.all()) {
      if (waiting.get() == 0) {
        return;
      }
      if (e.cas(PoolEntry.IDLE, PoolEntry.IN_USE) && !handOff(e)) {
        e.setState(PoolEntry.IDLE);
      }
    }
  }
}
