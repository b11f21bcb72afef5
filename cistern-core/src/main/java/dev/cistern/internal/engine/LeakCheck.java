package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.util.DaemonTimers;
import dev.cistern.internal.util.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@code leakDetectionThreshold} and {@code abandonTimeout} checks of one engine: the borrows
 * not returned yet, and a periodic look at them on a single daemon timer shared by all engines,
 * every half of the shorter of the two (at least 100 ms, at most 1 s). It warns once for each
 * connection held longer than the threshold, and aborts each held longer than the abandon timeout:
 * the borrow ends, the connection's physical connection is aborted and its slot freed, on a thread
 * of its own (a driver's abort may block on a dead network), and the borrower's next call fails
 * saying why. The timer is scheduled at the first watched borrow, not before. With both at zero
 * nothing is watched and no timer runs; the check then only carries the engine's {@link LeakLog}
 * and clock for the borrows.
 */
final class LeakCheck {
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LeakLog log;
  private final Duration threshold;
  private final long thresholdNanos;
  private final Duration abandonTimeout;
  private final long abandonNanos;
  private final LongSupplier nanoTime;

  /** Borrows not returned yet; used only when detection is on. */
  private final Set<Borrow> out = ConcurrentHashMap.newKeySet();

  private final Object timerLock = new Object();
  private ScheduledFuture<?> timer; // guarded by timerLock
  private boolean closed; // guarded by timerLock

  /** A negative or null duration means off; a huge one saturates. */
  LeakCheck(LeakLog log, Duration threshold, Duration abandonTimeout, LongSupplier nanoTime) {
    this.log = log;
    this.threshold = offOrSaturated(threshold);
    this.thresholdNanos = Durations.toNanos(this.threshold);
    this.abandonTimeout = offOrSaturated(abandonTimeout);
    this.abandonNanos = Durations.toNanos(this.abandonTimeout);
    this.nanoTime = nanoTime;
  }

  private static Duration offOrSaturated(Duration d) {
    return d == null || d.isNegative() ? Duration.ZERO : Durations.saturate(d);
  }

  /** Returns true if leaks are detected (a threshold above zero): borrows record their stack. */
  boolean enabled() {
    return thresholdNanos > 0;
  }

  /** Returns true if borrows are watched: leak detection or the abandon timeout is on. */
  boolean watching() {
    return thresholdNanos > 0 || abandonNanos > 0;
  }

  /** Returns the engine's leak log. */
  LeakLog log() {
    return log;
  }

  /** Reads the clock. */
  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** Watches a borrow until {@link #forget} and makes sure the timer runs. */
  void watch(Borrow b) {
    out.add(b);
    ensureTimer();
  }

  /** Stops watching a borrow (it ended). */
  void forget(Borrow b) {
    out.remove(b);
  }

  private void ensureTimer() {
    synchronized (timerLock) {
      if (timer != null || closed) {
        return;
      }
      long shortest =
          Math.min(
              thresholdNanos > 0 ? thresholdNanos : Long.MAX_VALUE,
              abandonNanos > 0 ? abandonNanos : Long.MAX_VALUE);
      long period = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortest / 2));
      timer =
          TimerHolder.TIMER.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }
  }

  private void tick() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      log.checkFailed(e);
    }
  }

  /**
   * Checks the borrowed connections now: aborts each held past the abandon timeout, and warns once
   * for each held past the threshold.
   */
  void checkNow() {
    if (!watching()) {
      return;
    }
    long now = nanoTime.getAsLong();
    for (Borrow b : out) {
      long held = now - b.borrowedNanos();
      if (abandonNanos > 0 && held > abandonNanos) {
        abandon(b, held);
      } else if (thresholdNanos > 0 && held > thresholdNanos && b.markReported()) {
        log.heldTooLong(b.entryId(), held, b.threadName(), threshold, b.stack());
      }
    }
  }

  /**
   * Ends a borrow held past the abandon timeout, unless it ended meanwhile, and aborts its
   * connection: the reason is recorded on the entry first (so the borrower's next call fails with
   * it), then a thread of its own aborts the physical connection and frees the slot.
   */
  private void abandon(Borrow b, long held) {
    if (!b.end()) {
      return; // returned, reclaimed or aborted meanwhile
    }
    PoolEntry entry = b.entry();
    String reason = log.abandonReason(entry.id(), held, b.threadName(), abandonTimeout);
    entry.abortReason(reason);
    log.abandoned(entry.id(), b.threadName(), held, reason, b.stack());
    Thread t =
        new Thread(
            () -> {
              try {
                entry.raw().abort(Runnable::run);
              } catch (SQLException | RuntimeException e) {
                log.abortFailed(entry.id(), e);
              } finally {
                try {
                  b.pool().invalidate(entry, new CisternException(reason));
                } catch (RuntimeException e) {
                  log.abortFailed(entry.id(), e);
                }
              }
            },
            "cistern-abandon-" + entry.id());
    t.setDaemon(true);
    t.start();
  }

  /** Returns true if the timer is scheduled. */
  boolean timerScheduled() {
    synchronized (timerLock) {
      return timer != null;
    }
  }

  /** Returns how many borrows are watched. */
  int tracked() {
    return out.size();
  }

  /** Stops the timer for good; borrows still out stay watched for reclaim. */
  void close() {
    synchronized (timerLock) {
      closed = true;
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }

  /** Returns the one daemon timer of all engines' leak checks and reclaim sweeps. */
  static ScheduledThreadPoolExecutor timer() {
    return TimerHolder.TIMER;
  }

  /** The one timer of all engines, started with the first watched borrow or reclaim sweep. */
  private static final class TimerHolder {
    static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private static ScheduledThreadPoolExecutor newTimer() {
      return DaemonTimers.create("cistern-leak-detector");
    }
  }
}
