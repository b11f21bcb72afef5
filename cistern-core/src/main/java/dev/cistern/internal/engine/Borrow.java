package dev.cistern.internal.engine;

import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import java.lang.ref.PhantomReference;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One watched borrow: who borrowed which entry of which pool, and (with leak detection on) where
 * and when. The pool entry holds it as its borrower for as long as the connection is out. With leak
 * detection and the abandon timeout off, a checkout makes none: the {@link ReclaimSweep} makes one
 * only for a borrow held across two of its rounds.
 *
 * <p>It is also the phantom reference to the connection handed out (when reclaim is on): when that
 * connection becomes unreachable without being closed, the {@link Reclaimer} finds this borrow in
 * its queue. It therefore references the pool and the entry but never the connection. A borrow ends
 * once, either way: {@link #run()} when the connection is closed (its close hook), {@link #end()}
 * when the engine aborted it, or by the {@link Reclaimer}.
 */
final class Borrow extends PhantomReference<Object> implements Runnable {
  private static final AtomicIntegerFieldUpdater<Borrow> DONE =
      AtomicIntegerFieldUpdater.newUpdater(Borrow.class, "done");
  private static final AtomicIntegerFieldUpdater<Borrow> REPORTED =
      AtomicIntegerFieldUpdater.newUpdater(Borrow.class, "reported");

  private final LeakCheck check;
  private final Pool pool;
  private final PoolEntry entry;
  private final String threadName;
  private final Throwable stack;
  private final long borrowedNanos;
  private final boolean watched;
  private volatile int done;
  private volatile int reported;
  private volatile boolean adopted;

  /**
   * Records a borrow.
   *
   * @param stack the borrowing stack, or null when leak detection is off
   * @param borrowedNanos when it was borrowed (the check's clock), or 0 when it is not watched
   * @param watched whether the check watches it (leak detection or the abandon timeout is on)
   * @param owner the connection handed out, to reclaim when it is dropped; null when reclaim is off
   */
  Borrow(
      LeakCheck check,
      Pool pool,
      PoolEntry entry,
      String threadName,
      Throwable stack,
      long borrowedNanos,
      boolean watched,
      Object owner) {
    super(owner, owner == null ? null : Reclaimer.QUEUE);
    this.check = check;
    this.pool = pool;
    this.entry = entry;
    this.threadName = threadName;
    this.stack = stack;
    this.borrowedNanos = borrowedNanos;
    this.watched = watched;
  }

  /** Returns the borrowing stack, or null when leak detection is off. */
  Throwable stack() {
    return stack;
  }

  /** Returns the borrowing thread's name. */
  String threadName() {
    return threadName;
  }

  /** Returns when it was borrowed, on the leak check's clock. */
  long borrowedNanos() {
    return borrowedNanos;
  }

  /** Returns how long it has been held, or -1 when it is not watched (no clock was read). */
  long heldNanos() {
    return watched ? check.nanoTime() - borrowedNanos : -1;
  }

  /** Returns the borrowed entry's number. */
  long entryId() {
    return entry.id();
  }

  /** Returns the pool the entry belongs to. */
  Pool pool() {
    return pool;
  }

  /** Returns the borrowed entry. */
  PoolEntry entry() {
    return entry;
  }

  /** Returns the engine's leak log. */
  LeakLog log() {
    return check.log();
  }

  /** Returns true once the borrow ended (closed, aborted or reclaimed). */
  boolean isDone() {
    return done != 0;
  }

  /** Marks it reported as held too long; returns false if it was, or has ended. */
  boolean markReported() {
    return done == 0 && REPORTED.compareAndSet(this, 0, 1);
  }

  /** Marks it adopted: the {@link Reclaimer} holds it since its pool was replaced. */
  void markAdopted() {
    adopted = true;
  }

  /**
   * The connection was closed: stops watching it (no reclaim, no leak check) and, if it was
   * reported as leaked, logs that it came back. Call before the entry goes back to the pool.
   */
  @Override
  public void run() {
    if (end() && reported != 0) {
      check.log().returnedAfterReport(entry.id(), check.nanoTime() - borrowedNanos);
    }
  }

  /**
   * Ends the borrow: it is watched no more, the entry forgets it, and reclaim will not act on it.
   * Returns false if it had ended already (only the first caller gets true).
   */
  boolean end() {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return false;
    }
    if (adopted) {
      Reclaimer.ADOPTED.remove(this);
    }
    if (watched) {
      check.forget(this);
    }
    // only if the entry still names this borrow: by now it may name the next one
    entry.casBorrower(this, null);
    // not cleared (Reference.clear is a native call): once the borrow is unreachable, as it is
    // now, the collector never enqueues it, and if it did, the reclaimer would see it done
    return true;
  }

  /** Describes it for a disposal report, with the borrowing stack when there is one. */
  String describe() {
    return LeakLog.describe(entry.id(), threadName, stack);
  }
}
