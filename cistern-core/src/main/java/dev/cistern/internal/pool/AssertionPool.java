package dev.cistern.internal.pool;

import dev.cistern.PoolAssertionException;
import dev.cistern.PoolStatus;
import java.util.List;

/**
 * A pool that allows at most one checkout at a time and fails loudly on a second one.
 *
 * <p>It is a debugging aid: run tests against it to prove that a piece of code never holds two
 * connections at once and always gives its connection back. A checkout made while the connection is
 * still out throws {@link PoolAssertionException}, whose message shows where the first checkout
 * happened. The one connection is opened by the first checkout, on the borrower's thread, and kept
 * open between checkouts; it is closed on the calling thread when invalidated, when it went stale
 * or when the pool closes (at once if it is not checked out, otherwise when given back).
 */
public final class AssertionPool extends SimplePool {
  /** How many frames of the first checkout's stack the error shows. */
  static final int FRAMES = 15;

  private PoolEntry current; // guarded by this
  private Throwable checkedOutAt; // guarded by this; non-null while checked out

  /** Creates the pool; it opens its connection at the first checkout. */
  public AssertionPool(
      PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    super(config, factory, ticker, support);
  }

  /**
   * Checks the connection out, opening it on the calling thread if there is none.
   *
   * @throws PoolAssertionException if it is already checked out
   * @throws PoolClosedException if the pool is closed
   * @throws dev.cistern.CisternException if the driver fails, or the checkout listener refused
   *     {@value SimplePool#MAX_VETOES} connections in a row
   */
  @Override
  public PoolEntry acquire() {
    awaitResumed();
    synchronized (this) {
      return acquireOne();
    }
  }

  private PoolEntry acquireOne() {
    PoolListener.CheckoutVeto veto = null;
    for (int attempt = 0; attempt < MAX_VETOES; attempt++) {
      checkOpen();
      if (checkedOutAt != null) {
        throw secondCheckout();
      }
      PoolEntry e = current;
      if (e != null && isStale(e) && e.cas(PoolEntry.IDLE, PoolEntry.REMOVED)) {
        current = null;
        closeQuietly(e);
        e = null;
      }
      if (e == null) {
        e = open(PoolEntry.IN_USE);
        current = e;
      } else {
        e.setState(PoolEntry.IN_USE);
      }
      checkedOutAt = new Throwable("first checkout");
      veto = checkedOut(e);
      if (veto == null) {
        return e;
      }
      invalidate(e, veto);
    }
    throw vetoedTooOften(veto);
  }

  private PoolAssertionException secondCheckout() {
    StringBuilder msg =
        new StringBuilder("pool '")
            .append(config.name())
            .append("': a second checkout was attempted while the connection is still checked")
            .append(" out; the first checkout was made at:");
    StackTraceElement[] frames = checkedOutAt.getStackTrace();
    int shown = Math.min(FRAMES, frames.length);
    for (int i = 0; i < shown; i++) {
      msg.append("\n\tat ").append(frames[i]);
    }
    if (frames.length > shown) {
      msg.append("\n\t... ").append(frames.length - shown).append(" more");
    }
    return new PoolAssertionException(msg.toString());
  }

  /** Resets the connection and keeps it open for the next checkout. */
  @Override
  public synchronized void giveBack(PoolEntry e) {
    if (e != current || e.state() != PoolEntry.IN_USE) {
      if (e.state() != PoolEntry.REMOVED) {
        returnedTwice(e);
      }
      return;
    }
    if (!checkinAndReset(e)) {
      return; // invalidated
    }
    checkedOutAt = null;
    if (closed || isStale(e)) {
      e.setState(PoolEntry.REMOVED);
      current = null;
      closeQuietly(e);
    } else {
      e.setState(PoolEntry.IDLE);
    }
  }

  @Override
  public synchronized void invalidate(PoolEntry e, Throwable cause) {
    if (forget(e)) {
      firedInvalidate(e, cause);
      closeQuietly(e);
    }
  }

  @Override
  public synchronized void detach(PoolEntry e) {
    if (forget(e)) {
      firedDetach(e);
    }
  }

  private boolean forget(PoolEntry e) {
    if (!e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      return false;
    }
    if (current == e) {
      current = null;
      checkedOutAt = null;
    }
    return true;
  }

  /** Returns the one connection while it is checked out. */
  @Override
  public synchronized List<PoolEntry> borrowed() {
    return current != null && checkedOutAt != null ? List.of(current) : List.of();
  }

  /** Reports a pool of size 1 with no overflow. */
  @Override
  public synchronized PoolStatus status() {
    int size = current == null ? 0 : 1;
    int inUse = checkedOutAt == null ? 0 : 1;
    return new PoolStatus(config.name(), 1, 0, size, size - inUse, inUse, 0);
  }

  /** Refuses new checkouts and closes the connection, now or when it is given back. */
  @Override
  public synchronized void close() {
    if (!markClosed()) {
      return;
    }
    PoolEntry e = current;
    if (e != null && e.cas(PoolEntry.IDLE, PoolEntry.REMOVED)) {
      current = null;
      closeQuietly(e);
    }
    firedDisposed();
  }
}
