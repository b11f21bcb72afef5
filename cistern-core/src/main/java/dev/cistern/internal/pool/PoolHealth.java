package dev.cistern.internal.pool;

import java.time.Duration;

/**
 * How a pool keeps its connections alive and fresh. Zero durations and counts mean "off".
 *
 * @param prePing test a connection at checkout (not a new one, nor one used within the last {@link
 *     #PRE_PING_BYPASS}) and replace it if dead
 * @param validationTimeout upper bound for one liveness test
 * @param recycle replace connections older than this, with a spread of up to 2.5% (30 s at most)
 * @param idleTimeout close connections idle longer than this while more than minIdle are idle
 * @param keepalive ping idle connections this often
 * @param maxUses retire a connection after this many checkouts
 */
public record PoolHealth(
    boolean prePing,
    Duration validationTimeout,
    Duration recycle,
    Duration idleTimeout,
    Duration keepalive,
    long maxUses) {

  /** A connection used this recently is not pinged at checkout. */
  public static final Duration PRE_PING_BYPASS = Duration.ofMillis(500);

  /** Pre-ping, recycle and keepalive off; idle connections above minIdle close after 10 minutes. */
  public static final PoolHealth DEFAULT =
      new PoolHealth(
          false, Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(10), Duration.ZERO, 0);

  /** Checks the values. */
  public PoolHealth {
    if (validationTimeout.isNegative() || validationTimeout.isZero()) {
      throw new IllegalArgumentException(
          "validationTimeout must be positive, was " + validationTimeout);
    }
    for (Duration d : new Duration[] {recycle, idleTimeout, keepalive}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative, was " + d);
      }
    }
    if (maxUses < 0) {
      throw new IllegalArgumentException("maxUses must be >= 0, was " + maxUses);
    }
    // beyond ~292 years means "never": saturated so that no computation overflows later
    validationTimeout = PoolTime.saturate(validationTimeout);
    recycle = PoolTime.saturate(recycle);
    idleTimeout = PoolTime.saturate(idleTimeout);
    keepalive = PoolTime.saturate(keepalive);
  }

  /** Returns a copy with pre-ping on or off. */
  public PoolHealth withPrePing(boolean on) {
    return new PoolHealth(on, validationTimeout, recycle, idleTimeout, keepalive, maxUses);
  }

  /** Returns a copy with another maximum lifetime. */
  public PoolHealth withRecycle(Duration d) {
    return new PoolHealth(prePing, validationTimeout, d, idleTimeout, keepalive, maxUses);
  }

  /** Returns a copy with another idle timeout. */
  public PoolHealth withIdleTimeout(Duration d) {
    return new PoolHealth(prePing, validationTimeout, recycle, d, keepalive, maxUses);
  }

  /** Returns a copy with another keepalive period. */
  public PoolHealth withKeepalive(Duration d) {
    return new PoolHealth(prePing, validationTimeout, recycle, idleTimeout, d, maxUses);
  }

  /** Returns a copy with another use limit. */
  public PoolHealth withMaxUses(long n) {
    return new PoolHealth(prePing, validationTimeout, recycle, idleTimeout, keepalive, n);
  }

  /** Returns how often maintenance should run: often enough for the shortest setting. */
  Duration maintenancePeriod() {
    long p = Duration.ofSeconds(30).toNanos();
    for (Duration d : new Duration[] {recycle, idleTimeout, keepalive}) {
      if (!d.isZero()) {
        p = Math.min(p, d.toNanos() / 4);
      }
    }
    return Duration.ofNanos(Math.max(p, Duration.ofMillis(100).toNanos()));
  }
}
