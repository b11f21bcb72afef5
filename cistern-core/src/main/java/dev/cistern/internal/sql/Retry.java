package dev.cistern.internal.sql;

import dev.cistern.StatementException;
import dev.cistern.internal.util.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole transaction again after a serialization failure or deadlock, with a back-off that
 * doubles each time and is jittered so colliding transactions don't collide again in step.
 */
public final class Retry {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.sql");

  private Retry() {}

  /**
   * One run of the work to retry; it may throw a checked exception of its own.
   *
   * @param <T> what the work returns
   * @param <X> the checked exception it may throw
   */
  @FunctionalInterface
  public interface Attempt<T, X extends Exception> {
    /** Runs the work once. */
    T run() throws X;
  }

  /**
   * Runs {@code attempt}; if it throws a retryable error ({@link #isRetryable}), waits and runs it
   * again, at most {@code retries} more times. The last error is rethrown unchanged (checked or
   * not), earlier ones added to it as suppressed.
   */
  public static <T, X extends Exception> T run(
      int retries, Duration backoff, String engine, Attempt<T, X> attempt) throws X {
    Exception first = null;
    for (int i = 0; ; i++) {
      try {
        return attempt.run();
      } catch (Exception e) {
        if (i >= retries || !isRetryable(e)) {
          if (first != null && first != e) {
            e.addSuppressed(first);
          }
          throw e;
        }
        if (first == null) {
          first = e;
        }
        long delay = delayMillis(backoff, i);
        log.info(
            "engine '{}': transaction hit a serialization failure or deadlock; retry {} of {} in {}"
                + " ms",
            engine,
            i + 1,
            retries,
            delay);
        try {
          Thread.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          e.addSuppressed(ie);
          throw e;
        }
      }
    }
  }

  /** Returns the wait before retry {@code i} (0-based): between half and all of backoff × 2^i. */
  static long delayMillis(Duration backoff, int i) {
    long first = Durations.toMillis(backoff);
    int shift = Math.min(i, 16);
    // saturate: a huge back-off doubled must stay huge, not wrap around to a negative wait
    long full = first > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : first << shift;
    if (full <= 1) {
      return Math.max(0, full);
    }
    return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
  }

  /**
   * Returns true if {@code t} or a cause is a serialization failure or deadlock: SQLState {@code
   * 40001} or {@code 40P01}, or MySQL/MariaDB error 1213.
   */
  public static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StatementException s && s.isRetryable()) {
        return true;
      }
      if (c instanceof SQLException s
          && ("40001".equals(s.getSQLState())
              || "40P01".equals(s.getSQLState())
              || s.getErrorCode() == 1213)) {
        return true;
      }
    }
    return false;
  }
}
