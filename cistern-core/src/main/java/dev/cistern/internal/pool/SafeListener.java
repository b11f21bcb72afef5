package dev.cistern.internal.pool;

import dev.cistern.EngineListener.ResetState;
import dev.cistern.ResetOnReturn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a listener and logs what it throws, so a faulty listener never breaks the pool; one per
 * pool. It also orders the connect events across threads (see {@link #opened}).
 */
final class SafeListener implements PoolListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
  private final PoolListener l;
  private final String pool;

  /** Held while the first connection's firstConnect and connect run; other openings wait on it. */
  private final Object firstLock = new Object();

  /** Set once the first connection's firstConnect and connect have run (or thrown). */
  private volatile boolean firstDone;

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

  /** Returns the (shared) reset state for these values. */
  static ResetState resetState(ResetOnReturn kind, boolean terminateOnly, boolean detached) {
    return STATES[kind.ordinal()][terminateOnly ? 1 : 0][detached ? 1 : 0];
  }

  SafeListener(PoolListener l, String pool) {
    this.l = l;
    this.pool = pool;
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

  private void failed(String event, RuntimeException e) {
    log.warn("pool '{}': a listener failed on {}; the pool goes on", pool, event, e);
  }

  @Override
  public void connect(PoolEntry e) {
    try {
      l.connect(e);
    } catch (RuntimeException ex) {
      failed("connect", ex);
    }
  }

  @Override
  public void firstConnect(PoolEntry e) {
    try {
      l.firstConnect(e);
    } catch (RuntimeException ex) {
      failed("firstConnect", ex);
    }
  }

  @Override
  public void checkout(PoolEntry e) {
    try {
      l.checkout(e);
    } catch (CheckoutVeto veto) {
      throw veto;
    } catch (RuntimeException ex) {
      failed("checkout", ex);
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    try {
      l.checkin(e);
    } catch (RuntimeException ex) {
      failed("checkin", ex);
    }
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    try {
      l.reset(e, state);
    } catch (RuntimeException ex) {
      failed("reset", ex);
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    try {
      l.invalidate(e, cause);
    } catch (RuntimeException ex) {
      failed("invalidate", ex);
    }
  }

  @Override
  public void softInvalidate(Throwable cause) {
    try {
      l.softInvalidate(cause);
    } catch (RuntimeException ex) {
      failed("softInvalidate", ex);
    }
  }

  @Override
  public void close(PoolEntry e) {
    try {
      l.close(e);
    } catch (RuntimeException ex) {
      failed("close", ex);
    }
  }

  @Override
  public void detach(PoolEntry e) {
    try {
      l.detach(e);
    } catch (RuntimeException ex) {
      failed("detach", ex);
    }
  }

  @Override
  public void closeDetached(PoolEntry e) {
    try {
      l.closeDetached(e);
    } catch (RuntimeException ex) {
      failed("closeDetached", ex);
    }
  }

  @Override
  public void disposed() {
    try {
      l.disposed();
    } catch (RuntimeException ex) {
      failed("disposed", ex);
    }
  }
}
