package dev.cistern.internal.engine;

import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reclaim of dropped connections at (almost) no cost per checkout, for engines with leak detection
 * and the abandon timeout off. A checkout makes no record and no reference object: the pool entry
 * names the connection handed out in its borrower field (the one object a borrow makes, which the
 * borrower holds anyway) and the close hook, kept per entry, clears it. Every {@link
 * #PERIOD_MILLIS} ms, on the leak check's daemon timer, this sweep looks at the borrowed entries;
 * one that still names the same connection as at the previous round has been held at least that
 * long, and is converted: a {@link Borrow} (the phantom reference the {@link Reclaimer} waits on)
 * replaces the connection in the entry, so the entry no longer keeps the connection alive. If the
 * borrower has dropped it, the next collection finds it unreachable and the reclaimer frees the
 * slot, as it did when every checkout made a {@code Borrow}. A dropped connection is thus reclaimed
 * between one and two periods plus a garbage collection after it was borrowed.
 *
 * <p>The races, each ended by the entry's borrower field being replaced only by compare-and-set
 * against the identity of the connection handed out (never reused: a closed handle stays dead):
 *
 * <ul>
 *   <li>close against conversion: the close marks the connection closed (a volatile write) before
 *       it reads the borrower field (a volatile read); the sweep replaces the field (a CAS) before
 *       it reads whether the connection is closed. One of the two sees the other: either the close
 *       finds the {@code Borrow} and ends it, or the sweep finds the connection closed and ends it
 *       itself; {@link Borrow#end()} lets only one of them through. The sweep holds the connection
 *       strongly until it has looked ({@link Reference#reachabilityFence}), so the collector cannot
 *       queue the {@code Borrow} of a connection closed meanwhile before it is ended;
 *   <li>conversion of a stale connection: the CAS fails if the entry names another borrow (or
 *       none): a closed borrow's close cleared the field before the entry went back;
 *   <li>abort, abandon, lost request, engine close: {@link LeakDetector#forget} clears the field by
 *       CAS, or ends the {@code Borrow} the sweep made meanwhile;
 *   <li>dispose: {@link LeakDetector#adoptBorrowed} converts what is out of the replaced pool at
 *       once, and the sweep keeps looking at a replaced pool until nothing of it is borrowed.
 * </ul>
 */
final class ReclaimSweep {
  /** How often the sweep looks; a borrow held across two looks is converted. */
  static final long PERIOD_MILLIS = 500;

  private final LeakDetector detector;

  /** The engine's current pool, and pools replaced by dispose with connections still out. */
  private final List<Pool> pools = new CopyOnWriteArrayList<>();

  private volatile Pool current;

  /** The connections named by borrowed entries at the previous round; the sweep's own. */
  private Map<PoolEntry, ProxyConnection> seen = new HashMap<>();

  private volatile boolean started;
  private final Object lock = new Object();
  private ScheduledFuture<?> task; // guarded by lock
  private boolean closed; // guarded by lock

  ReclaimSweep(LeakDetector detector) {
    this.detector = detector;
  }

  /**
   * Sweeps {@code p} from now on, as the engine's current pool (and the replaced one while out).
   */
  void pool(Pool p) {
    current = p;
    if (!pools.contains(p)) {
      pools.add(p);
    }
  }

  /** Starts the periodic sweep unless it runs; a read of one volatile field once it does. */
  void ensureStarted() {
    if (!started) {
      start();
    }
  }

  private void start() {
    synchronized (lock) {
      if (started || closed) {
        return;
      }
      started = true;
      task =
          LeakCheck.timer()
              .scheduleWithFixedDelay(
                  this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    try {
      sweep();
    } catch (RuntimeException e) {
      detector.log().checkFailed(e);
    }
  }

  /** One round: converts each borrow that still names the connection it named last round. */
  void sweep() {
    synchronized (this) {
      Map<PoolEntry, ProxyConnection> last = seen;
      Map<PoolEntry, ProxyConnection> next = new HashMap<>();
      for (Pool p : pools) {
        List<PoolEntry> out = p.borrowed();
        if (out.isEmpty() && p != current) {
          pools.remove(p); // replaced by dispose, and nothing of it is out any more
          continue;
        }
        for (PoolEntry e : out) {
          if (e.borrower() instanceof ProxyConnection c && !c.isClosed()) {
            if (last.get(e) == c) {
              detector.convert(p, e, c);
            } else {
              next.put(e, c);
            }
          }
        }
      }
      seen = next; // the connections in last are no longer held from here
    }
  }

  /** Keeps the periodic sweep from starting: rounds run only when called (for tests). */
  void manual() {
    synchronized (lock) {
      started = true;
    }
  }

  /** Returns true if the periodic sweep is scheduled (for tests). */
  boolean scheduled() {
    synchronized (lock) {
      return task != null;
    }
  }

  /** Stops the sweep for good. */
  void close() {
    synchronized (lock) {
      closed = true;
      started = true; // no checkout starts it again
      if (task != null) {
        task.cancel(false);
        task = null;
      }
    }
    synchronized (this) {
      seen = new HashMap<>();
    }
  }
}
