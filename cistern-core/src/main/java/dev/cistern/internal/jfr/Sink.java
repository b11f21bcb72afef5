package dev.cistern.internal.jfr;

import dev.cistern.DisposalReport;
import dev.cistern.LeakEvent;
import dev.cistern.PoolStatus;
import java.util.function.Supplier;

/**
 * What {@link JfrEvents} forwards to: {@link FlightRecorderSink}, the only class that names {@code
 * jdk.jfr} types (so a runtime without that module never loads one). A token is the started event,
 * null when its type is off.
 */
interface Sink {
  /** Starts a ConnectionAcquire event; null if no recording enables it. */
  Object acquireBegin();

  /** Ends a ConnectionAcquire event and commits it if it passed the threshold. */
  void acquireEnd(
      Object token, String engine, long connectionId, boolean timedOut, Supplier<PoolStatus> s);

  /** Starts a ConnectionOpen event; null if no recording enables it. */
  Object openBegin();

  /** Ends and commits a ConnectionOpen event; {@code failure} null on success. */
  void openEnd(Object token, String engine, Throwable failure);

  /** Commits a ConnectionLeak event. */
  void leak(LeakEvent e);

  /** Starts an EngineDispose event; null if no recording enables it. */
  Object disposeBegin();

  /** Ends and commits an EngineDispose event. */
  void disposeEnd(Object token, String engine, boolean closeConnections, int stillBorrowed);

  /** Commits an EngineClose event. */
  void closed(DisposalReport r);
}
