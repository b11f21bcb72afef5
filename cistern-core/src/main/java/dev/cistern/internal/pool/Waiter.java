package dev.cistern.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A borrower parked until an entry is handed to it or it gives up.
 *
 * <p>Hand-off, failure and cancellation race on one field: the first CAS of {@link #entry} from
 * {@code null} wins, to an entry (fulfilled), to {@link #FAILED} (the opening it waited for failed
 * for good) or to {@link #CANCELLED}. So an entry is handed to a waiter at most once, and never to
 * one that has left or failed.
 */
final class Waiter {
  private static final PoolEntry CANCELLED = new PoolEntry(null, -1, 0, PoolEntry.REMOVED);
  private static final PoolEntry FAILED = new PoolEntry(null, -2, 0, PoolEntry.REMOVED);
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

  /** What the borrower throws once {@link #entry} is FAILED; written before that CAS. */
  private volatile RuntimeException failure;

  /**
   * Set when a return woke this waiter to compete for an idle entry, cleared by the waiter when its
   * park ends: while set, later returns need not wake it again, since it is on its way and will
   * look at the idle entries (or, leaving, pass them on).
   */
  volatile boolean woken;

  Waiter(Thread thread, long since) {
    this.thread = thread;
    this.since = since;
  }

  /** Hands {@code e} to this waiter; false if it was already served or gave up. */
  boolean offer(PoolEntry e) {
    return ENTRY.compareAndSet(this, null, e);
  }

  /**
   * Makes the borrower fail with {@code e} (the opening it waited for cannot succeed); false if it
   * was already served, failed or gave up.
   */
  boolean fail(RuntimeException e) {
    failure = e;
    return ENTRY.compareAndSet(this, null, FAILED);
  }

  /**
   * Returns what was handed over, for a waiter that is no longer waiting: the entry, or throws the
   * failure it was given.
   */
  PoolEntry take() {
    PoolEntry e = (PoolEntry) ENTRY.getVolatile(this);
    if (e == FAILED) {
      throw failure;
    }
    return e == CANCELLED ? null : e;
  }

  /** Gives up; false if an entry or a failure was handed over first (the caller must take it). */
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

  /** Returns the entry handed over, or {@code null} (also when cancelled or failed). */
  PoolEntry entry() {
    PoolEntry e = (PoolEntry) ENTRY.getVolatile(this);
    return e == CANCELLED || e == FAILED ? null : e;
  }

  /** Returns true once a failure was handed over. */
  boolean isFailed() {
    return ENTRY.getVolatile(this) == FAILED;
  }
}
