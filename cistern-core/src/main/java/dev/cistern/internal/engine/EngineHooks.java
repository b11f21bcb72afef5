package dev.cistern.internal.engine;

import dev.cistern.internal.pool.Ticker;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What tests replace in an engine: the pool's clock, the logger statements are echoed to, the leak
 * detector's logger and clock, and the sizing check's logger. Production engines use {@link
 * #DEFAULT}; a test hands its own to the builder (package-private {@code Engine.Builder.hooks}), so
 * the public builder carries no test setters.
 *
 * @param ticker the pool's clock and way of waiting
 * @param sqlLog the logger statements are echoed to, or null for {@code dev.cistern.sql}
 * @param leakLog the leak detector's logger, or null for its own
 * @param leakClock the leak detector's clock, or null for {@link System#nanoTime()}
 * @param engineLog the logger of the sizing check, or null for {@code dev.cistern.engine}
 */
public record EngineHooks(
    Ticker ticker, Logger sqlLog, Logger leakLog, LongSupplier leakClock, Logger engineLog) {
  /** The real clock and the default loggers. */
  public static final EngineHooks DEFAULT = new EngineHooks(Ticker.SYSTEM, null, null, null, null);

  /** Returns these hooks with the pool's clock replaced. */
  public EngineHooks ticker(Ticker t) {
    return new EngineHooks(t, sqlLog, leakLog, leakClock, engineLog);
  }

  /** Returns these hooks with the statement echo going to {@code log}. */
  public EngineHooks sqlLog(Logger log) {
    return new EngineHooks(ticker, log, leakLog, leakClock, engineLog);
  }

  /** Returns these hooks with the leak detector's logger and clock replaced. */
  public EngineHooks leakDetection(Logger log, LongSupplier clock) {
    return new EngineHooks(ticker, sqlLog, log, clock, engineLog);
  }

  /** Returns these hooks with the sizing check's logger replaced. */
  public EngineHooks engineLog(Logger log) {
    return new EngineHooks(ticker, sqlLog, leakLog, leakClock, log);
  }
}
