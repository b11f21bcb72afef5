package dev.cistern;

import java.util.Objects;

/**
 * What an {@link EngineListener} is told when a borrowed connection looks leaked (see {@link
 * EngineListener#leak}).
 *
 * @param engineName the name of the engine
 * @param connectionId the connection's number within its pool, from 1
 * @param kind what the engine found, and what it did
 * @param threadName the name of the thread that borrowed the connection
 * @param heldNanos how long it had been held, in nanoseconds; -1 when the engine does not know (a
 *     connection {@linkplain Kind#RECLAIMED reclaimed} while neither {@code leakDetectionThreshold}
 *     nor {@code abandonTimeout} was on: the default borrow reads no clock)
 * @param borrowedAt where it was borrowed, as a throwable whose stack is the borrowing stack; null
 *     unless {@code leakDetectionThreshold} is on
 */
public record LeakEvent(
    String engineName,
    long connectionId,
    Kind kind,
    String threadName,
    long heldNanos,
    Throwable borrowedAt) {

  /**
   * Checks that the names and the kind are given.
   *
   * @param engineName the engine's name
   * @param connectionId the connection's number within its pool
   * @param kind the kind of leak
   * @param threadName the name of the thread that borrowed the connection
   * @param heldNanos how long the connection has been held, in nanoseconds
   * @param borrowedAt where the connection was borrowed, if recorded
   */
  public LeakEvent {
    Objects.requireNonNull(engineName, "engineName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(threadName, "threadName");
  }

  /** What the engine found. */
  public enum Kind {
    /**
     * Held longer than {@code leakDetectionThreshold}: reported (logged at WARN on {@code
     * dev.cistern.leak}), left with its borrower.
     */
    HELD_TOO_LONG,
    /**
     * Became unreachable without being closed; the engine closed the physical connection and freed
     * its slot ({@code reclaimLeaks}).
     */
    RECLAIMED,
    /**
     * Held longer than {@code abandonTimeout}; the engine aborted it and freed its slot, and the
     * borrower's next call fails.
     */
    ABANDONED
  }
}
