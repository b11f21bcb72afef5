package dev.cistern.internal.engine;

import dev.cistern.internal.util.Durations;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@code leakDetectionThreshold} check of one engine: the borrows not returned yet, and a
 * periodic look at them on a single daemon timer shared by all engines, every threshold/2 (at least
 * 100 ms), warning once for each connection held longer than the threshold. The timer is scheduled
 * at the first watched borrow, not before. With the threshold at zero nothing is watched and no
 * timer runs; the check then only carries the engine's {@link LeakLog} and clock for the borrows.
 */
final class LeakCheck {
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LeakLog log;
  private final Duration threshold;
  private final long thresholdNanos;
  private final LongSupplier nanoTime;

  /** Borrows not returned yet; used only when detection is on. */
  private final Set<Borrow> out = ConcurrentHashMap.newKeySet();

  private final Object timerLock = new Object();
  private ScheduledFuture<?> timer; // guarded by timerLock
  private boolean closed; // guarded by timerLock

  /** A negative or null threshold means off; a huge one saturates. */
  LeakCheck(LeakLog log, Duration threshold, LongSupplier nanoTime) {
    this.log = log;
    this.threshold =
        threshold == null || threshold.isNegative() ? Duration.ZERO : Durations.saturate(threshold);
    this.thresholdNanos = Durations.toNanos(this.threshold);
    this.nanoTime = nanoTime;
  }

  /** Returns true if connections are watched (a threshold above zero). */
  boolean enabled() {
    return thresholdNanos > 0;
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
      long period = Math.max(MIN_TICK_NANOS, thresholdNanos / 2);
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

  /** Checks the borrowed connections now, warning once for each held past the threshold. */
  void checkNow() {
    if (thresholdNanos <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    for (Borrow b : out) {
      long held = now - b.borrowedNanos();
      if (held > thresholdNanos && b.markReported()) {
        log.heldTooLong(b.entryId(), held, b.threadName(), threshold, b.stack());
      }
    }
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

  /** The one timer of all engines, started with the first watched borrow. */
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
