package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pool that does not pool: every checkout opens a new physical connection and every return closes
 * it (after the usual reset).
 *
 * <p>Use it when something else does the pooling (a server-side pooler such as PgBouncer, a proxy)
 * or when connections must never be reused, for instance across a fork or in short-lived jobs. By
 * its nature the connection is opened on the borrower's thread, inside {@link #acquire()}, and
 * closed on the thread that gives it back; there is no limit, no waiting and no timeout. The status
 * reports the connections now borrowed as both the size and the in-use count; nothing is ever idle.
 * Soft invalidation only tells the listener, as every connection is closed on return anyway.
 */
public final class NullPool extends SimplePool {
  /** The connections borrowed now: each is open only while borrowed. */
  private final Set<PoolEntry> out = ConcurrentHashMap.newKeySet();

  /** Creates the pool; it opens nothing until asked. */
  public NullPool(
      PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    super(config, factory, ticker, support);
  }

  /**
   * Opens a new connection on the calling thread.
   *
   * @throws PoolClosedException if the pool is closed
   * @throws dev.cistern.CisternException if the driver fails, or the checkout listener refused
   *     {@value SimplePool#MAX_VETOES} connections in a row
   */
  @Override
  public PoolEntry acquire() {
    awaitResumed();
    PoolListener.CheckoutVeto veto = null;
    for (int attempt = 0; attempt < MAX_VETOES; attempt++) {
      checkOpen();
      PoolEntry e = open(PoolEntry.IN_USE);
      out.add(e);
      if (closed) { // closed while opening: the engine's close may not have seen this one
        invalidate(e, new PoolClosedException(config.name()));
        throw new PoolClosedException(config.name());
      }
      veto = checkedOut(e);
      if (veto == null) {
        return e;
      }
      invalidate(e, veto);
    }
    throw vetoedTooOften(veto);
  }

  /** Resets the connection, then closes it on the calling thread. */
  @Override
  public void giveBack(PoolEntry e) {
    int state = e.state();
    if (state == PoolEntry.REMOVED) {
      return; // invalidated or detached while borrowed
    }
    if (state != PoolEntry.IN_USE) {
      returnedTwice(e);
      return;
    }
    if (checkinAndReset(e) && e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      out.remove(e);
      closeQuietly(e);
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    if (e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      out.remove(e);
      firedInvalidate(e, cause);
      closeQuietly(e);
    }
  }

  @Override
  public void detach(PoolEntry e) {
    if (e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      out.remove(e);
      firedDetach(e);
    }
  }

  /** Reports poolSize 0 and unlimited overflow: every connection is an extra one. */
  @Override
  public PoolStatus status() {
    int n = out.size();
    return new PoolStatus(config.name(), 0, -1, n, 0, n, 0);
  }

  /** Returns the connections borrowed now: with this kind, every open connection. */
  @Override
  public List<PoolEntry> borrowed() {
    return List.copyOf(out);
  }

  /** Refuses new checkouts; connections still borrowed are closed when they come back. */
  @Override
  public void close() {
    if (markClosed()) {
      firedDisposed();
    }
  }
}
