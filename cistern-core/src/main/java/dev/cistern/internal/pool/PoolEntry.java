package dev.cistern.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One physical connection in a pool, and the slot that says who may use it.
 *
 * <p>A borrower owns an entry by moving its state from {@link #IDLE} to {@link #IN_USE} with a
 * compare-and-set; whoever wins the CAS is the only holder until the entry goes back to IDLE. The
 * background maintenance claims entries the same way ({@link #RESERVED}) before it closes or tests
 * them, so it can never close a connection under a borrower.
 *
 * <p>The fields live in {@link PoolEntryFields}, between two 64-byte pads: each borrower thread
 * keeps returning to "its" entry, and without the pads two threads' entries can share a cache line
 * and slow each other down on every checkout (false sharing).
 */
public final class PoolEntry extends PoolEntryPadAfter {
  /** Open and free to borrow. */
  public static final int IDLE = 0;

  /** Borrowed by exactly one holder. */
  public static final int IN_USE = 1;

  /** Claimed by the pool itself (closing, testing). */
  public static final int RESERVED = 2;

  /** Gone from the pool; its physical connection is closed or being closed. */
  public static final int REMOVED = 3;

  private static final VarHandle STATE;
  private static final VarHandle BORROWER;
  private static final VarHandle WAITING;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PoolEntry.class, "state", int.class);
      BORROWER = MethodHandles.lookup().findVarHandle(PoolEntry.class, "borrower", Object.class);
      WAITING = MethodHandles.lookup().findVarHandle(PoolEntry.class, "waitingSince", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The borrowers' own data about this physical connection (SQLAlchemy's {@code
   * ConnectionRecord.info}); made by the first {@link #info()} call. Lives here, outside the padded
   * hot fields, because it is touched only on request.
   */
  private Map<String, Object> info;

  /**
   * Why the engine aborted this connection while it was borrowed (it was abandoned), or null; set
   * once, read only on the error path of its proxy.
   */
  private volatile String abortReason;

  /**
   * Since when ({@link System#nanoTime()}) the holder has been waiting for the server's answer to a
   * call, or 0; written by the holder (opaque, no fence) only when the engine checks for lost
   * requests, read by that check.
   */
  @SuppressWarnings("unused") // accessed through WAITING
  private long waitingSince;

  PoolEntry(Connection raw, long id, long createdNanos, int initialState) {
    super(raw, id, createdNanos);
    STATE.setVolatile(this, initialState);
  }

  /** Moves the state from {@code expected} to {@code next} if it is still {@code expected}. */
  boolean cas(int expected, int next) {
    return STATE.compareAndSet(this, expected, next);
  }

  /** Returns the state. */
  public int state() {
    return (int) STATE.getVolatile(this);
  }

  /** Sets the state; only its owner may call this. */
  void setState(int next) {
    STATE.setVolatile(this, next);
  }

  /** Records when the entry was handed out (before {@link #borrower(Object)} publishes it). */
  public void borrowedNanos(long nanos) {
    borrowedNanos = nanos;
  }

  /** Returns when the entry was last handed out; read it after {@link #borrower()}. */
  public long borrowedNanos() {
    return borrowedNanos;
  }

  /** Returns the engine's record of the current borrow, or null. */
  public Object borrower() {
    return BORROWER.getAcquire(this);
  }

  /** Sets the engine's record of the current borrow (null when it ends). */
  public void borrower(Object b) {
    BORROWER.setRelease(this, b);
  }

  /**
   * Returns the engine's record of the current borrow with a volatile read: ordered after the
   * caller's own earlier volatile writes (the close of a connection against a concurrent {@link
   * #casBorrower}).
   */
  public Object borrowerVolatile() {
    return BORROWER.getVolatile(this);
  }

  /**
   * Replaces the engine's record of the current borrow if it is still {@code expected} (identity);
   * returns true if it was replaced.
   */
  public boolean casBorrower(Object expected, Object next) {
    return BORROWER.compareAndSet(this, expected, next);
  }

  /**
   * Records the name of the borrowing thread; the holder writes it before it publishes the borrow
   * with {@link #borrower(Object)}.
   */
  public void borrowerThread(String name) {
    borrowerThread = name;
  }

  /**
   * Returns the name of the thread that borrowed the entry last; read after {@link #borrower()}.
   */
  public String borrowerThread() {
    return borrowerThread;
  }

  /** Returns the engine's close hook kept for this entry's borrows, or null; holder only. */
  public Runnable closeHook() {
    return closeHook;
  }

  /** Keeps the engine's close hook for this entry's borrows; holder only. */
  public void closeHook(Runnable hook) {
    closeHook = hook;
  }

  /**
   * Records why the engine is aborting this borrowed connection, before it aborts it: the proxy
   * then turns the driver's errors into one that says so.
   */
  public void abortReason(String reason) {
    this.abortReason = reason;
  }

  /** Returns why the engine aborted this borrowed connection, or null if it did not. */
  public String abortReason() {
    return abortReason;
  }

  /** Notes that the holder now waits for the server, since {@code nanoTime} (not 0). */
  public void awaitBegin(long nanoTime) {
    WAITING.setOpaque(this, nanoTime == 0 ? 1 : nanoTime);
  }

  /** Notes that the holder's wait for the server ended. */
  public void awaitEnd() {
    WAITING.setOpaque(this, 0L);
  }

  /** Returns since when the holder has been waiting for the server, or 0 if it is not waiting. */
  public long waitingSince() {
    return (long) WAITING.getOpaque(this);
  }

  /** Returns the physical connection; for the pool's own use and tests. */
  public Connection raw() {
    return raw;
  }

  /** Returns what the borrower changed on the connection, for the proxy to record. */
  public ConnectionState connectionState() {
    return connectionState;
  }

  /** Returns the entry's number within its pool, from 1. */
  public long id() {
    return id;
  }

  /**
   * Returns the map of the borrowers' own data about this physical connection: it lives as long as
   * the connection, across checkouts, and a replacement connection starts with an empty one.
   * Synchronized, for the pool kinds that share one connection between threads.
   */
  public synchronized Map<String, Object> info() {
    Map<String, Object> m = info;
    if (m == null) {
      m = Collections.synchronizedMap(new HashMap<>());
      info = m;
    }
    return m;
  }

  /**
   * Returns true once the entry left its pool: invalidated, aborted by the engine's close, retired,
   * or detached (then its borrower owns the connection).
   */
  public boolean isRemoved() {
    return state() == REMOVED;
  }

  /** Returns how many times the entry was checked out. */
  public long uses() {
    return uses;
  }

  @Override
  public String toString() {
    String[] names = {"idle", "in use", "reserved", "removed"};
    return "connection #" + id + " (" + names[state()] + ")";
  }
}
