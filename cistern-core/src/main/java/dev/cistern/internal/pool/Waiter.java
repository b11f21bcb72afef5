package dev.cistern.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A borrower parked until an entry is handed to it or it gives up.
 *
 * <p>Hand-off and cancellation race on one field: the first CAS of {@link #entry} from {@code null}
 * wins, to an entry (fulfilled) or to {@link #CANCELLED}. So an entry is handed to a waiter at most
 * once, and never to one that has left.
 */
final class Waiter {
  private static final PoolEntry CANCELLED = new PoolEntry(null, -1, 0, PoolEntry.REMOVED);
  private static final VarHandle ENTRY;

  static {
    try {
      ENTRY = MethodHandles.lookup().findVarHandle(Waiter.class, "entry", PoolEntry.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Thread thread;

  /** When the borrower began waiting ({@link Ticker#nanoTime()}), kept across re-queueing. */
  final long since;

  @SuppressWarnings("unused") // accessed through ENTRY
  private volatile PoolEntry entry;

  Waiter(Thread thread, long since) {
    this.thread = thread;
    this.since = since;
  }

  /** Hands {@code e} to this waiter; false if it was already served or gave up. */
  boolean offer(PoolEntry e) {
    return ENTRY.compareAndSet(this, null, e);
  }

  /** Gives up; false if an entry was handed over first (the caller must then take it). */
  boolean cancel() {
    return ENTRY.compareAndSet(this, null, CANCELLED);
  }

  /** Returns true while nothing was handed over and the waiter has not given up. */
  boolean isWaiting() {
    return ENTRY.getVolatile(this) == null;
  }

  /** Returns true once the waiter gave up. */
  boolean isCancelled() {
    return ENTRY.getVolatile(this) == CANCELLED;
  }

  /** Returns the entry handed over, or {@code null}. */
  PoolEntry entry() {
    PoolEntry e = (PoolEntry) ENTRY.getVolatile(this);
    return e == CANCELLED ? null : e;
  }
}
