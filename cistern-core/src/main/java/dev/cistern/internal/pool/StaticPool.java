package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of exactly one physical connection, handed to every borrower, several at once if they ask
 * at once.
 *
 * <p>This is for databases that live inside one connection, such as an in-memory database that
 * vanishes when its last connection closes: every part of the program must see the same session.
 * Borrowers share the connection and its transaction, so they must coordinate among themselves; the
 * pool only counts them. The connection is opened by the first checkout, on the borrower's thread,
 * and is never closed by a return: the last borrower to give it back resets it (ending the
 * transaction they shared). Invalidating it closes it at once, even under other borrowers (it is
 * considered broken), and the next checkout opens a new one; after a soft invalidation it is
 * replaced once no one holds it. Closing the pool closes it now if no one holds it, otherwise when
 * the last holder gives it back, on that thread.
 */
public final class StaticPool extends SimplePool {
  /** The shared connection, or null before the first checkout and after it was dropped. */
  private PoolEntry current; // guarded by this

  /** Borrowers holding {@link #current}; changed under this pool's lock, read freely. */
  private final AtomicInteger holders = new AtomicInteger();

  /** Creates the pool; it opens its connection at the first checkout. */
  public StaticPool(
      PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    super(config, factory, ticker, support);
  }

  /**
   * Returns the shared connection, opening it on the calling thread if there is none.
   *
   * @throws PoolClosedException if the pool is closed
   * @throws dev.cistern.CisternException if the driver fails, or the checkout listener refused
   *     {@value SimplePool#MAX_VETOES} connections in a row
   */
  @Override
  public PoolEntry acquire() {
    awaitResumed();
    synchronized (this) {
      return acquireShared();
    }
  }

  private PoolEntry acquireShared() {
    PoolListener.CheckoutVeto veto = null;
    for (int attempt = 0; attempt < MAX_VETOES; attempt++) {
      checkOpen();
      PoolEntry e = current;
      if (e != null
          && holders.get() == 0
          && isStale(e)
          && e.cas(PoolEntry.IDLE, PoolEntry.REMOVED)) {
        current = null;
        closeQuietly(e);
        e = null;
      }
      if (e == null) {
        e = open(PoolEntry.IN_USE);
        current = e;
      } else if (holders.get() == 0) {
        e.setState(PoolEntry.IN_USE);
      }
      holders.incrementAndGet();
      veto = checkedOut(e);
      if (veto == null) {
        return e;
      }
      invalidate(e, veto);
    }
    throw vetoedTooOften(veto);
  }

  /**
   * Counts a borrower out; the last one resets the connection, which then stays open (unless the
   * pool was closed or the connection went stale meanwhile).
   */
  @Override
  public synchronized void giveBack(PoolEntry e) {
    if (e != current || e.state() == PoolEntry.REMOVED) {
      return; // invalidated, detached or replaced while borrowed
    }
    if (holders.get() == 0) {
      returnedTwice(e);
      return;
    }
    if (holders.decrementAndGet() > 0) {
      if (listener.active()) {
        listener.checkin(e);
      }
      return;
    }
    if (!checkinAndReset(e)) {
      return; // invalidated
    }
    if (closed || isStale(e)) {
      e.setState(PoolEntry.REMOVED);
      current = null;
      closeQuietly(e);
    } else {
      e.setState(PoolEntry.IDLE);
    }
  }

  /** Closes the shared connection now, under every holder, and forgets it. */
  @Override
  public synchronized void invalidate(PoolEntry e, Throwable cause) {
    if (!e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      return;
    }
    drop(e);
    firedInvalidate(e, cause);
    closeQuietly(e);
  }

  /** Hands the shared connection to its holders; the next checkout opens a new one. */
  @Override
  public synchronized void detach(PoolEntry e) {
    if (e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      drop(e);
      firedDetach(e);
    }
  }

  private void drop(PoolEntry e) {
    if (current == e) {
      current = null;
      holders.set(0);
    }
  }

  /** Returns the number of borrowers holding the connection now. */
  int holders() {
    return holders.get();
  }

  /** Returns the shared connection while anyone holds it (once, however many hold it). */
  @Override
  public synchronized List<PoolEntry> borrowed() {
    return current != null && holders.get() > 0 ? List.of(current) : List.of();
  }

  /** Reports a pool of size 1 with no overflow; the connection is in use while anyone holds it. */
  @Override
  public synchronized PoolStatus status() {
    int size = current == null ? 0 : 1;
    int inUse = holders.get() > 0 ? 1 : 0;
    return new PoolStatus(config.name(), 1, 0, size, size - inUse, inUse, 0);
  }

  /** Refuses new checkouts and closes the connection, now or when its last holder gives it back. */
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
