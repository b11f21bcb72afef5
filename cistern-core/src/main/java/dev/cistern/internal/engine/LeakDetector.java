package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.util.Durations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's watch over its borrowed connections: leak detection ({@code leakDetectionThreshold})
 * and reclamation of connections dropped without being closed.
 *
 * <p>With a threshold above zero, each borrow records its thread, a stack and the time, and a
 * single shared daemon timer checks every threshold/2 (at least 100 ms) for connections held longer
 * than the threshold, warning once for each. With the threshold at zero nothing of that happens: no
 * stack, no clock read, no timer.
 *
 * <p>Either way, every borrow gets a phantom reference to the connection handed out: when the
 * connection becomes unreachable without being closed, one shared daemon thread invalidates its
 * pool entry (the physical connection closed, the slot freed) and logs a warning. The reference is
 * kept alive by the borrow, which the pool entry holds, so there is no global registry and no lock
 * on the checkout path; a normal close clears it. When a pool is replaced ({@code dispose()}) with
 * connections still out, {@link #adopt} keeps their borrows alive until they end.
 */
public final class LeakDetector {
  private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String engine;
  private final boolean reclaim;
  private final Duration threshold;
  private final long thresholdNanos;
  private final LongSupplier nanoTime;
  private final Logger log;

  /** Borrows not returned yet; used only when detection is on. */
  private final Set<Borrow> out = ConcurrentHashMap.newKeySet();

  private final Object timerLock = new Object();
  private ScheduledFuture<?> timer;
  private boolean closed;

  /**
   * Makes the detector for an engine; {@code log} and {@code nanoTime} may be null for defaults.
   */
  public static LeakDetector create(
      String engine, Duration threshold, boolean reclaim, LongSupplier nanoTime, Logger log) {
    return new LeakDetector(
        engine,
        threshold,
        reclaim,
        nanoTime != null ? nanoTime : System::nanoTime,
        log != null ? log : LOG);
  }

  LeakDetector(
      String engine, Duration threshold, boolean reclaim, LongSupplier nanoTime, Logger log) {
    this.engine = engine;
    this.reclaim = reclaim;
    this.threshold =
        threshold == null || threshold.isNegative() ? Duration.ZERO : Durations.saturate(threshold);
    this.thresholdNanos = Durations.toNanos(this.threshold);
    this.nanoTime = nanoTime;
    this.log = log;
  }

  /** Returns true if leak detection is on (a threshold above zero). */
  public boolean enabled() {
    return thresholdNanos > 0;
  }

  /**
   * Hands out a connection borrowed by the current thread: the proxy to give the caller, watched
   * for leaks and for being dropped as this detector is configured. With reclaim and detection both
   * off, this allocates nothing beyond the proxy and records only the thread's name.
   */
  public ProxyConnection checkout(Pool pool, PoolEntry entry) {
    ProxyConnection proxy = ProxyConnection.of(entry, pool);
    String thread = Thread.currentThread().getName();
    if (!reclaim && thresholdNanos <= 0) {
      entry.borrower(thread);
      return proxy;
    }
    Borrow b;
    if (thresholdNanos > 0) {
      b =
          new Borrow(
              this,
              pool,
              entry,
              thread,
              borrowedHere(),
              nanoTime.getAsLong(),
              reclaim ? proxy : null);
      out.add(b);
      ensureTimer();
    } else {
      b = new Borrow(this, pool, entry, thread, null, 0L, proxy);
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
      t.setStackTrace(java.util.Arrays.copyOfRange(st, from, st.length));
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
    if (e.borrower() instanceof Borrow b && b.done == 0) {
      b.adopted = true;
      Reclaimer.ADOPTED.add(b);
      if (b.done != 0) {
        Reclaimer.ADOPTED.remove(b); // ended meanwhile
      }
    }
  }

  private void ensureTimer() {
    synchronized (timerLock) {
      if (timer != null || closed) {
        return;
      }
      long period = Math.max(MIN_TICK_NANOS, thresholdNanos / 2);
      timer =
          TimerHolder.TIMER.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }
  }

  private void tick() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      log.debug("engine '{}': leak check failed", engine, e);
    }
  }

  /** Checks the borrowed connections now, warning once for each held past the threshold. */
  void checkNow() {
    if (thresholdNanos <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    for (Borrow b : out) {
      long held = now - b.borrowedNanos;
      if (held > thresholdNanos && b.done == 0 && Borrow.REPORTED.compareAndSet(b, 0, 1)) {
        log.warn(
            "engine '{}': connection #{} held for {} by thread '{}' (leakDetectionThreshold {});"
                + " borrowed at:",
            engine,
            b.entry.id(),
            seconds(held),
            b.threadName,
            format(threshold),
            b.stack);
      }
    }
  }

  /** Returns true if this detector has a timer scheduled (for tests). */
  boolean timerScheduled() {
    synchronized (timerLock) {
      return timer != null;
    }
  }

  /** Returns how many borrows are being watched for leaks (for tests). */
  int tracked() {
    return out.size();
  }

  /** Stops the timer; borrows still out stay watched for reclaim. */
  public void close() {
    synchronized (timerLock) {
      closed = true;
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
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
      return "connection #" + e.id() + " borrowed by thread '" + thread + "'";
    }
    return "connection #" + e.id() + " borrowed by an unknown thread (not through connect())";
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

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  static String format(Duration d) {
    if (d.toNanos() % 1_000_000_000L == 0) {
      return d.getSeconds() + "s";
    }
    if (d.toNanos() % 1_000_000L == 0) {
      return d.toMillis() + "ms";
    }
    return d.toString();
  }

  static String render(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /**
   * One borrow: who borrowed which entry, and (with detection on) where and when. Its {@link
   * #run()} reclaims the entry, so it references the pool and the entry but never the connection
   * handed out.
   */
  public static final class Borrow extends PhantomReference<Object> implements Runnable {
    static final AtomicIntegerFieldUpdater<Borrow> DONE =
        AtomicIntegerFieldUpdater.newUpdater(Borrow.class, "done");
    static final AtomicIntegerFieldUpdater<Borrow> REPORTED =
        AtomicIntegerFieldUpdater.newUpdater(Borrow.class, "reported");

    private final LeakDetector detector;
    private final Pool pool;
    private final PoolEntry entry;
    private final String threadName;
    private final Throwable stack;
    private final long borrowedNanos;
    volatile int done;
    volatile int reported;
    volatile boolean adopted;

    Borrow(
        LeakDetector detector,
        Pool pool,
        PoolEntry entry,
        String threadName,
        Throwable stack,
        long borrowedNanos,
        Object owner) {
      super(owner, owner == null ? null : Reclaimer.QUEUE);
      this.detector = detector;
      this.pool = pool;
      this.entry = entry;
      this.threadName = threadName;
      this.stack = stack;
      this.borrowedNanos = borrowedNanos;
    }

    /** Returns the borrowing stack, or null when leak detection is off. */
    public Throwable stack() {
      return stack;
    }

    /** Returns the borrowing thread's name. */
    public String threadName() {
      return threadName;
    }

    /**
     * The connection was closed: stops watching it (no reclaim, no leak check) and, if it was
     * reported as leaked, logs that it came back. Call before the entry goes back to the pool.
     */
    @Override
    public void run() {
      if (!end()) {
        return;
      }
      if (reported != 0) {
        detector.log.info(
            "engine '{}': connection #{} reported as leaked was returned after {}",
            detector.engine,
            entry.id(),
            seconds(detector.nanoTime.getAsLong() - borrowedNanos));
      }
    }

    /** Ends the borrow without reclaiming; returns false if it had ended already. */
    boolean end() {
      if (!DONE.compareAndSet(this, 0, 1)) {
        return false;
      }
      if (stack != null) {
        detector.out.remove(this);
      }
      if (entry.borrower() == this) {
        entry.borrower(null);
      }
      // not cleared (Reference.clear is a native call): once the borrow is unreachable, as it is
      // now, the collector never enqueues it, and if it did, reclaim() would see it done
      if (adopted) {
        Reclaimer.ADOPTED.remove(this);
      }
      return true;
    }

    /** Reclaims the entry: the connection became unreachable without being closed. */
    void reclaim() {
      if (!DONE.compareAndSet(this, 0, 1)) {
        return;
      }
      if (adopted) {
        Reclaimer.ADOPTED.remove(this);
      }
      if (stack != null) {
        detector.out.remove(this);
      }
      if (entry.borrower() == this) {
        entry.borrower(null);
      }
      try {
        pool.invalidate(
            entry,
            new CisternException(
                "connection #" + entry.id() + " was leaked: unreachable without being closed"));
      } catch (RuntimeException e) {
        detector.log.debug(
            "engine '{}': reclaiming a leaked connection failed", detector.engine, e);
      }
      if (stack != null) {
        detector.log.warn(
            "engine '{}': connection #{} borrowed by thread '{}' became unreachable without being"
                + " closed; reclaimed it (physical connection closed); borrowed at:",
            detector.engine,
            entry.id(),
            threadName,
            stack);
      } else {
        detector.log.warn(
            "engine '{}': connection #{} borrowed by thread '{}' became unreachable without being"
                + " closed; reclaimed it (physical connection closed); enable"
                + " leakDetectionThreshold to see where it was borrowed",
            detector.engine,
            entry.id(),
            threadName);
      }
    }

    String describe() {
      String s = "connection #" + entry.id() + " borrowed by thread '" + threadName + "'";
      return stack == null ? s : s + "\n" + render(stack);
    }
  }

  /** The shared daemon thread that reclaims dropped connections. */
  private static final class Reclaimer {
    static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    static final Set<Borrow> ADOPTED = ConcurrentHashMap.newKeySet();

    static {
      Thread t = new Thread(Reclaimer::loop, "cistern-reclaimer");
      t.setDaemon(true);
      t.start();
    }

    private static void loop() {
      while (true) {
        try {
          Reference<?> r = QUEUE.remove();
          if (r instanceof Borrow b) {
            b.reclaim();
          }
        } catch (InterruptedException e) {
          // a daemon thread of our own: nothing asks it to stop
        } catch (RuntimeException | Error e) {
          LOG.warn("reclaiming a dropped connection failed", e);
        }
      }
    }
  }

  private static final class TimerHolder {
    static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private static ScheduledThreadPoolExecutor newTimer() {
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread th = new Thread(r, "cistern-leak-detector");
                th.setDaemon(true);
                return th;
              });
      t.setRemoveOnCancelPolicy(true);
      return t;
    }
  }
}
