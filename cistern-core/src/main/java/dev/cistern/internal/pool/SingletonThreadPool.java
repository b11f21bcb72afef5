package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool that keeps one connection per thread: a thread always gets its own connection back, and
 * nested checkouts on one thread share it.
 *
 * <p>This suits drivers whose connections may only be used by the thread that opened them, and
 * in-memory databases used from a few threads. A thread's first checkout opens its connection on
 * that thread; giving it back resets it (when the outermost checkout returns) and leaves it open
 * and idle for the same thread. Nested checkouts are counted and get no listener events of their
 * own. At most {@code poolSize} connections are kept (none when poolSize is 0): when a new one
 * would exceed that, the least recently used idle ones are closed, on the calling thread;
 * connections in use are never closed, so the count may exceed the bound while they are out. A
 * thread that ends leaves its connection open until it is pushed out this way or the pool closes.
 * Closing the pool closes the idle connections at once and the borrowed ones when given back.
 */
public final class SingletonThreadPool extends SimplePool {
  /** One thread's connection, how many nested checkouts hold it, and when it was last used. */
  private static final class Held {
    final PoolEntry entry;
    final AtomicInteger holds = new AtomicInteger();
    volatile long lastUse;

    Held(PoolEntry entry) {
      this.entry = entry;
    }
  }

  private final ThreadLocal<Held> mine = new ThreadLocal<>();
  private final ConcurrentHashMap<PoolEntry, Held> all = new ConcurrentHashMap<>();
  private final AtomicLong useClock = new AtomicLong();

  /** Creates the pool; each thread's connection is opened at that thread's first checkout. */
  public SingletonThreadPool(
      PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    super(config, factory, ticker, support);
  }

  /**
   * Returns the calling thread's connection, opening it on this thread if it has none.
   *
   * @throws PoolClosedException if the pool is closed
   * @throws dev.cistern.CisternException if the driver fails, or the checkout listener refused
   *     {@value SimplePool#MAX_VETOES} connections in a row
   */
  @Override
  public PoolEntry acquire() {
    checkOpen();
    Held h = mine.get();
    if (h != null && h.holds.get() > 0 && h.entry.state() == PoolEntry.IN_USE) {
      h.holds.incrementAndGet(); // nested checkout on this thread: it holds the connection already
      return h.entry;
    }
    awaitResumed();
    PoolListener.CheckoutVeto veto = null;
    for (int attempt = 0; attempt < MAX_VETOES; attempt++) {
      checkOpen();
      h = claimMine();
      h.holds.set(1);
      h.lastUse = useClock.incrementAndGet();
      veto = checkedOut(h.entry);
      if (veto == null) {
        return h.entry;
      }
      invalidate(h.entry, veto);
    }
    throw vetoedTooOften(veto);
  }

  /** Claims this thread's idle connection, or opens a new one if it has none or it is stale. */
  private Held claimMine() {
    Held h = mine.get();
    if (h != null && h.entry.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
      if (!isStale(h.entry)) {
        return h;
      }
      retire(h.entry, PoolEntry.IN_USE);
    }
    h = new Held(open(PoolEntry.IN_USE));
    all.put(h.entry, h);
    mine.set(h);
    trim();
    if (closed) {
      retire(h.entry, PoolEntry.IN_USE);
      throw new PoolClosedException(config.name());
    }
    return h;
  }

  /** Closes least recently used idle connections while more than poolSize are open. */
  private synchronized void trim() {
    int max = config.poolSize();
    while (max > 0 && all.size() > max) {
      Held oldest = null;
      for (Held h : all.values()) {
        if (h.entry.state() == PoolEntry.IDLE && (oldest == null || h.lastUse < oldest.lastUse)) {
          oldest = h;
        }
      }
      if (oldest == null) {
        return; // all in use: they are kept
      }
      retire(oldest.entry, PoolEntry.IDLE);
    }
  }

  /** Removes an entry in state {@code from} and closes it on the calling thread. */
  private boolean retire(PoolEntry e, int from) {
    if (!forget(e, from)) {
      return false;
    }
    closeQuietly(e);
    return true;
  }

  /**
   * Moves an entry from {@code from} to REMOVED and drops it from the pool; false if it was not.
   */
  private boolean forget(PoolEntry e, int from) {
    if (!e.cas(from, PoolEntry.REMOVED)) {
      return false;
    }
    Held h = all.remove(e);
    if (h != null && mine.get() == h) {
      mine.remove(); // other threads notice the REMOVED state at their next checkout
    }
    return true;
  }

  /**
   * Counts a checkout back in; the outermost one resets the connection and leaves it idle for its
   * thread.
   */
  @Override
  public void giveBack(PoolEntry e) {
    Held h = all.get(e);
    if (h == null || e.state() != PoolEntry.IN_USE) {
      if (e.state() != PoolEntry.REMOVED) {
        returnedTwice(e);
      }
      return;
    }
    int left = h.holds.decrementAndGet();
    if (left > 0) {
      return; // a nested checkout
    }
    if (left < 0) {
      h.holds.incrementAndGet();
      returnedTwice(e);
      return;
    }
    if (!checkinAndReset(e)) {
      return; // invalidated
    }
    if (closed || isStale(e)) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    h.lastUse = useClock.incrementAndGet();
    e.setState(PoolEntry.IDLE);
    if (closed) {
      retire(e, PoolEntry.IDLE); // the pool closed meanwhile and did not see it idle
    } else {
      trim();
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    if (forget(e, PoolEntry.IN_USE)) {
      firedInvalidate(e, cause);
      closeQuietly(e);
    }
  }

  @Override
  public void detach(PoolEntry e) {
    if (forget(e, PoolEntry.IN_USE)) {
      firedDetach(e);
    }
  }

  /** Returns the threads' connections checked out now. */
  @Override
  public List<PoolEntry> borrowed() {
    List<PoolEntry> out = new ArrayList<>();
    for (PoolEntry e : all.keySet()) {
      if (e.state() == PoolEntry.IN_USE) {
        out.add(e);
      }
    }
    return out;
  }

  /** Reports the threads' connections; poolSize is the bound on kept connections. */
  @Override
  public PoolStatus status() {
    int size = 0;
    int idle = 0;
    int inUse = 0;
    for (PoolEntry e : all.keySet()) {
      size++;
      int s = e.state();
      if (s == PoolEntry.IDLE) {
        idle++;
      } else if (s == PoolEntry.IN_USE) {
        inUse++;
      }
    }
    return new PoolStatus(config.name(), config.poolSize(), 0, size, idle, inUse, 0);
  }

  /** Refuses new checkouts, closes the idle connections now and the others when given back. */
  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    for (PoolEntry e : all.keySet()) {
      retire(e, PoolEntry.IDLE);
    }
    firedDisposed();
  }
}
