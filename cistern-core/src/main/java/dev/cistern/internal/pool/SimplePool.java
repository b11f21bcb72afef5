package dev.cistern.internal.pool;

import dev.cistern.CannotConnectException;
import dev.cistern.CisternException;
import dev.cistern.PoolTimeoutException;
import dev.cistern.ResetOnReturn;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simple pool kinds ({@link NullPool}, {@link StaticPool}, {@link SingletonThreadPool},
 * {@link AssertionPool}) share: opening a connection and announcing it, the checkout veto, the
 * reset on return, closing quietly, and soft invalidation by a generation mark.
 *
 * <p>Unlike the queue pool, these kinds have no background threads: a connection is opened on the
 * borrower's thread, and closed on the thread that gives it back, invalidates it or closes the
 * pool. They are meant for tests, in-memory databases and deployments with an external pooler,
 * where that cost is expected.
 *
 * <p>They honour the whole {@link Pool} contract all the same: each reports what is borrowed, so an
 * engine's close waits for those connections and aborts them after the grace period; {@link
 * #suspend} makes new borrowers wait (up to poolTimeout) before they take or open a connection; and
 * {@link #awaitClosed} waits for physical closes running on other threads.
 */
abstract class SimplePool implements Pool {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  /**
   * How many connections in a row a checkout listener may veto before the borrower gets an error.
   */
  static final int MAX_VETOES = 3;

  final PoolConfig config;
  final Ticker ticker;
  final PoolSupport support;
  final PoolListeners listener;
  private final ConnectionFactory factory;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Connections whose id is at most this are stale (0: none); set by soft invalidation. Ids only
   * grow, so this marks exactly the connections open (or opening) at that moment, with no clock.
   */
  private volatile long staleUpTo;

  /** Set once by {@link #close()}. */
  volatile boolean closed;

  /**
   * Guards {@link #suspended}'s waiters and {@link #closing}. A lock, not this object's monitor:
   * some kinds synchronize on themselves, and a borrower waiting for {@link #resume} must not hold
   * that monitor.
   */
  private final ReentrantLock gate = new ReentrantLock();

  private final Condition changed = gate.newCondition();
  private volatile boolean suspended;
  private int closing; // guarded by gate

  SimplePool(PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    this.config = config;
    this.factory = factory;
    this.ticker = ticker;
    this.support = support;
    this.listener = PoolListeners.dispatch(support.listener(), config.name());
  }

  /** Sets {@link #closed}; returns true for the first caller only. */
  final boolean markClosed() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    wakeWaiters(); // borrowers waiting for resume() see the pool closed
    return true;
  }

  /**
   * Waits while the pool is suspended, up to poolTimeout; call it before taking the kind's own
   * lock.
   *
   * @throws PoolTimeoutException if the pool stayed suspended for poolTimeout
   * @throws PoolClosedException if the pool closed meanwhile
   */
  final void awaitResumed() {
    if (!suspended) {
      return;
    }
    long timeout = saturatedNanos(config.poolTimeout());
    long start = ticker.nanoTime();
    boolean timedOut = false;
    boolean interrupted = false;
    gate.lock();
    try {
      while (suspended && !closed) {
        long left = timeout - (ticker.nanoTime() - start);
        if (left <= 0 || interrupted) {
          timedOut = true;
          break;
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      gate.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    checkOpen();
    if (timedOut) { // built outside the lock: status() may take the kind's monitor
      throw new PoolTimeoutException(
          status(),
          Duration.ofNanos(ticker.nanoTime() - start),
          new CisternException("pool '" + config.name() + "' is suspended"));
    }
  }

  @Override
  public final void suspend() {
    suspended = true;
  }

  @Override
  public final void resume() {
    gate.lock();
    try {
      suspended = false;
      changed.signalAll();
    } finally {
      gate.unlock();
    }
  }

  /** Wakes borrowers waiting for {@link #resume}, so that they see the pool closed. */
  final void wakeWaiters() {
    gate.lock();
    try {
      changed.signalAll();
    } finally {
      gate.unlock();
    }
  }

  @Override
  public final boolean awaitClosed(Duration timeout) {
    long left = saturatedNanos(timeout);
    gate.lock();
    try {
      while (closing > 0) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return closing == 0;
    } finally {
      gate.unlock();
    }
  }

  /** A duration in nanoseconds, saturated at {@link Long#MAX_VALUE} ("as long as it takes"). */
  static long saturatedNanos(Duration d) {
    return PoolTime.nanos(d);
  }

  private void closingChanged(int delta) {
    gate.lock();
    try {
      closing += delta;
      if (closing == 0) {
        changed.signalAll();
      }
    } finally {
      gate.unlock();
    }
  }

  /** Throws {@link PoolClosedException} once closed. */
  final void checkOpen() {
    if (closed) {
      throw new PoolClosedException(config.name());
    }
  }

  /**
   * Opens a physical connection on the calling thread and announces it.
   *
   * @throws CannotConnectException if the driver fails with an error retrying cannot fix (as the
   *     queue pool does)
   * @throws CisternException if the driver fails otherwise
   */
  final PoolEntry open(int state) {
    Connection raw;
    try {
      raw = factory.create();
    } catch (SQLException e) {
      if (support.permanentConnectError().test(e)) {
        throw new CannotConnectException("pool '" + config.name() + "' cannot open connections", e);
      }
      throw new CisternException(
          "pool '" + config.name() + "': could not open a connection: " + e.getMessage(), e);
    }
    PoolEntry e = new PoolEntry(raw, ids.incrementAndGet(), ticker.nanoTime(), state);
    // always, even with no listener yet: one added later must not take a later connection for
    // the first. Borrowers open in parallel: connect waits for the first connection's events.
    listener.opened(e);
    return e;
  }

  /** Counts a checkout and tells the listener; returns the veto, or null if there was none. */
  final PoolListener.CheckoutVeto checkedOut(PoolEntry e) {
    e.uses++;
    if (listener.active()) {
      try {
        listener.checkout(e);
      } catch (PoolListener.CheckoutVeto veto) {
        return veto;
      }
    }
    return null;
  }

  /** The error for a borrower whose every connection was vetoed. */
  final CisternException vetoedTooOften(PoolListener.CheckoutVeto last) {
    return new CisternException(
        "pool '"
            + config.name()
            + "': a checkout listener refused "
            + MAX_VETOES
            + " connections in a row",
        last);
  }

  /**
   * Resets a returned connection and tells the listener, in SQLAlchemy's order: reset event, the
   * pool's reset, checkin event. Returns false if the reset failed: the entry was then invalidated
   * (and checkin still fired, as in SQLAlchemy).
   */
  final boolean checkinAndReset(PoolEntry e) {
    ResetOnReturn kind = config.resetOnReturn();
    if (listener.active()) {
      // before the pool's own reset, so that a listener can do a custom one
      boolean terminateOnly = closed || isStale(e) || this instanceof NullPool;
      listener.reset(e, PoolListeners.resetState(kind, terminateOnly, false));
    }
    try {
      e.connectionState().reset(kind);
    } catch (SQLException | RuntimeException ex) {
      log.warn(
          "pool '{}': resetting {} on return failed, discarding it: {}",
          config.name(),
          e,
          ex.toString());
      invalidate(e, ex);
      if (listener.active()) {
        listener.checkin(e);
      }
      return false;
    }
    if (listener.active()) {
      listener.checkin(e);
    }
    return true;
  }

  @Override
  public final void closeDetached(PoolEntry e) {
    DetachedClose.close(e, config, listener);
  }

  /** Returns true if the entry was opened before the last soft invalidation. */
  final boolean isStale(PoolEntry e) {
    return e.id <= staleUpTo;
  }

  /** Closes the physical connection on the calling thread, logging a failure, and tells. */
  final void closeQuietly(PoolEntry e) {
    closingChanged(1);
    try {
      e.raw.close();
    } catch (SQLException | RuntimeException ex) {
      log.debug("pool '{}': closing {} failed: {}", config.name(), e, ex.toString());
    } finally {
      closingChanged(-1);
    }
    if (listener.active()) {
      listener.close(e);
    }
  }

  /** Tells the listener that a borrowed entry was invalidated (before it is closed). */
  final void firedInvalidate(PoolEntry e, Throwable cause) {
    if (listener.active()) {
      listener.invalidate(e, cause);
    }
  }

  /** Tells the listener that an entry was detached. */
  final void firedDetach(PoolEntry e) {
    if (listener.active()) {
      listener.detach(e);
    }
  }

  /** Tells the listener that the pool was closed. */
  final void firedDisposed() {
    if (listener.active()) {
      listener.disposed();
    }
  }

  /** Logs a return of an entry that is not borrowed. */
  final void returnedTwice(PoolEntry e) {
    log.warn("pool '{}': {} returned twice; ignoring the second return", config.name(), e);
  }

  @Override
  public void softInvalidateAll(Throwable cause) {
    staleUpTo = ids.get();
    if (listener.active()) {
      listener.softInvalidate(cause);
    }
  }

  @Override
  public final boolean isDisconnect(SQLException e) {
    return support.disconnect().test(e);
  }

  @Override
  public final PoolConfig config() {
    return config;
  }

  /** Returns true while suspended. */
  final boolean isSuspended() {
    return suspended;
  }

  @Override
  public final boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + status();
  }
}
