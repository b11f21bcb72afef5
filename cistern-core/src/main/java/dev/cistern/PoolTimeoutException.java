package dev.cistern;

import java.time.Duration;

/**
 * No connection became free within {@code poolTimeout}. The message carries the pool's state, who
 * holds the connections (the borrowing threads, longest holder first, with how long each has held
 * its connection and, with {@code leakDetectionThreshold} on, where it was borrowed) and the usual
 * causes; if opening new connections failed meanwhile (with errors that may heal: server down, too
 * many connections), it says "cannot open connections" with the last error's reason instead of
 * "exhausted", and that error is the cause. Errors that cannot heal throw {@link
 * CannotConnectException} at once instead.
 */
public class PoolTimeoutException extends CisternException {
  private static final long serialVersionUID = 1L;

  private final transient PoolStatus status;

  /**
   * Creates the exception.
   *
   * @param status the pool at the moment of the timeout
   * @param waited how long the borrower waited
   * @param lastCreateError the last error met opening a connection, or {@code null}
   */
  public PoolTimeoutException(PoolStatus status, Duration waited, Throwable lastCreateError) {
    this(status, waited, lastCreateError, null);
  }

  /**
   * Creates the exception, naming who holds the connections.
   *
   * @param status the pool at the moment of the timeout
   * @param waited how long the borrower waited
   * @param lastCreateError the last error met opening a connection, or {@code null}
   * @param holders who holds the borrowed connections (one sentence), or {@code null}
   */
  public PoolTimeoutException(
      PoolStatus status, Duration waited, Throwable lastCreateError, String holders) {
    super(message(status, waited, lastCreateError, holders), lastCreateError);
    this.status = status;
  }

  static String message(PoolStatus s, Duration waited, Throwable lastCreateError) {
    return message(s, waited, lastCreateError, null);
  }

  static String message(PoolStatus s, Duration waited, Throwable lastCreateError, String holders) {
    if (lastCreateError != null) {
      // The pool is not busy: it cannot open connections. Say why, not "exhausted".
      return "pool '"
          + s.name()
          + "' cannot open connections for "
          + spaced(waited)
          + ": "
          + ConnectReasons.describe(lastCreateError)
          + "; "
          + s.counts()
          + ". The errors may heal (server down or starting, too many connections, network), so"
          + " the pool keeps retrying; the cause is the last error.";
    }
    return "pool '"
        + s.name()
        + "' exhausted: "
        + s.counts()
        + "; timed out after "
        + format(waited)
        + ". "
        + (holders == null || holders.isEmpty() ? "" : holders + " ")
        + "Usual causes: connections not closed (enable leakDetectionThreshold to find them,"
        + " abandonTimeout to get them back), long transactions, pool too small.";
  }

  /** Whole seconds from one second on (the wait overshoots the deadline by a few ms). */
  private static String spaced(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : ms / 1000 + " s";
  }

  private static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /**
   * Returns the pool's state when the borrower gave up.
   *
   * @return the pool's counts at the moment of the timeout
   */
  public PoolStatus status() {
    return status;
  }
}
