package dev.cistern.internal.jfr;

import dev.cistern.DisposalReport;
import dev.cistern.LeakEvent;
import dev.cistern.PoolStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * The events written through {@code jdk.jfr}. Constructing it registers a {@link
 * FlightRecorderListener}, which neither starts nor initializes the Flight Recorder and loads none
 * of the event classes: it is called when a recording starts or stops, and then sets {@link
 * JfrFlags} from which of the events some running recording enables. Until a recording runs, no
 * event class is loaded (loading the first {@code jdk.jfr.Event} subclass costs over 100 ms when
 * the recorder is not running).
 */
final class FlightRecorderSink implements Sink, FlightRecorderListener {

  /**
   * Registers the listener (which does not initialize the recorder), and reads the state of the
   * recordings that started before it (-XX:StartFlightRecording) if the recorder runs already.
   */
  FlightRecorderSink() {
    FlightRecorder.addListener(this);
    if (FlightRecorder.isInitialized()) {
      recheck();
    }
  }

  @Override
  public void recordingStateChanged(Recording recording) {
    recheck();
  }

  /**
   * Sets the flags from which events some running recording enables now. Synchronized: two
   * recordings changing at once each recheck after their change, and the later one writes last.
   */
  private static synchronized void recheck() {
    try {
      int on = 0;
      on |= enabled(ConnectionAcquireEvent.class, JfrFlags.ACQUIRE);
      on |= enabled(ConnectionOpenEvent.class, JfrFlags.OPEN);
      on |= enabled(ConnectionLeakEvent.class, JfrFlags.LEAK);
      on |= enabled(EngineDisposeEvent.class, JfrFlags.DISPOSE);
      on |= enabled(EngineCloseEvent.class, JfrFlags.CLOSE);
      JfrFlags.set(on);
    } catch (RuntimeException | LinkageError e) {
      JfrFlags.failed(e);
    }
  }

  private static int enabled(Class<? extends jdk.jfr.Event> type, int bit) {
    return EventType.getEventType(type).isEnabled() ? bit : 0;
  }

  @Override
  public Object acquireBegin() {
    ConnectionAcquireEvent e = new ConnectionAcquireEvent();
    if (!e.isEnabled()) {
      return null;
    }
    e.begin();
    return e;
  }

  @Override
  public void acquireEnd(
      Object token,
      String engine,
      long connectionId,
      boolean timedOut,
      Supplier<PoolStatus> status) {
    ConnectionAcquireEvent e = (ConnectionAcquireEvent) token;
    e.end();
    if (e.shouldCommit()) { // only past the threshold: then the pool's counts are read
      e.engine = engine;
      e.connectionId = connectionId;
      e.timedOut = timedOut;
      PoolStatus s = status.get();
      e.size = s.size();
      e.idle = s.idle();
      e.inUse = s.inUse();
      e.waiting = s.waiting();
      e.commit();
    }
  }

  @Override
  public Object openBegin() {
    ConnectionOpenEvent e = new ConnectionOpenEvent();
    if (!e.isEnabled()) {
      return null;
    }
    e.begin();
    return e;
  }

  @Override
  public void openEnd(Object token, String engine, Throwable failure) {
    ConnectionOpenEvent e = (ConnectionOpenEvent) token;
    e.end();
    if (e.shouldCommit()) {
      e.engine = engine;
      e.success = failure == null;
      if (failure != null) {
        // the driver's own words: the engine adds nothing, so no URL of ours appears here
        e.failureClass = failure.getClass().getName();
        e.failureMessage = failure.getMessage();
      }
      e.commit();
    }
  }

  @Override
  public void leak(LeakEvent l) {
    ConnectionLeakEvent e = new ConnectionLeakEvent();
    if (e.shouldCommit()) {
      e.engine = l.engineName();
      e.connectionId = l.connectionId();
      e.kind = l.kind().name();
      e.threadName = l.threadName();
      e.heldTime = l.heldNanos();
      e.borrowedAt = l.borrowedAt() == null ? null : render(l.borrowedAt());
      e.commit();
    }
  }

  @Override
  public Object disposeBegin() {
    EngineDisposeEvent e = new EngineDisposeEvent();
    if (!e.isEnabled()) {
      return null;
    }
    e.begin();
    return e;
  }

  @Override
  public void disposeEnd(Object token, String engine, boolean closeConnections, int stillBorrowed) {
    EngineDisposeEvent e = (EngineDisposeEvent) token;
    e.end();
    if (e.shouldCommit()) {
      e.engine = engine;
      e.closeConnections = closeConnections;
      e.stillBorrowed = stillBorrowed;
      e.commit();
    }
  }

  @Override
  public void closed(DisposalReport r) {
    EngineCloseEvent e = new EngineCloseEvent();
    if (e.shouldCommit()) {
      e.engine = r.engineName();
      e.closedIdle = r.closedIdle();
      e.returnedDuringGrace = r.returnedDuringGrace();
      e.aborted = r.aborted();
      e.took = r.took().toNanos();
      e.errors = r.errors().size();
      e.clean = r.isClean();
      e.leaked = String.join("\n\n", r.leaked());
      e.commit();
    }
  }

  /** A throwable's stack as {@link Throwable#printStackTrace()} writes it. */
  private static String render(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
