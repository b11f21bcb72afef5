package dev.cistern.internal.pool;

import java.time.Duration;

/**
 * Durations made safe for the pool's clock arithmetic. The engine saturates every duration it is
 * given (see {@code dev.cistern.internal.util.Durations}); the pool does the same for itself,
 * because it can be built without an engine and must not depend on the engine's packages.
 */
final class PoolTime {
  /** The longest duration honoured: {@link Long#MAX_VALUE} nanoseconds, about 292 years. */
  static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  private PoolTime() {}

  /** Returns {@code d}, or {@link #MAX} if it is longer. */
  static Duration saturate(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  /** Returns {@code d} in nanoseconds, saturated at {@link Long#MAX_VALUE} (0 if negative). */
  static long nanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    return d.compareTo(MAX) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  /**
   * Returns {@code d} in whole seconds rounded up, between 1 and {@code Integer.MAX_VALUE / 1000}
   * (about 24.8 days): drivers multiply these seconds into an {@code int} of milliseconds.
   */
  static int jdbcSeconds(Duration d) {
    long n = nanos(d);
    long seconds = n / 1_000_000_000L + (n % 1_000_000_000L == 0 ? 0 : 1);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 1000, seconds));
  }
}
