package dev.cistern;

import java.time.Duration;

/**
 * No connection became free within {@code poolTimeout}. The message carries the pool's state and
 * the usual causes; the cause, if any, is the last error met while opening a new connection.
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
    super(message(status, waited, lastCreateError), lastCreateError);
    this.status = status;
  }

  static String message(PoolStatus s, Duration waited, Throwable lastCreateError) {
    String causes =
        lastCreateError != null
            ? "Opening new connections fails: see the cause."
            : "Usual causes: connections not closed (enable leakDetectionThreshold), long transactions,"
                + " pool too small.";
    return "pool '"
        + s.name()
        + "' exhausted: "
        + s.counts()
        + "; timed out after "
        + format(waited)
        + ". "
        + causes;
  }

  private static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** Returns the pool's state when the borrower gave up. */
  public PoolStatus status() {
    return status;
  }
}
