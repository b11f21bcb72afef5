package dev.cistern.internal.engine;

import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
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
 *   <li>{@link LeakLog}: the log lines and the description of a borrow in a disposal report.
 * </ul>
 *
 * <p>With the threshold at zero there is no stack and no timer, and a checkout reads the clock once
 * (for the hold time a {@code PoolTimeoutException} names); with reclaim off as well, a checkout
 * allocates nothing beyond the proxy.
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
  }

  /** Returns true if leak detection is on (a threshold above zero). */
  public boolean enabled() {
    return check.enabled();
  }

  /**
   * Hands out a connection borrowed by the current thread: the proxy to give the caller, watched
   * for leaks and for being dropped as this detector is configured. With reclaim and detection both
   * off, this allocates nothing beyond the proxy and records only the thread's name.
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
    if (!reclaim && !watch) {
      entry.borrower(thread);
      return proxy;
    }
    Borrow b;
    if (watch) {
      b =
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
    } else {
      b = new Borrow(check, pool, entry, thread, null, 0L, false, proxy);
    }
    entry.borrower(b);
    proxy.closeHook(b);
    return proxy;
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

  /** Stops the timer; borrows still out stay watched for reclaim. */
  public void close() {
    check.close();
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
    Object o = e.borrower();
    if (o instanceof Borrow b) {
      b.end();
    }
  }
}
