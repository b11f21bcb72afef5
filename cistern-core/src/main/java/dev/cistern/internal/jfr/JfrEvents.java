package dev.cistern.internal.jfr;

import dev.cistern.DisposalReport;
import dev.cistern.LeakEvent;
import dev.cistern.PoolStatus;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's JDK Flight Recorder events ({@code dev.cistern.ConnectionAcquire}, {@code
 * ConnectionOpen}, {@code ConnectionLeak}, {@code EngineDispose}, {@code EngineClose}), as static
 * methods that never throw.
 *
 * <p>This class names no {@code jdk.jfr} type: everything goes through {@link Sink}, loaded once,
 * and where the runtime has no {@code jdk.jfr} module (a jlink image without it, or a module path
 * that does not resolve it: the core {@code requires static jdk.jfr}) loading it fails, that is
 * logged at DEBUG and every method here does nothing.
 *
 * <p>Each method first reads one static int of flags, one bit per event, ({@link JfrFlags}), which
 * a {@code FlightRecorderListener} sets when a recording starts or stops, from which events some
 * running recording enables; it is read opaquely (a plain load, no fence). The borrow path asks
 * only {@link #acquireEnabled()}. So with no recording a borrow reads no clock and makes no event,
 * and no event class is even loaded. A recording whose settings change while it runs is seen at the
 * next start or stop of a recording.
 *
 * <p>A failure of the Flight Recorder is logged once at DEBUG on {@code dev.cistern.engine} and
 * never reaches the pool.
 */
public final class JfrEvents {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.engine");

  private static final Sink SINK = load();

  private JfrEvents() {}

  private static Sink load() {
    try {
      return new FlightRecorderSink();
    } catch (LinkageError | RuntimeException e) {
      log.debug("JDK Flight Recorder events are off: jdk.jfr is not available ({})", e.toString());
      return null;
    }
  }

  /**
   * Loads the events' support once (registering the recorder listener, which does not start the
   * Flight Recorder); called when an engine is made, so the first borrow pays nothing for it.
   */
  public static void init() {
    // the static initializer did it
  }

  /** Returns true if the Flight Recorder is usable here (for tests). */
  public static boolean available() {
    return SINK != null;
  }

  /**
   * Returns true while some running recording enables ConnectionAcquire: then borrows are timed.
   */
  public static boolean acquireEnabled() {
    return JfrFlags.on(JfrFlags.ACQUIRE);
  }

  /** Starts a ConnectionAcquire event before a borrow; returns null if no recording wants it. */
  public static Object acquireBegin() {
    if (SINK == null || !JfrFlags.on(JfrFlags.ACQUIRE)) {
      return null;
    }
    try {
      return SINK.acquireBegin();
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
      return null;
    }
  }

  /**
   * Ends the borrow's ConnectionAcquire event ({@code token} from {@link #acquireBegin}, null: does
   * nothing) and records it if it waited at least the threshold; {@code status} is read only then.
   *
   * @param connectionId the borrowed connection's number, 0 when {@code timedOut}
   */
  public static void acquireEnd(
      Object token,
      String engine,
      long connectionId,
      boolean timedOut,
      Supplier<PoolStatus> status) {
    if (token == null) {
      return;
    }
    try {
      SINK.acquireEnd(token, engine, connectionId, timedOut, status);
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
    }
  }

  /** Starts a ConnectionOpen event before asking the driver; returns null if none is wanted. */
  public static Object openBegin() {
    if (SINK == null || !JfrFlags.on(JfrFlags.OPEN)) {
      return null;
    }
    try {
      return SINK.openBegin();
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
      return null;
    }
  }

  /**
   * Ends and records a ConnectionOpen event ({@code token} from {@link #openBegin}, null: does
   * nothing); {@code failure} is what the driver threw, null on success.
   */
  public static void openEnd(Object token, String engine, Throwable failure) {
    if (token == null) {
      return;
    }
    try {
      SINK.openEnd(token, engine, failure);
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
    }
  }

  /** Records a ConnectionLeak event if a recording enables it. */
  public static void leak(LeakEvent e) {
    if (SINK == null || !JfrFlags.on(JfrFlags.LEAK)) {
      return;
    }
    try {
      SINK.leak(e);
    } catch (RuntimeException | LinkageError x) {
      JfrFlags.failed(x);
    }
  }

  /** Starts an EngineDispose event; returns null if none is wanted. */
  public static Object disposeBegin() {
    if (SINK == null || !JfrFlags.on(JfrFlags.DISPOSE)) {
      return null;
    }
    try {
      return SINK.disposeBegin();
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
      return null;
    }
  }

  /**
   * Ends and records an EngineDispose event ({@code token} from {@link #disposeBegin}, null: does
   * nothing).
   */
  public static void disposeEnd(
      Object token, String engine, boolean closeConnections, int stillBorrowed) {
    if (token == null) {
      return;
    }
    try {
      SINK.disposeEnd(token, engine, closeConnections, stillBorrowed);
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
    }
  }

  /** Records an EngineClose event with the report if a recording enables it. */
  public static void closed(DisposalReport r) {
    if (SINK == null || !JfrFlags.on(JfrFlags.CLOSE)) {
      return;
    }
    try {
      SINK.closed(r);
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
    }
  }
}
