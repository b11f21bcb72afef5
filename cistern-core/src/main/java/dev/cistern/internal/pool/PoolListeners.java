package dev.cistern.internal.pool;

import dev.cistern.EngineListener.ResetState;
import dev.cistern.ResetOnReturn;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's one listener dispatch, and the only place where a listener's error is isolated.
 *
 * <p>A pool holds one of these around the listener it was given (see {@link #dispatch}). If that
 * listener is a group made by {@link #compose}, each of its components is called on its own: one
 * that throws is logged and the others still hear the event, so a faulty listener never breaks the
 * pool. A {@link PoolListener.CheckoutVeto} from {@code checkout} is the one exception that passes:
 * it stops the checkout's fan-out and reaches the pool, which throws the connection away.
 * Components (the echo, the engine's adapters) therefore never catch anything themselves.
 *
 * <p>It also orders the connect events across threads (see {@link #opened}).
 */
public final class PoolListeners implements PoolListener {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  /**
   * Every reset state there is, so that a return allocates none: [kind][terminateOnly][detached].
   */
  private static final ResetState[][][] STATES =
      new ResetState[ResetOnReturn.values().length][2][2];

  static {
    for (ResetOnReturn kind : ResetOnReturn.values()) {
      for (int t = 0; t < 2; t++) {
        for (int d = 0; d < 2; d++) {
          STATES[kind.ordinal()][t][d] = new ResetState(kind, t == 1, d == 1);
        }
      }
    }
  }

  private final ListenerSet set;
  private final String pool;

  /** Held while the first connection's firstConnect and connect run; other openings wait on it. */
  private final Object firstLock = new Object();

  /** Set once the first connection's firstConnect and connect have run (or thrown). */
  private volatile boolean firstDone;

  private PoolListeners(ListenerSet set, String pool) {
    this.set = set;
    this.pool = pool;
  }

  /**
   * Returns one listener that stands for {@code listeners} in order: {@link PoolListener#NONE} for
   * none, the listener itself for one, otherwise a group. A group only forwards; the isolation of
   * each component is done once, by the pool's {@link #dispatch}.
   */
  public static PoolListener compose(List<? extends PoolListener> listeners) {
    List<PoolListener> flat =
        listeners.stream()
            .filter(l -> l != PoolListener.NONE)
            .flatMap(l -> l instanceof Group g ? g.ls.stream() : java.util.stream.Stream.of(l))
            .map(l -> (PoolListener) l)
            .toList();
    if (flat.isEmpty()) {
      return PoolListener.NONE;
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return new Group(flat);
  }

  /**
   * Returns the dispatch a pool named {@code pool} calls: each component of {@code listener} (see
   * {@link #compose}) called in order, its errors logged.
   */
  public static PoolListeners dispatch(PoolListener listener, String pool) {
    List<PoolListener> ls;
    if (listener instanceof PoolListeners d) {
      return new PoolListeners(d.set, pool); // its set, with this pool's own first-connect state
    } else if (listener instanceof Group g) {
      ls = g.ls;
    } else {
      ls = listener == PoolListener.NONE ? List.of() : List.of(listener);
    }
    return new PoolListeners(ListenerSet.of(ls), pool);
  }

  /**
   * Returns the dispatch a pool named {@code pool} calls for an engine's changing {@code set}: the
   * listeners in the set at each event, each called in order, its errors logged.
   */
  public static PoolListeners dispatch(ListenerSet set, String pool) {
    return new PoolListeners(set, pool);
  }

  /** Returns true if some listener may hear the events: read once per event, before building it. */
  public boolean active() {
    return set.active();
  }

  /** Returns the (shared) reset state for these values. */
  static ResetState resetState(ResetOnReturn kind, boolean terminateOnly, boolean detached) {
    return STATES[kind.ordinal()][terminateOnly ? 1 : 0][detached ? 1 : 0];
  }

  /**
   * Announces a connection just opened: the first one to get here fires firstConnect then connect;
   * any other waits until those two have returned, then fires connect. This is SQLAlchemy's
   * first_connect ("exec once") and its connect "with sync on first run": openings run on several
   * threads at once (the creator's two, or borrowers), and one-time setup in firstConnect must be
   * complete before any other connection is announced, let alone handed out. Unlike SQLAlchemy, a
   * firstConnect that throws is not run again: listener errors are logged and never retried.
   */
  void opened(PoolEntry e) {
    if (!firstDone) {
      synchronized (firstLock) {
        if (!firstDone) {
          try {
            firstConnect(e);
            connect(e);
          } finally {
            firstDone = true;
          }
          return;
        }
      }
    }
    connect(e);
  }

  private void failed(PoolListener l, String event, RuntimeException e) {
    log.warn("pool '{}': listener {} failed on {}; the pool goes on", pool, l, event, e);
  }

  @Override
  public void connect(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.connect(e);
      } catch (RuntimeException ex) {
        failed(l, "connect", ex);
      }
    }
  }

  @Override
  public void firstConnect(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.firstConnect(e);
      } catch (RuntimeException ex) {
        failed(l, "firstConnect", ex);
      }
    }
  }

  @Override
  public void checkout(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.checkout(e);
      } catch (CheckoutVeto veto) {
        throw veto;
      } catch (RuntimeException ex) {
        failed(l, "checkout", ex);
      }
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.checkin(e);
      } catch (RuntimeException ex) {
        failed(l, "checkin", ex);
      }
    }
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    for (PoolListener l : set.current()) {
      try {
        l.reset(e, state);
      } catch (RuntimeException ex) {
        failed(l, "reset", ex);
      }
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    for (PoolListener l : set.current()) {
      try {
        l.invalidate(e, cause);
      } catch (RuntimeException ex) {
        failed(l, "invalidate", ex);
      }
    }
  }

  @Override
  public void softInvalidate(Throwable cause) {
    for (PoolListener l : set.current()) {
      try {
        l.softInvalidate(cause);
      } catch (RuntimeException ex) {
        failed(l, "softInvalidate", ex);
      }
    }
  }

  @Override
  public void close(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.close(e);
      } catch (RuntimeException ex) {
        failed(l, "close", ex);
      }
    }
  }

  @Override
  public void detach(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.detach(e);
      } catch (RuntimeException ex) {
        failed(l, "detach", ex);
      }
    }
  }

  @Override
  public void closeDetached(PoolEntry e) {
    for (PoolListener l : set.current()) {
      try {
        l.closeDetached(e);
      } catch (RuntimeException ex) {
        failed(l, "closeDetached", ex);
      }
    }
  }

  @Override
  public void disposed() {
    for (PoolListener l : set.current()) {
      try {
        l.disposed();
      } catch (RuntimeException ex) {
        failed(l, "disposed", ex);
      }
    }
  }

  /**
   * Several listeners in order, as {@link #compose} returns them. It forwards without catching:
   * called outside a pool's dispatch, the first error stops the event.
   */
  private static final class Group implements PoolListener {
    private final List<PoolListener> ls;

    Group(List<PoolListener> ls) {
      this.ls = List.copyOf(ls);
    }

    @Override
    public void connect(PoolEntry e) {
      ls.forEach(l -> l.connect(e));
    }

    @Override
    public void firstConnect(PoolEntry e) {
      ls.forEach(l -> l.firstConnect(e));
    }

    @Override
    public void checkout(PoolEntry e) {
      ls.forEach(l -> l.checkout(e));
    }

    @Override
    public void checkin(PoolEntry e) {
      ls.forEach(l -> l.checkin(e));
    }

    @Override
    public void reset(PoolEntry e, ResetState state) {
      ls.forEach(l -> l.reset(e, state));
    }

    @Override
    public void invalidate(PoolEntry e, Throwable cause) {
      ls.forEach(l -> l.invalidate(e, cause));
    }

    @Override
    public void softInvalidate(Throwable cause) {
      ls.forEach(l -> l.softInvalidate(cause));
    }

    @Override
    public void close(PoolEntry e) {
      ls.forEach(l -> l.close(e));
    }

    @Override
    public void detach(PoolEntry e) {
      ls.forEach(l -> l.detach(e));
    }

    @Override
    public void closeDetached(PoolEntry e) {
      ls.forEach(l -> l.closeDetached(e));
    }

    @Override
    public void disposed() {
      ls.forEach(PoolListener::disposed);
    }

    @Override
    public String toString() {
      return "PoolListeners.Group" + ls;
    }
  }
}
