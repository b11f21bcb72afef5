package dev.cistern.internal.dialect;

import dev.cistern.internal.util.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * The network bounds Cistern gives a driver that does not set its own, so that no thread waits
 * forever on a dead or black-holed network.
 *
 * @param connect how long opening a connection may take, the TCP connect and the login handshake
 *     each (the driver's {@code connectTimeout}, and its socket timeout while connecting)
 * @param session the socket timeout of an open connection: how long one read may block; {@link
 *     Duration#ZERO} for none, so that a legitimate long query is never cut off
 * @param cancel how long sending a statement cancel may take (pgjdbc's {@code
 *     cancelSignalTimeout}): within the margin between the statement timeout and the session bound,
 *     because pgjdbc's statement waits for its cancel to finish before it throws
 */
public record NetworkTimeouts(Duration connect, Duration session, Duration cancel) {
  /** No bounds at all: the driver's own defaults. */
  public static final NetworkTimeouts NONE =
      new NetworkTimeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** The most a connect bound is: pgjdbc's own default, well under the default poolTimeout. */
  static final Duration MAX_CONNECT = Duration.ofSeconds(10);

  /** The least a connect bound is: below it a healthy server under load may not answer. */
  static final Duration MIN_CONNECT = Duration.ofSeconds(1);

  /** The least margin between a statement's timeout and its socket's. */
  static final Duration MIN_MARGIN = Duration.ofSeconds(2);

  /** Validates the durations. */
  public NetworkTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(session, "session");
    if (connect.isNegative() || session.isNegative()) {
      throw new IllegalArgumentException(
          "network timeouts cannot be negative: " + connect + ", " + session);
    }
  }

  /**
   * The bounds for an engine: connecting is bounded by its {@code poolTimeout}, kept within 1 s and
   * 10 s (10 s when the pool does not wait); an open connection's socket timeout is the {@code
   * statementTimeout} plus half of it (at least 2 s), so that a statement the server cannot cancel
   * is released soon after its own timeout; none when there is no statement timeout (or one over
   * 24.8 days, which means none). Sending a cancel is bounded by that margin (else by the connect
   * bound): pgjdbc holds the connection's lock while it cancels, so a cancel that hangs on a dead
   * network would otherwise hold the failing statement past its socket timeout.
   *
   * @param poolTimeout the engine's poolTimeout; zero or negative for none
   * @param statementTimeout the engine's statementTimeout; zero for none
   */
  public static NetworkTimeouts forEngine(Duration poolTimeout, Duration statementTimeout) {
    Duration connect =
        poolTimeout == null || poolTimeout.isZero() || poolTimeout.isNegative()
            ? MAX_CONNECT
            : min(MAX_CONNECT, max(MIN_CONNECT, poolTimeout));
    Duration session = Duration.ZERO;
    Duration cancel = connect;
    if (statementTimeout != null
        && statementTimeout.compareTo(Duration.ZERO) > 0
        && statementTimeout.compareTo(Durations.MAX_QUERY_TIMEOUT) <= 0) {
      Duration margin = max(MIN_MARGIN, statementTimeout.dividedBy(2));
      session = statementTimeout.plus(margin);
      cancel = min(connect, margin);
    }
    return new NetworkTimeouts(connect, session, cancel);
  }

  /** Milliseconds of {@code d}, at most {@link Integer#MAX_VALUE} (what drivers take). */
  static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Durations.toMillis(d));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
