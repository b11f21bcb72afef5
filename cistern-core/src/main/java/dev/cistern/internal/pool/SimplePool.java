package dev.cistern.internal.pool;

import dev.cistern.CannotConnectException;
import dev.cistern.CisternException;
import dev.cistern.PoolClosedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
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
 */
abstract class SimplePool implements Pool {
  private static final Logger log = LoggerFactory.getLogger(SimplePool.class);

  /**
   * How many connections in a row a checkout listener may veto before the borrower gets an error.
   */
  static final int MAX_VETOES = 3;

  final PoolConfig config;
  final Ticker ticker;
  final PoolSupport support;
  final PoolListener listener;
  final boolean listening;
  private final ConnectionFactory factory;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Connections whose id is at most this are stale (0: none); set by soft invalidation. Ids only
   * grow, so this marks exactly the connections open (or opening) at that moment, with no clock.
   */
  private volatile long staleUpTo;

  /** Set once by {@link #close()}. */
  volatile boolean closed;

  SimplePool(PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    this.config = config;
    this.factory = factory;
    this.ticker = ticker;
    this.support = support;
    this.listening = support.listener() != PoolListener.NONE;
    this.listener = new SafeListener(support.listener(), config.name());
  }

  /** Sets {@link #closed}; returns true for the first caller only. */
  final synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
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
    if (listening) {
      if (e.id == 1) {
        listener.firstConnect(e);
      }
      listener.connect(e);
    }
    return e;
  }

  /** Counts a checkout and tells the listener; returns the veto, or null if there was none. */
  final PoolListener.CheckoutVeto checkedOut(PoolEntry e) {
    e.uses++;
    if (listening) {
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
   * Tells the listener about a return and resets the connection; returns false if the reset failed,
   * in which case the caller must invalidate the entry.
   */
  final boolean checkinAndReset(PoolEntry e) {
    if (listening) {
      listener.checkin(e);
    }
    try {
      e.connectionState().reset(config.resetOnReturn());
    } catch (SQLException | RuntimeException ex) {
      log.warn(
          "pool '{}': resetting {} on return failed, discarding it: {}",
          config.name(),
          e,
          ex.toString());
      invalidate(e, ex);
      return false;
    }
    if (listening) {
      listener.reset(e);
    }
    return true;
  }

  /** Returns true if the entry was opened before the last soft invalidation. */
  final boolean isStale(PoolEntry e) {
    return e.id <= staleUpTo;
  }

  /** Closes the physical connection on the calling thread, logging a failure, and tells. */
  final void closeQuietly(PoolEntry e) {
    try {
      e.raw.close();
    } catch (SQLException | RuntimeException ex) {
      log.debug("pool '{}': closing {} failed: {}", config.name(), e, ex.toString());
    }
    if (listening) {
      listener.close(e);
    }
  }

  /** Tells the listener that a borrowed entry was invalidated (before it is closed). */
  final void firedInvalidate(PoolEntry e, Throwable cause) {
    if (listening) {
      listener.invalidate(e, cause);
    }
  }

  /** Tells the listener that an entry was detached. */
  final void firedDetach(PoolEntry e) {
    if (listening) {
      listener.detach(e);
    }
  }

  /** Tells the listener that the pool was closed. */
  final void firedDisposed() {
    if (listening) {
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
    if (listening) {
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

  @Override
  public final boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + status();
  }
}
