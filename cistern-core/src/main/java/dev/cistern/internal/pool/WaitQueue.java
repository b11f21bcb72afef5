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
 *
 * <p>Every operation is O(1) however many borrowers wait (10,000 virtual threads on 20 connections
 * is a normal load): a hand-off takes the head of the queue, the count of unserved waiters is kept
 * as a counter, and a waiter that gives up is left in the queue, marked, to be dropped when it
 * reaches the head or by an occasional sweep.
 */
final class WaitQueue {
  private static final long RECHECK_NANOS = 1_000_000_000L;
  private static final int SWEEP_AFTER_CANCELS = 256;

  private final ConnectionPool pool;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();

  /** Waiters in the queue neither served nor cancelled. */
  private final AtomicInteger unserved = new AtomicInteger();

  /** Cancellations since the last sweep of cancelled waiters (a heuristic, not exact). */
  private final AtomicInteger cancels = new AtomicInteger();

  WaitQueue(ConnectionPool pool) {
    this.pool = pool;
  }

  /** Waits for an entry, up to the pool's timeout. */
  PoolEntry await() {
    long timeout = pool.config.poolTimeout().toNanos();
    long start = pool.ticker.nanoTime();
    while (true) {
      Waiter w = new Waiter(Thread.currentThread());
      unserved.incrementAndGet();
      waiters.add(w);
      waiting.incrementAndGet();
      try {
        // An entry may have become idle between the scan and joining the queue. Leave the queue
        // before claiming it: a waiter that claims could be handed a second entry meanwhile, and
        // hold two while others find the pool empty.
        if (!pool.suspended && pool.slots.hasIdle()) {
          if (!cancel(w)) {
            return w.entry();
          }
          // A scan is not atomic: entries may be given back and taken again behind it. Scan
          // again while any is idle; each miss means another borrower got one.
          do {
            PoolEntry e = pool.slots.claimIdle(pool.config.lifo());
            if (e != null) {
              return e;
            }
          } while (!pool.suspended && pool.slots.hasIdle());
          if (pool.ticker.nanoTime() - start < timeout) {
            continue; // taken by someone else: queue up again
          }
          throw timeout(start);
        }
        pool.creator.request(unserved());
        return park(w, start, timeout);
      } finally {
        waiting.decrementAndGet(); // a served waiter left the queue when served; a cancelled one
        // stays until it reaches the head or a sweep
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
        if (cancel(w)) {
          throw new PoolClosedException(pool.config.name());
        }
        continue;
      }
      long left = timeout - (pool.ticker.nanoTime() - start);
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        if (cancel(w)) {
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

  /** Gives up waiting; false if an entry was handed over first (the caller must take it). */
  private boolean cancel(Waiter w) {
    if (!w.cancel()) {
      return false;
    }
    unserved.decrementAndGet();
    if (cancels.incrementAndGet() >= SWEEP_AFTER_CANCELS) {
      cancels.set(0);
      waiters.removeIf(Waiter::isCancelled); // O(n), once per SWEEP_AFTER_CANCELS cancellations
    }
    return true;
  }

  /** Gives an IN_USE entry to the longest waiter; false if there is none. */
  boolean handOff(PoolEntry e) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (w.offer(e)) {
        unserved.decrementAndGet();
        LockSupport.unpark(w.thread);
        return true;
      }
      // it gave up: dropped from the queue now
    }
    return false;
  }

  /** Returns the number of borrowers waiting. */
  int waiting() {
    return waiting.get();
  }

  /** Returns the number of waiting borrowers not yet handed a connection. */
  int unserved() {
    return Math.max(0, unserved.get());
  }

  /** Returns the waiters still in the queue, including cancelled ones not yet dropped (tests). */
  int queued() {
    return waiters.size();
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
