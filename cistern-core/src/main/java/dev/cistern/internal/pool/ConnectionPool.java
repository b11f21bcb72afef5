package dev.cistern.internal.pool;

import dev.cistern.CisternException;
import dev.cistern.PoolClosedException;
import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool: hands out physical connections and takes them back, with no lock on the way.
 *
 * <p>Every connection sits in a slot ({@link PoolEntry}) of a copy-on-write array; a borrower owns
 * a slot by winning a CAS from IDLE to IN_USE. The fast path is one thread-local read and one
 * uncontended CAS: a thread first tries the connection it returned last (affinity), then scans the
 * slots, from the first (LIFO: few connections stay busy, the rest can time out) or from a rotating
 * position (FIFO: use is spread over all of them). A borrower that finds nothing free asks the
 * background creator for a connection (never opening one itself) and parks in a FIFO queue; a
 * returning connection is handed straight to the longest waiter, so waiters are served in order and
 * newcomers cannot barge past them. No allocation happens on the fast path and no clock is read.
 */
public final class ConnectionPool {
  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);
  private static final PoolEntry[] NONE = new PoolEntry[0];
  private static final long RECHECK_NANOS = 1_000_000_000L;

  final PoolConfig config;
  final Ticker ticker;
  private final int maxSize;
  private final ThreadLocal<PoolEntry> lastUsed = new ThreadLocal<>();
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  // Retired connections not yet closed: they still count against maxSize, so that the server
  // never sees more than poolSize + maxOverflow sessions from this pool.
  private final AtomicInteger closing = new AtomicInteger();
  private final Creator creator;
  private final ThreadPoolExecutor closer;
  // A lock, not synchronized: retire() can run on a virtual thread, which must not pin its carrier.
  private final ReentrantLock arrayLock = new ReentrantLock();
  private volatile PoolEntry[] entries = NONE;
  private volatile boolean closed;
  private int cursor;

  /** Creates a pool; it opens no connection until asked (or until minIdle asks for some). */
  public ConnectionPool(PoolConfig config, ConnectionFactory factory, Ticker ticker) {
    this.config = config;
    this.ticker = ticker;
    this.maxSize = config.maxSize();
    this.creator = new Creator(this, factory);
    this.closer = Background.executor("closer", config.name(), 2);
    if (config.minIdle() > 0) {
      creator.fillTo(config.minIdle());
    }
  }

  /** Returns the pool's settings. */
  public PoolConfig config() {
    return config;
  }

  /**
   * Borrows an entry, waiting up to {@code poolTimeout}.
   *
   * @throws PoolTimeoutException if none became free in time
   * @throws PoolClosedException if the pool is closed
   */
  public PoolEntry acquire() {
    if (closed) {
      throw new PoolClosedException(config.name());
    }
    if (waiting.get() == 0) {
      PoolEntry mine = lastUsed.get();
      if (mine != null && mine.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
        mine.uses++;
        return mine;
      }
      PoolEntry e = claimIdle();
      if (e != null) {
        e.uses++;
        return e;
      }
    }
    PoolEntry e = await();
    e.uses++;
    return e;
  }

  /** Scans the slots for an idle entry and claims it; null if none. */
  private PoolEntry claimIdle() {
    PoolEntry[] es = entries;
    int n = es.length;
    if (n == 0) {
      return null;
    }
    int start = 0;
    if (!config.lifo()) {
      start = cursor;
      cursor = start + 1 >= n ? 0 : start + 1; // racy on purpose: only spreads the load
      if (start >= n) {
        start = 0;
      }
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

  private PoolEntry await() {
    long timeout = config.poolTimeout().toNanos();
    long start = ticker.nanoTime();
    while (true) {
      Waiter w = new Waiter(Thread.currentThread());
      waiters.add(w);
      waiting.incrementAndGet();
      try {
        // An entry may have become idle between the scan and joining the queue. Leave the queue
        // before claiming it: a waiter that claims could be handed a second entry meanwhile, and
        // hold two while others find the pool empty.
        if (hasIdle()) {
          if (!w.cancel()) {
            return w.entry();
          }
          PoolEntry e = claimIdle();
          if (e != null) {
            return e;
          }
          if (ticker.nanoTime() - start < timeout) {
            continue; // taken by someone else: queue up again
          }
          throw timeout(start);
        }
        creator.request(unservedWaiters());
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
      if (closed) {
        if (w.cancel()) {
          throw new PoolClosedException(config.name());
        }
        continue;
      }
      long left = timeout - (ticker.nanoTime() - start);
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        if (w.cancel()) {
          throw timeout(start);
        }
        continue; // handed over at the last moment: take it
      }
      // Wake at least once a second to ask again for a connection: a safety net should an
      // opening have been missed (say, a creator that finished just as this borrower arrived).
      ticker.park(this, Math.min(left, RECHECK_NANOS));
      creator.request(unservedWaiters());
    }
  }

  private RuntimeException timeout(long start) {
    Duration waited = Duration.ofNanos(ticker.nanoTime() - start);
    if (Thread.currentThread().isInterrupted()) {
      return new CisternException(
          "interrupted while waiting "
              + waited.toMillis()
              + " ms for a connection from pool '"
              + config.name()
              + "'",
          new InterruptedException());
    }
    return new PoolTimeoutException(status(), waited, creator.lastError());
  }

  private boolean hasIdle() {
    for (PoolEntry e : entries) {
      if (e.state() == PoolEntry.IDLE) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a borrowed entry back: ends the borrower's transaction and restores what it changed (see
   * {@link ConnectionState}), then returns it to the pool. An entry that cannot be reset is
   * discarded, and a new connection is opened if someone waits.
   */
  public void giveBack(PoolEntry e) {
    if (e.state() != PoolEntry.IN_USE) {
      log.warn("pool '{}': {} returned twice; ignoring the second return", config.name(), e);
      return;
    }
    try {
      e.connectionState.reset(config.resetOnReturn());
    } catch (SQLException | RuntimeException ex) {
      log.warn(
          "pool '{}': resetting {} on return failed, discarding it: {}",
          config.name(),
          e,
          ex.toString());
      discard(e);
      return;
    }
    release(e);
  }

  /**
   * Takes an entry back from its holder: hands it to the longest waiter, closes it if it is an
   * overflow connection, or makes it idle. The caller has already reset it.
   */
  void release(PoolEntry e) {
    if (e.state() != PoolEntry.IN_USE) {
      log.warn("pool '{}': {} returned twice; ignoring the second return", config.name(), e);
      return;
    }
    if (closed) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    if (waiting.get() > 0 && handOff(e)) {
      return;
    }
    int size = total.get();
    if (config.poolSize() > 0 && size > config.poolSize() && waiting.get() == 0) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    lastUsed.set(e);
    e.setState(PoolEntry.IDLE);
    // A borrower may have queued up after our check: if so, serve it (re-claiming the entry).
    if (waiting.get() > 0 && e.cas(PoolEntry.IDLE, PoolEntry.IN_USE) && !handOff(e)) {
      e.setState(PoolEntry.IDLE);
    }
  }

  /** Gives an IN_USE entry to the longest waiter; false if there is none. */
  private boolean handOff(PoolEntry e) {
    for (Waiter w : waiters) {
      if (w.offer(e)) {
        java.util.concurrent.locks.LockSupport.unpark(w.thread);
        return true;
      }
    }
    return false;
  }

  /** Called by the creator with a new connection: to a waiter, or into the pool idle. */
  void added(Connection raw) {
    PoolEntry e;
    arrayLock.lock();
    try {
      e = new PoolEntry(raw, creator.nextId(), ticker.nanoTime(), PoolEntry.IN_USE);
      PoolEntry[] es = entries;
      PoolEntry[] grown = Arrays.copyOf(es, es.length + 1);
      grown[es.length] = e;
      entries = grown;
    } finally {
      arrayLock.unlock();
    }
    if (closed) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    if (!handOff(e)) {
      e.setState(PoolEntry.IDLE);
      if (waiting.get() > 0 && e.cas(PoolEntry.IDLE, PoolEntry.IN_USE) && !handOff(e)) {
        e.setState(PoolEntry.IDLE);
      }
    }
  }

  /** Reserves a slot for a connection about to be opened; false if the pool is full. */
  boolean reserveSlot() {
    while (true) {
      int t = total.get();
      if (t + closing.get() >= maxSize || closed) {
        return false;
      }
      if (total.compareAndSet(t, t + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot reserved for a connection that could not be opened. */
  void unreserveSlot() {
    total.decrementAndGet();
  }

  /**
   * Removes an entry its owner holds in state {@code from} and closes it off the caller's thread.
   */
  void retire(PoolEntry e, int from) {
    if (!e.cas(from, PoolEntry.REMOVED)) {
      return;
    }
    arrayLock.lock();
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
      arrayLock.unlock();
    }
    closing.incrementAndGet();
    total.decrementAndGet();
    closer.execute(
        () -> {
          try {
            closeQuietly(e);
          } finally {
            closing.decrementAndGet();
          }
          if (!closed && waiting.get() > 0) {
            creator.request(unservedWaiters());
          }
        });
  }

  /** Discards a borrowed entry whose connection is broken or could not be reset. */
  public void discard(PoolEntry e) {
    retire(e, PoolEntry.IN_USE);
  }

  private void closeQuietly(PoolEntry e) {
    try {
      e.raw.close();
    } catch (SQLException | RuntimeException ex) {
      log.debug("pool '{}': closing {} failed: {}", config.name(), e, ex.toString());
    }
  }

  /** Returns a snapshot of the pool's counts. */
  public PoolStatus status() {
    int idle = 0;
    int inUse = 0;
    for (PoolEntry e : entries) {
      int s = e.state();
      if (s == PoolEntry.IDLE) {
        idle++;
      } else if (s == PoolEntry.IN_USE) {
        inUse++;
      }
    }
    return new PoolStatus(
        config.name(),
        config.poolSize(),
        config.maxOverflow(),
        entries.length,
        idle,
        inUse,
        waiting.get());
  }

  /** Returns the number of borrowers waiting. */
  int waitingCount() {
    return waiting.get();
  }

  /** Returns the number of waiting borrowers not yet handed a connection (slow path only). */
  int unservedWaiters() {
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

  /** Returns the number of idle entries. */
  int idleCount() {
    int idle = 0;
    for (PoolEntry e : entries) {
      if (e.state() == PoolEntry.IDLE) {
        idle++;
      }
    }
    return idle;
  }

  /** Returns the entries now in the pool; for tests and maintenance. */
  PoolEntry[] entries() {
    return entries;
  }

  /** Returns true once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the pool: idle connections are closed now, borrowed ones when they come back, and
   * waiting borrowers get {@link PoolClosedException}.
   */
  public void close() {
    closed = true;
    for (Waiter w : waiters) {
      java.util.concurrent.locks.LockSupport.unpark(w.thread);
    }
    for (PoolEntry e : entries) {
      retire(e, PoolEntry.IDLE);
    }
    creator.shutdown(); // the closer stays: borrowed connections are closed when they come back
  }

  @Override
  public String toString() {
    return status().toString();
  }
}
