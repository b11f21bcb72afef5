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

        @Override
        public void unpark(Thread thread) {
          LockSupport.unpark(thread);
        }
      };

  /** Returns the current time in nanoseconds, for differences only. */
  long nanoTime();

  /**
   * Blocks the current thread for up to {@code nanos}, or until unparked or interrupted; like
   * {@link LockSupport#parkNanos(Object, long)} it may return early for no reason.
   */
  void park(Object blocker, long nanos);

  /**
   * Ends the park of {@code thread}, or makes its next {@link #park} return at once; like {@link
   * LockSupport#unpark(Thread)}. The pool wakes waiting borrowers only through this, so that a test
   * ticker whose park never returns on its own can tell a lost wake-up from a late one.
   */
  void unpark(Thread thread);
}
