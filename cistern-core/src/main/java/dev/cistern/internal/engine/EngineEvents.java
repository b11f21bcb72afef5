package dev.cistern.internal.engine;

import dev.cistern.ConnectionEvent;
import dev.cistern.DisposalReport;
import dev.cistern.EngineListener;
import dev.cistern.LeakEvent;
import dev.cistern.PoolTimeoutException;
import dev.cistern.internal.jfr.JfrEvents;
import dev.cistern.internal.pool.ListenerSet;
import dev.cistern.internal.pool.PoolEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's listeners, which may change while it runs, and the engine-level events it tells them:
 * a borrow's wait ({@link #acquired}), a borrow's timeout, every connect attempt, leaks, the close.
 * The pool-level events (connect, checkout, checkin, ...) reach the same listeners through {@link
 * #poolListeners()}, the set every pool of the engine dispatches to.
 *
 * <p>Copy on write: adding or removing replaces an array; an event reads it once. With no listener
 * and no JDK Flight Recorder recording of {@code dev.cistern.ConnectionAcquire}, {@link #timed()}
 * is false and a borrow reads no clock for {@link #acquired}.
 *
 * <p>The leak and close events also go to the Flight Recorder ({@link JfrEvents}).
 *
 * <p>It must not reference the engine's core: pools and the Cleaner's shutdown reach it.
 */
final class EngineEvents {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.engine");
  private static final EngineListener[] NONE = new EngineListener[0];

  private final String engineName;
  private final ListenerSet pool = ListenerSet.empty();
  private volatile EngineListener[] ls = NONE;

  /** Serializes add and remove (a lock of its own: callers cannot take it). */
  private final Object changes = new Object();

  EngineEvents(String engineName, boolean echoPool, List<EngineListener> initial) {
    this.engineName = engineName;
    if (echoPool) {
      pool.add(new EchoPoolListener(engineName));
    }
    initial.forEach(this::add);
    JfrEvents.init(); // the recorder listener, once: the first borrow pays nothing for it
  }

  /** The set the engine's pools dispatch their events to. */
  ListenerSet poolListeners() {
    return pool;
  }

  /** Adds a listener: it hears every event from now on, of this pool and the ones after it. */
  void add(EngineListener l) {
    Objects.requireNonNull(l, "listener");
    synchronized (changes) {
      EngineListener[] had = ls;
      EngineListener[] now = Arrays.copyOf(had, had.length + 1);
      now[had.length] = l;
      pool.add(ListenerAdapter.of(engineName, l));
      ls = now;
    }
  }

  /**
   * Removes a listener (the first registration of it, if it was added twice); returns false if it
   * was not registered. An event being dispatched at that moment may still reach it.
   */
  boolean remove(EngineListener l) {
    Objects.requireNonNull(l, "listener");
    synchronized (changes) {
      return removeLocked(l);
    }
  }

  private boolean removeLocked(EngineListener l) {
    EngineListener[] had = ls;
    for (int i = 0; i < had.length; i++) {
      if (had[i] == l) {
        EngineListener[] now = new EngineListener[had.length - 1];
        System.arraycopy(had, 0, now, 0, i);
        System.arraycopy(had, i + 1, now, i, had.length - i - 1);
        ls = now;
        pool.remove(p -> p instanceof ListenerAdapter a && a.listener() == l);
        return true;
      }
    }
    return false;
  }

  /**
   * Returns true if a borrow must measure its wait: some listener is registered, or a Flight
   * Recorder recording enables ConnectionAcquire (a plain read of a static flag).
   */
  boolean timed() {
    return ls.length != 0 || JfrEvents.acquireEnabled();
  }

  /** A borrow through the engine got {@code e} after {@code waitNanos}. */
  void acquired(PoolEntry e, long waitNanos) {
    EngineListener[] now = ls;
    if (now.length == 0) {
      return;
    }
    ConnectionEvent ev = new ConnectionEvent(engineName, e.id(), e.raw(), e.uses());
    for (EngineListener l : now) {
      try {
        l.acquired(ev, waitNanos);
      } catch (RuntimeException ex) {
        failed(l, "acquired", ex);
      }
    }
  }

  /** A borrow through the engine timed out; {@code e} is about to be thrown to the borrower. */
  void acquireTimeout(PoolTimeoutException e) {
    for (EngineListener l : ls) {
      try {
        l.acquireTimeout(engineName, e);
      } catch (RuntimeException ex) {
        failed(l, "acquireTimeout", ex);
      }
    }
  }

  /** The driver was asked for a connection: took {@code nanos}; {@code failure} null on success. */
  void connectAttempt(long nanos, Throwable failure) {
    for (EngineListener l : ls) {
      try {
        l.connectAttempt(engineName, nanos, failure);
      } catch (RuntimeException ex) {
        failed(l, "connectAttempt", ex);
      }
    }
  }

  /** A leak was found (and logged). */
  void leak(LeakEvent e) {
    JfrEvents.leak(e);
    for (EngineListener l : ls) {
      try {
        l.leak(e);
      } catch (RuntimeException ex) {
        failed(l, "leak", ex);
      }
    }
  }

  /** The engine was closed. */
  void engineClosed(DisposalReport report) {
    JfrEvents.closed(report);
    for (EngineListener l : ls) {
      try {
        l.engineClosed(report);
      } catch (RuntimeException ex) {
        failed(l, "engineClosed", ex);
      }
    }
  }

  private void failed(EngineListener l, String event, RuntimeException e) {
    log.warn("engine '{}': listener {} failed on {}; the engine goes on", engineName, l, event, e);
  }

  @Override
  public String toString() {
    return "EngineEvents[" + engineName + ", " + ls.length + " listeners]";
  }
}
