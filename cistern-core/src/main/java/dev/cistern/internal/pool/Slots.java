package dev.cistern.internal.pool;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's entries: a copy-on-write array, read without locks on every borrow and changed (under
 * a lock) only when a connection is opened or closed.
 */
final class Slots {
  private static final PoolEntry[] NONE = new PoolEntry[0];

  // A lock, not synchronized: remove() can run on a virtual thread, which must not pin its carrier.
  private final ReentrantLock lock = new ReentrantLock();
  private volatile PoolEntry[] entries = NONE;
  private int cursor;
  private final PoolConfig.Order order;

  /** Counts entries becoming idle, for the explicit orders; untouched with AFFINITY. */
  private final java.util.concurrent.atomic.AtomicLong idleSeq =
      new java.util.concurrent.atomic.AtomicLong();

  Slots(PoolConfig.Order order) {
    this.order = order;
  }

  /** Returns true for an explicit LIFO or FIFO order, which stamps entries as they become idle. */
  boolean ordered() {
    return order != PoolConfig.Order.AFFINITY;
  }

  /** Stamps an entry its owner is about to make idle (explicit orders only). */
  void stampIdle(PoolEntry e) {
    e.idleSeq = idleSeq.incrementAndGet();
  }

  /** Returns the entries now in the pool. */
  PoolEntry[] all() {
    return entries;
  }

  void add(PoolEntry e) {
    lock.lock();
    try {
      PoolEntry[] es = entries;
      PoolEntry[] grown = Arrays.copyOf(es, es.length + 1);
      grown[es.length] = e;
      entries = grown;
    } finally {
      lock.unlock();
    }
  }

  void remove(PoolEntry e) {
    lock.lock();
    try {
      PoolEntry[] es = entries;
      int i = Arrays.asList(es).indexOf(e);
      if (i >= 0) {
        PoolEntry[] shrunk = new PoolEntry[es.length - 1];
        System.arraycopy(es, 0, shrunk, 0, i);
        System.arraycopy(es, i + 1, shrunk, i, es.length - i - 1);
        entries = shrunk;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Claims an idle entry; null if none. With an explicit order, the most (LIFO) or least (FIFO)
   * recently returned one; with AFFINITY, the first idle one from a rotating position, so that use
   * is spread over all of them.
   */
  PoolEntry claimIdle() {
    if (order != PoolConfig.Order.AFFINITY) {
      return claimOrdered(order == PoolConfig.Order.LIFO);
    }
    PoolEntry[] es = entries;
    int n = es.length;
    if (n == 0) {
      return null;
    }
    int start = cursor;
    cursor = start + 1 >= n ? 0 : start + 1; // racy on purpose: it only spreads the load
    if (start >= n) {
      start = 0;
    }
    for (int i = 0; i < n; i++) {
      int k = start + i;
      PoolEntry e = es[k >= n ? k - n : k];
      if (e.state() == PoolEntry.IDLE && e.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Claims the idle entry returned last (newest) or first; a lost CAS means another borrower took
   * that one, so look again. O(size) per borrow: the price of an exact order, paid only when asked.
   */
  private PoolEntry claimOrdered(boolean newest) {
    while (true) {
      PoolEntry best = null;
      for (PoolEntry e : entries) {
        if (e.state() == PoolEntry.IDLE
            && (best == null || (newest ? e.idleSeq > best.idleSeq : e.idleSeq < best.idleSeq))) {
          best = e;
        }
      }
      if (best == null) {
        return null;
      }
      if (best.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
        return best;
      }
    }
  }

  boolean hasIdle() {
    for (PoolEntry e : entries) {
      if (e.state() == PoolEntry.IDLE) {
        return true;
      }
    }
    return false;
  }

  int count(int state) {
    int n = 0;
    for (PoolEntry e : entries) {
      if (e.state() == state) {
        n++;
      }
    }
    return n;
  }

  /** Returns the entries in {@code state} now. */
  java.util.List<PoolEntry> inState(int state) {
    java.util.List<PoolEntry> out = new java.util.ArrayList<>();
    for (PoolEntry e : entries) {
      if (e.state() == state) {
        out.add(e);
      }
    }
    return out;
  }

  /** Returns a snapshot of the counts. */
  dev.cistern.PoolStatus status(PoolConfig config, int waiting) {
    PoolEntry[] es = entries;
    int idle = 0;
    int inUse = 0;
    for (PoolEntry e : es) {
      int s = e.state();
      if (s == PoolEntry.IDLE) {
        idle++;
      } else if (s == PoolEntry.IN_USE) {
        inUse++;
      }
    }
    return new dev.cistern.PoolStatus(
        config.name(), config.poolSize(), config.maxOverflow(), es.length, idle, inUse, waiting);
  }
}
