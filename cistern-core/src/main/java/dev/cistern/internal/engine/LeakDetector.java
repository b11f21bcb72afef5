package dev.cistern.internal.engine;

import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's watch over its borrowed connections: leak detection ({@code leakDetectionThreshold}),
 * the abort of connections held too long ({@code abandonTimeout}) and reclamation of connections
 * dropped without being closed. It coordinates four parts:
 *
 * <ul>
 *   <li>{@link Borrow}: the record of one borrow, held by the pool entry, and the phantom reference
 *       to the connection handed out;
 *   <li>{@link LeakCheck}: with a threshold or an abandon timeout above zero, the borrows not
 *       returned yet and the shared daemon timer that warns once for each held longer than the
 *       threshold and aborts each held longer than the abandon timeout;
 *   <li>{@link Reclaimer}: the shared daemon thread that invalidates the entry of a connection that
 *       became unreachable without being closed;
 *   <li>{@link ReclaimSweep}: with reclaim on and borrows not watched (the default), the periodic
 *       look that makes a {@code Borrow} only for a borrow held across two of its rounds, so a
 *       checkout makes no reference object;
 *   <li>{@link LeakLog}: the log lines and the description of a borrow in a disposal report.
 * </ul>
 *
 * <p>With the threshold and the abandon timeout at zero (the defaults) there is no stack, no clock
 * read and no record per checkout, and a checkout allocates nothing beyond the proxy: the entry
 * names the proxy (reclaim on) or the borrowing thread (reclaim off).
 */
public final class LeakDetector {
  /**
   * The public logger of leak detection, reclamation and abandoned connections (their warnings, and
   * the return of a connection reported as leaked at INFO).
   */
  public static final String LOGGER = "dev.cistern.leak";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final boolean reclaim;
  private final LeakCheck check;

  /** The sweep that converts long borrows for reclaim; null unless reclaim is on, unwatched. */
  private final ReclaimSweep sweep;

  /**
   * Makes the detector for an engine; {@code log} and {@code nanoTime} may be null for defaults.
   */
  public static LeakDetector create(
      String engine,
      Duration threshold,
      Duration abandonTimeout,
      boolean reclaim,
      LongSupplier nanoTime,
      Logger log,
      EngineEvents events) {
    return new LeakDetector(
        engine,
        threshold,
        abandonTimeout,
        reclaim,
        nanoTime != null ? nanoTime : System::nanoTime,
        log != null ? log : LOG,
        events);
  }

  LeakDetector(
      String engine,
      Duration threshold,
      Duration abandonTimeout,
      boolean reclaim,
      LongSupplier nanoTime,
      Logger log,
      EngineEvents events) {
    this.reclaim = reclaim;
    this.check =
        new LeakCheck(new LeakLog(engine, log, events), threshold, abandonTimeout, nanoTime);
    this.sweep = reclaim && !check.watching() ? new ReclaimSweep(this) : null;
  }

  /**
   * Tells the detector the engine's pool (at start, and the fresh one after each {@code
   * dispose()}): the borrows of a pool are looked at for reclaim while it is current or has
   * connections out.
   */
  public void pool(Pool current) {
    if (sweep != null) {
      sweep.pool(current);
    }
  }

  /** Returns true if leak detection is on (a threshold above zero). */
  public boolean enabled() {
    return check.enabled();
  }

  /**
   * Hands out a connection borrowed by the current thread: the proxy to give the caller, watched
   * for leaks and for being dropped as this detector is configured. With detection and the abandon
   * timeout off, this allocates nothing beyond the proxy: with reclaim off the entry records the
   * thread's name; with reclaim on (the default) it also names the proxy, and the {@link
   * ReclaimSweep} makes the phantom reference only if the borrow lasts.
   */
  public ProxyConnection checkout(Pool pool, PoolEntry entry) {
    ProxyConnection proxy = ProxyConnection.of(entry, pool);
    String thread = Thread.currentThread().getName();
    boolean watch = check.watching();
    // the clock is read only when borrows are watched (leak detection or abandonTimeout): the
    // default checkout reads no clock, which would cost it a large part of its time; a timeout's
    // message then names the holders without their hold times. Published by the borrower store.
    long now = watch ? check.nanoTime() : 0L;
    entry.borrowedNanos(now);
    if (!watch) {
      if (!reclaim) {
        if (!thread.equals(
            entry.borrower())) { // mostly the same name already (equals: identity first)
          entry.borrower(thread);
        }
        return proxy;
      }
      // the default: no record and no reference object, the proxy itself names the borrow. The
      // proxy escapes here (the entry holds it) and is the one object a checkout makes.
      Runnable hook = entry.closeHook();
      if (hook == null) {
        hook = new CloseHook(entry);
        entry.closeHook(hook);
      }
      proxy.closeHook(hook);
      if (!thread.equals(entry.borrowerThread())) {
        // mostly the same thread takes the same entry again (affinity): a reference store into
        // the long-lived entry costs G1 a post-write barrier with a fence, so skip it when it
        // would store the same name
        entry.borrowerThread(thread);
      }
      entry.borrower(proxy); // release: publishes the thread's name and borrowedNanos
      sweep.ensureStarted();
      return proxy;
    }
    Borrow b =
        new Borrow(
            check,
            pool,
            entry,
            thread,
            check.enabled() ? borrowedHere() : null,
            now,
            true,
            reclaim ? proxy : null);
    check.watch(b);
    entry.borrower(b);
    proxy.closeHook(b);
    return proxy;
  }

  /**
   * The close hook of an entry's unwatched borrows, made once per entry: the borrow ends when the
   * entry stops naming its proxy. Runs in {@link ProxyConnection#close()} after the proxy was
   * marked closed (a volatile write) and before the entry goes back, so the entry names this
   * borrow's proxy, the {@link Borrow} the sweep made of it, or nothing (the engine aborted it).
   */
  private static final class CloseHook implements Runnable {
    private final PoolEntry entry;

    CloseHook(PoolEntry entry) {
      this.entry = entry;
    }

    @Override
    public void run() {
      Object o = entry.borrowerVolatile(); // after the proxy's closed write: see ReclaimSweep
      if (o instanceof Borrow b) {
        b.run(); // converted by the sweep: end it (once) so the reclaimer leaves it alone
      } else if (o instanceof ProxyConnection c && c.isClosed()) {
        // this borrow's proxy (closed just now; a pool that shares its connection may name another
        // borrower's, still open, and that one stays). A plain store, no CAS: a sweep converting
        // meanwhile sees the proxy closed and ends the borrow itself, and this store then only
        // drops that ended borrow
        entry.borrower(null);
      }
    }
  }

  /**
   * Converts a borrow the sweep found held across two rounds: a {@link Borrow}, the phantom
   * reference to {@code c}, replaces {@code c} in the entry, so the entry no longer keeps the
   * connection alive and the reclaimer gets it when the borrower drops it. Does nothing if the
   * entry no longer names {@code c} (closed, ended or converted meanwhile); ends the new borrow if
   * {@code c} was closed meanwhile (its close may have read the entry before the conversion).
   */
  void convert(Pool pool, PoolEntry e, ProxyConnection c) {
    try {
      Borrow b = new Borrow(check, pool, e, e.borrowerThread(), null, 0L, false, c);
      if (!e.casBorrower(c, b)) {
        return;
      }
      if (c.isClosed()) {
        b.end();
      }
    } finally {
      // c strongly reachable until it was looked at: the collector cannot queue b of a connection
      // closed and dropped meanwhile before b is ended, and reclaim an entry given back
      Reference.reachabilityFence(c);
    }
  }

  /** Returns the engine's leak log. */
  LeakLog log() {
    return check.log();
  }

  /** The borrowing stack, starting at the caller's frame (Cistern's own frames dropped). */
  static Throwable borrowedHere() {
    Throwable t = new Throwable("borrowed here");
    StackTraceElement[] st = t.getStackTrace();
    int from = 0;
    while (from < st.length - 1 && isCisternEntry(st[from].getClassName())) {
      from++;
    }
    if (from > 0) {
      t.setStackTrace(Arrays.copyOfRange(st, from, st.length));
    }
    return t;
  }

  private static boolean isCisternEntry(String cls) {
    return cls.startsWith("dev.cistern.internal.")
        || cls.equals("dev.cistern.Engine")
        || cls.equals("dev.cistern.Transaction");
  }

  /**
   * Keeps the borrow of a connection still out of a pool that is being dropped (after {@code
   * dispose()} nothing references the old pool but its borrowed connections), so the borrow can
   * still be reclaimed if that connection is leaked.
   */
  public static void adopt(PoolEntry e) {
    Reclaimer.adopt(e);
  }

  /**
   * {@link #adopt} for an entry still out of a pool that {@code dispose()} replaced: a borrow not
   * converted yet is converted now, then adopted.
   */
  public void adoptBorrowed(PoolEntry e) {
    if (e.borrower() instanceof ProxyConnection c) {
      convert(c.pool(), e, c);
    }
    Reclaimer.adopt(e);
  }

  /** Runs one round of the reclaim sweep now, without the timer (for tests). */
  void sweepNow() {
    if (sweep != null) {
      sweep.sweep();
    }
  }

  /** Keeps the reclaim sweep's timer from starting: rounds run only by {@link #sweepNow()}. */
  void manualSweep() {
    if (sweep != null) {
      sweep.manual();
    }
  }

  /** Returns true if the reclaim sweep is scheduled (for tests). */
  boolean sweepScheduled() {
    return sweep != null && sweep.scheduled();
  }

  /** Checks the borrowed connections now, warning once for each held past the threshold. */
  void checkNow() {
    check.checkNow();
  }

  /** Returns true if this detector has a timer scheduled (for tests). */
  boolean timerScheduled() {
    return check.timerScheduled();
  }

  /** Returns how many borrows are being watched for leaks (for tests). */
  int tracked() {
    return check.tracked();
  }

  /**
   * Stops the timer and the reclaim sweep; borrows still out stay watched for reclaim if they were
   * converted (the engine aborts the others).
   */
  public void close() {
    check.close();
    if (sweep != null) {
      sweep.close();
    }
  }

  /**
   * Describes a borrowed entry for a disposal report: {@code connection #3 borrowed by thread 'x'}
   * and, when leak detection recorded it, the borrowing stack.
   */
  public static String describe(PoolEntry e) {
    Object o = e.borrower();
    if (o instanceof Borrow b) {
      return b.describe();
    }
    if (o instanceof String thread) {
      return LeakLog.describe(e.id(), thread, null);
    }
    if (o instanceof ProxyConnection) {
      return LeakLog.describe(e.id(), e.borrowerThread(), null);
    }
    return LeakLog.describeUnknown(e.id());
  }

  /**
   * Describes who holds {@code borrowed} for a {@link dev.cistern.PoolTimeoutException}: each
   * connection's borrowing thread and how long it has held it, longest first, at most {@link
   * #HOLDERS_SHOWN} of them, and with leak detection on the first frame of the borrowing stack.
   * Returns null if none is borrowed through the engine. Names no URL and no password.
   */
  public String describeHolders(List<PoolEntry> borrowed) {
    long now = check.nanoTime();
    List<Holder> holders = new ArrayList<>(borrowed.size());
    for (PoolEntry e : borrowed) {
      Object o = e.borrower(); // acquire: then borrowedNanos is the one of this borrow
      long since = e.borrowedNanos();
      long held = since == 0 ? -1 : now - since; // -1: not timed (borrows not watched)
      if (o instanceof Borrow b) {
        holders.add(new Holder(e.id(), b.threadName(), held, b.stack()));
      } else if (o instanceof String thread) {
        holders.add(new Holder(e.id(), thread, held, null));
      } else if (o instanceof ProxyConnection) {
        holders.add(new Holder(e.id(), e.borrowerThread(), held, null));
      }
    }
    if (holders.isEmpty()) {
      return null;
    }
    holders.sort(
        Comparator.comparingLong(Holder::heldNanos).reversed().thenComparingLong(Holder::id));
    boolean timed = holders.stream().allMatch(h -> h.heldNanos() >= 0);
    StringBuilder sb = new StringBuilder(timed ? "Held by (longest first): " : "Held by: ");
    int shown = Math.min(HOLDERS_SHOWN, holders.size());
    for (int i = 0; i < shown; i++) {
      Holder h = holders.get(i);
      if (i > 0) {
        sb.append("; ");
      }
      sb.append("thread '").append(h.thread()).append('\'');
      if (h.heldNanos() >= 0) {
        sb.append(" for ").append(LeakLog.held(h.heldNanos()));
      }
      sb.append(" (connection #").append(h.id());
      StackTraceElement at = firstFrame(h.stack());
      if (at != null) {
        sb.append(", borrowed at ").append(at);
      }
      sb.append(')');
    }
    if (holders.size() > shown) {
      sb.append("; and ").append(holders.size() - shown).append(" more");
    }
    if (!timed) {
      sb.append(" (leakDetectionThreshold or abandonTimeout adds how long each has held it)");
    }
    return sb.append('.').toString();
  }

  /** How many holders a timeout's message names. */
  static final int HOLDERS_SHOWN = 5;

  private record Holder(long id, String thread, long heldNanos, Throwable stack) {}

  /** The caller's frame of a borrowing stack (Cistern's entry frames are already dropped). */
  private static StackTraceElement firstFrame(Throwable stack) {
    if (stack == null) {
      return null;
    }
    for (StackTraceElement f : stack.getStackTrace()) {
      if (!isCisternApi(f.getClassName())) {
        return f;
      }
    }
    return null;
  }

  /** Public API classes a borrow may pass through before the caller's frame. */
  private static boolean isCisternApi(String cls) {
    return isCisternEntry(cls)
        || cls.equals("dev.cistern.CisternDataSource")
        || cls.equals("dev.cistern.EngineView");
  }

  /**
   * Marks an entry's borrow as ended by the engine (it aborted the connection): reclaim and the
   * leak check forget it.
   */
  public static void forget(PoolEntry e) {
    while (true) {
      Object o = e.borrower();
      if (o instanceof Borrow b) {
        b.end();
        return;
      }
      if (!(o instanceof ProxyConnection) || e.casBorrower(o, null)) {
        return; // nothing to forget, or the entry no longer names the borrow
      }
      // the sweep converted it meanwhile: end that borrow
    }
  }
}
