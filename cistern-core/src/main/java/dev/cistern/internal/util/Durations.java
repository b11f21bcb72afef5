package dev.cistern.internal.util;

import java.time.Duration;

/**
 * The one place where the engine's durations are checked and made safe to compute with.
 *
 * <p>A {@link Duration} can hold about 292 billion years; a {@code long} of nanoseconds, which
 * every clock computation here uses, about 292 years. A longer duration is a legitimate way to say
 * "wait as long as it takes" ({@code ChronoUnit.FOREVER.getDuration()}, {@code PT9999999H}), so
 * instead of refusing it, or letting {@code toNanos()} overflow somewhere later, every entry point
 * (URL, properties, environment, builder, {@code close(Duration)}) passes durations through {@link
 * #saturate}: anything at or above {@link #MAX} becomes {@code MAX}, which every computation treats
 * as "never" (compared as elapsed time, never added to a clock reading). Negative durations are
 * refused where a caller gives them.
 */
public final class Durations {
  /** The longest duration honoured: {@link Long#MAX_VALUE} nanoseconds, about 292 years. */
  public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  private Durations() {}

  /** Returns {@code d}, or {@link #MAX} if it is longer. */
  public static Duration saturate(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  /** Returns {@code d} in nanoseconds, {@link Long#MAX_VALUE} if it is longer (0 if negative). */
  public static long toNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    return d.compareTo(MAX) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  /** Returns {@code d} in milliseconds, saturated at {@link Long#MAX_VALUE} (0 if negative). */
  public static long toMillis(Duration d) {
    return toNanos(d) / 1_000_000L;
  }

  /** The most seconds a JDBC timeout is given: {@code Integer.MAX_VALUE} ms, about 24.8 days. */
  public static final int MAX_JDBC_SECONDS = Integer.MAX_VALUE / 1000;

  /**
   * Returns {@code d} in whole seconds rounded up, at least {@code 1} and at most {@link
   * #MAX_JDBC_SECONDS}: what JDBC's {@code isValid} and {@code setQueryTimeout} take. Drivers turn
   * those seconds into an {@code int} of milliseconds (MariaDB's {@code isValid}, H2's query
   * timeout), which a larger value overflows into a negative one: MariaDB then fails the ping and a
   * live connection is thrown away.
   */
  public static int toJdbcSeconds(Duration d) {
    long nanos = toNanos(d);
    long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
    return (int) Math.max(1, Math.min(MAX_JDBC_SECONDS, seconds));
  }

  /**
   * The longest statement timeout passed to a driver: {@code Integer.MAX_VALUE} milliseconds in
   * seconds (about 24.8 days). Drivers turn {@code setQueryTimeout}'s seconds into an {@code int}
   * of milliseconds (H2 does), which a longer timeout overflows into a negative, refused value.
   */
  public static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(MAX_JDBC_SECONDS);

  /**
   * Returns the seconds for {@code Statement.setQueryTimeout}: rounded up, at least 1; and 0 (no
   * limit) for a timeout longer than {@link #MAX_QUERY_TIMEOUT}, which no statement can outlive in
   * practice and no driver can be told.
   */
  public static int toQueryTimeoutSeconds(Duration d) {
    return d.compareTo(MAX_QUERY_TIMEOUT) > 0 ? 0 : toJdbcSeconds(d);
  }

  /**
   * Checks a duration given by a caller (not from the option table, e.g. {@code close(grace)}) and
   * saturates it.
   *
   * @throws IllegalArgumentException naming {@code what} if it is negative
   */
  public static Duration check(String what, Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
    return saturate(d);
  }
}
