package dev.cistern.internal.pool;

import dev.cistern.CisternException;
import dev.cistern.PoolTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The borrowers that found no free connection, in arrival order. Waiting parks the thread, which
 * suits virtual threads.
 *
 * <p>A connection coming back while borrowers wait is made idle and the longest waiter is woken to
 * take it; a running borrower may get there first (barging), and the woken one queues up again.
 * Barging keeps connections busy instead of reserved for a thread that is still being scheduled,
 * which on a loaded machine costs tens of microseconds per hand-off. Once the longest waiter has
 * waited {@link #HAND_OFF_AFTER_NANOS} the connection is handed to it directly instead, so nobody
 * starves (the same rule as Go's mutex). {@link #handOffAfter} 0 makes every hand-off direct:
 * strict first-come first-served.
 *
 * <p>No wake-up is lost, so no timer re-checks: a borrower parks until its deadline. A return wakes
 * only the longest waiter, and marks it woken so that later returns do not wake it again before it
 * ran; every borrower leaving the queue, however it leaves, wakes the longest waiter if an entry is
 * idle ({@link #passOn}), so an entry meant for a waiter that left without it is passed on. {@code
 * WaitQueueLincheckTest} model-checks this with parks that never end on their own.
 *
 * <p>Every operation is O(1) however many borrowers wait (10,000 virtual threads on 20 connections
 * is a normal load): a hand-off takes the head of the queue, the count of unserved waiters is kept
 * as a counter, and a waiter that gives up is left in the queue, marked, to be dropped when it
 * reaches the head or by an occasional sweep.
 */
final class WaitQueue {
  /**
   * With poolTimeout 0 a borrower waits only for an opening under way; it looks this often whether
   * one still is (an opening it did not cause may finish and serve someone else). With a timeout a
   * borrower parks until its deadline: only a hand-off, a wake-up or the pool's close ends the park
   * early, and no timer re-checks (see {@link #passOn}).
   */
  private static final long ZERO_TIMEOUT_RECHECK_NANOS = 10_000_000L;

  private static final int SWEEP_AFTER_CANCELS = 256;

  /** Yields before queueing up (platform threads only); measured: 8 → p99.9 6 ms, 32 → 40 µs. */
  private static final int SPIN_YIELDS = 32;

  /** {@code java.lang.VirtualThread} on JDK 21+, else null: virtual threads park cheaply. */
  private static final Class<?> VIRTUAL = virtualThreadClass();

  /** How long the longest waiter waits before returning connections go to it directly. */
  static final long HAND_OFF_AFTER_NANOS = 250_000L;

  private volatile long handOffAfterNanos = HAND_OFF_AFTER_NANOS;

  /** Yields before queueing up, on platform threads; tests set fewer to keep models small. */
  private volatile int spinYields = SPIN_YIELDS;

  private final ConnectionPool pool;
  private final ConcurrentLinkedDeque<Waiter> waiters = new ConcurrentLinkedDeque<>();
  private final AtomicInteger waiting = new AtomicInteger();

  /** Waiters in the queue neither served nor cancelled. */
  private final AtomicInteger unserved = new AtomicInteger();

  /** Cancellations since the last sweep of cancelled waiters (a heuristic, not exact). */
  private final AtomicInteger cancels = new AtomicInteger();

  WaitQueue(ConnectionPool pool) {
    this.pool = pool;
  }

  private static Class<?> virtualThreadClass() {
    try {
      return Class.forName("java.lang.VirtualThread");
    } catch (ClassNotFoundException e) {
      return null; // JDK 17-20
    }
  }

  /** Sets after how long a waiter is handed connections directly; 0 for always (tests). */
  void handOffAfter(long nanos) {
    this.handOffAfterNanos = nanos;
  }

  /** Sets how many times a platform thread yields before queueing up (tests). */
  void spinYields(int n) {
    this.spinYields = n;
  }

  /**
   * Waits for an entry until the borrow's deadline: {@code poolTimeout} after {@code start}, the
   * moment the borrow began (so time spent before, say on a failed pre-ping, counts too). With
   * poolTimeout 0 it waits only while an opening it may get is under way or allowed (see {@link
   * #mayWait}).
   *
   * @throws PoolTimeoutException at the deadline
   * @throws dev.cistern.CannotConnectException if the opening it waited for failed for good
   */
  PoolEntry await(long start) {
    // First give the CPU away a few times: on a busy machine the holders of the connections are
    // often runnable but not running, and yielding to them returns a connection sooner than
    // parking (a park and its unpark cost two context switches and a system call). Virtual
    // threads park cheaply and go straight to the queue.
    int spins = Thread.currentThread().getClass() == VIRTUAL ? 0 : spinYields;
    for (int i = 0; i < spins && !pool.suspended && !pool.isClosed(); i++) {
      PoolEntry e = pool.slots.claimIdle(); // first before any yield: one may be idle already
      if (e != null) {
        return e;
      }
      Thread.yield();
    }
    long timeout = pool.timeoutNanos();
    boolean front = false;
    while (true) {
      Waiter w = new Waiter(Thread.currentThread(), start);
      unserved.incrementAndGet();
      if (front) {
        waiters.addFirst(w); // lost a race after being woken: keep its place at the head
      } else {
        waiters.add(w);
      }
      waiting.incrementAndGet();
      try {
        // An entry may have become idle between the scan and joining the queue. Leave the queue
        // before claiming it: a waiter that claims could be handed a second entry meanwhile, and
        // hold two while others find the pool empty.
        if (!pool.suspended && pool.slots.hasIdle()) {
          if (!cancel(w)) {
            return w.take();
          }
          // A scan is not atomic: entries may be given back and taken again behind it. Scan
          // again while any is idle; each miss means another borrower got one.
          do {
            PoolEntry e = pool.slots.claimIdle();
            if (e != null) {
              return e;
            }
          } while (!pool.suspended && pool.slots.hasIdle());
          if (mayWait(start, timeout)) {
            continue; // taken by someone else: queue up again
          }
          throw timeout(start);
        }
        pool.creator.request(unserved());
        PoolEntry got = park(w, start, timeout);
        if (got != null) {
          return got;
        }
        // woken to take an idle entry but another borrower was faster: queue up again at the
        // head, keeping the time it began waiting (so it soon gets an entry handed directly)
        front = true;
      } finally {
        waiting.decrementAndGet(); // a served waiter left the queue when served; a cancelled one
        // stays until it reaches the head or a sweep
        passOn();
      }
    }
  }

  /**
   * Parks until {@code w} is handed an entry, the pool closes or the time is up. Returns null if it
   * was woken to take an idle entry and lost the race for it.
   */
  private PoolEntry park(Waiter w, long start, long timeout) {
    while (true) {
      PoolEntry got = w.entry();
      if (got != null) {
        return got;
      }
      if (w.isFailed()) {
        return w.take(); // throws the failure
      }
      if (pool.isClosed()) {
        if (cancel(w)) {
          throw new PoolClosedException(pool.config.name());
        }
        continue;
      }
      long left = timeout - (pool.ticker.nanoTime() - start);
      if (!mayWait(start, timeout) || Thread.currentThread().isInterrupted()) {
        if (cancel(w)) {
          throw timeout(start);
        }
        continue; // handed over at the last moment: take it
      }
      // Until the deadline: whatever can serve this borrower wakes it (see passOn).
      pool.ticker.park(pool, timeout == 0 ? ZERO_TIMEOUT_RECHECK_NANOS : left);
      w.woken = false; // running again: the next return must wake it anew
      if (w.entry() != null || pool.suspended) {
        continue;
      }
      if (pool.slots.hasIdle()) { // woken to compete for an idle entry
        if (!cancel(w)) {
          continue; // handed over meanwhile: take it
        }
        return pool.slots.claimIdle(); // null: another borrower was faster; more idle: passOn
      }
      pool.creator.request(unserved());
    }
  }

  /**
   * Returns true while a borrower that began at {@code start} may still wait. With a timeout, until
   * the deadline (compared as {@code now - start < timeout}, which cannot overflow). With timeout
   * 0, as SQLAlchemy's {@code pool_timeout=0}: it never waits for a busy pool, but an opening that
   * is under way or allowed below the maximum proceeds, and the borrower waits for it (the creator
   * fails it at once if that opening fails); so it fails at once only at the maximum with nothing
   * idle.
   */
  private boolean mayWait(long start, long timeout) {
    if (timeout > 0) {
      return pool.ticker.nanoTime() - start < timeout;
    }
    if (pool.creator.pending() > 0) {
      return true;
    }
    if (pool.canOpen()) {
      pool.creator.request(unserved()); // allowed: start it, and wait for it
      return pool.creator.pending() > 0;
    }
    return false;
  }

  /** The exception for a borrower that began at {@code start} and ran out of time. */
  RuntimeException timeoutSince(long start) {
    return timeout(start);
  }

  private RuntimeException timeout(long start) {
    Duration waited = Duration.ofNanos(pool.ticker.nanoTime() - start);
    if (Thread.currentThread().isInterrupted()) {
      return new CisternException(
          "interrupted while waiting "
              + waited.toMillis()
              + " ms for a connection from pool '"
              + pool.config.name()
              + "'",
          new InterruptedException());
    }
    // At the deadline the borrow took poolTimeout (and a few ms of scheduling): say that.
    Duration shown = pool.timeoutNanos() > 0 ? pool.config.poolTimeout() : waited;
    Throwable lastError = pool.creator.lastError();
    return new PoolTimeoutException(
        pool.status(), shown, lastError, lastError == null ? pool.describeHolders() : null);
  }

  /** Gives up waiting; false if an entry was handed over first (the caller must take it). */
  private boolean cancel(Waiter w) {
    if (!w.cancel()) {
      return false;
    }
    unserved.decrementAndGet();
    if (cancels.incrementAndGet() >= SWEEP_AFTER_CANCELS) {
      cancels.set(0);
      waiters.removeIf(Waiter::isCancelled); // O(n), once per SWEEP_AFTER_CANCELS cancellations
    }
    return true;
  }

  /**
   * Called with {@code e} just made IDLE while borrowers wait: hands it to the longest waiter if
   * that one has waited long enough (or hand-offs are strict), else wakes it to compete.
   */
  void idleWithWaiters(PoolEntry e) {
    Waiter h = liveHead();
    if (h == null) {
      return;
    }
    long after = handOffAfterNanos;
    if (after == 0 || pool.ticker.nanoTime() - h.since >= after) {
      handOffOrIdle(e);
    } else {
      wake(h);
    }
  }

  /**
   * Hands an IDLE entry to the longest waiter, or leaves it IDLE if nobody waits or another
   * borrower claims it first. The entry is IN_USE while offered; a borrower that joins the queue in
   * that moment finds nothing idle and parks, so once it is IDLE again the queue is looked at
   * again.
   */
  private void handOffOrIdle(PoolEntry e) {
    while (e.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
      if (handOff(e)) {
        return;
      }
      e.setState(PoolEntry.IDLE);
      if (liveHead() == null) {
        return; // whoever joins from now on sees it idle
      }
    }
  }

  /**
   * Wakes {@code h} to compete for an idle entry, unless it was woken already and has not run since
   * (an unpark is a system call; the woken one passes extra idle entries on, see {@link #passOn}).
   */
  private void wake(Waiter h) {
    if (!h.woken) {
      h.woken = true;
      pool.ticker.unpark(h.thread);
    }
  }

  /**
   * Run by every borrower leaving the queue, however it leaves (served, claimed an idle entry,
   * timed out, interrupted, failed, closed, or about to queue up again): if an entry is idle and
   * others wait, the longest waiter is woken to take it. This is what makes a wake-up never lost: a
   * return wakes only the head, and the head may leave without the entry it was woken for (it timed
   * out a moment later, or was handed another, or claimed one of two that came back), or may have
   * been chosen just as it left; the entry would otherwise sit idle while the next waiter sleeps
   * until its deadline. A leaving borrower stopped being the head before this look, and the
   * returner wrote IDLE before it looked at the head, so whichever entry a return meant for it is
   * seen here.
   */
  private void passOn() {
    if (waiting.get() > 0 && !pool.suspended && pool.slots.hasIdle()) {
      Waiter h = liveHead();
      if (h != null) {
        wake(h);
      }
    }
  }

  /**
   * Fails the longest unserved waiter with the exception {@code failure} makes for it (an opening
   * that waiter counted on failed for good); false if nobody waits.
   */
  boolean failOne(java.util.function.Function<Waiter, RuntimeException> failure) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (w.isWaiting() && w.fail(failure.apply(w))) {
        unserved.decrementAndGet();
        pool.ticker.unpark(w.thread);
        return true;
      }
      // it gave up or was served meanwhile: dropped from the queue now
    }
    return false;
  }

  /** Returns the longest waiter still waiting, dropping cancelled ones at the head; or null. */
  private Waiter liveHead() {
    Waiter h;
    while ((h = waiters.peek()) != null && (h.isCancelled() || h.isFailed())) {
      waiters.remove(h); // at the head: O(1)
    }
    return h;
  }

  /** Gives an IN_USE entry to the longest waiter; false if there is none. */
  boolean handOff(PoolEntry e) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      if (w.offer(e)) {
        unserved.decrementAndGet();
        pool.ticker.unpark(w.thread);
        return true;
      }
      // it gave up: dropped from the queue now
    }
    return false;
  }

  /** Returns the number of borrowers waiting. */
  int waiting() {
    return waiting.get();
  }

  /** Returns the number of waiting borrowers not yet handed a connection. */
  int unserved() {
    return Math.max(0, unserved.get());
  }

  /** Returns the waiters still in the queue, including cancelled ones not yet dropped (tests). */
  int queued() {
    return waiters.size();
  }

  /** Wakes every waiter, so that each sees the pool closed. */
  void wakeAll() {
    for (Waiter w : waiters) {
      pool.ticker.unpark(w.thread);
    }
  }

  /** Hands idle entries to waiters, longest first, while both last. */
  void serveIdle(Slots slots) {
    for (PoolEntry e : slots.all()) {
      if (waiting.get() == 0) {
        return;
      }
      handOffOrIdle(e);
    }
  }
}
