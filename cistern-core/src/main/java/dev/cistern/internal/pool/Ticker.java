package dev.cistern.internal.pool;

import java.util.concurrent.locks.LockSupport;

/**
 * The pool's source of time and its way of waiting. Tests pass a fake one so that timeouts and
 * back-offs happen without sleeping.
 */
public interface Ticker {
  /** The real clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void park(Object blocker, long nanos) {
          LockSupport.parkNanos(blocker, nanos);
        }
      };

  /** Returns the current time in nanoseconds, for differences only. */
  long nanoTime();

  /**
   * Blocks the current thread for up to {@code nanos}, or until unparked or interrupted; like
   * {@link LockSupport#parkNanos(Object, long)} it may return early for no reason.
   */
  void park(Object blocker, long nanos);
}
