package dev.cistern.internal.pool;

import dev.cistern.EngineListener.ResetState;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combines pool listeners, such as the echo and the engine's listener adapter. */
public final class PoolListeners {
  private PoolListeners() {}

  /**
   * Returns a listener that calls each of {@code listeners} in order: {@link PoolListener#NONE} for
   * none, the listener itself for one. A component that throws is logged and the others still hear
   * the event; a {@link PoolListener.CheckoutVeto} stops the checkout's fan-out and reaches the
   * pool.
   */
  public static PoolListener compose(List<? extends PoolListener> listeners) {
    List<PoolListener> ls =
        listeners.stream().filter(l -> l != PoolListener.NONE).map(l -> (PoolListener) l).toList();
    if (ls.isEmpty()) {
      return PoolListener.NONE;
    }
    if (ls.size() == 1) {
      return ls.get(0);
    }
    return new Composite(ls);
  }

  /** Calls several listeners in order. */
  private static final class Composite implements PoolListener {
    private static final Logger log = LoggerFactory.getLogger(PoolListeners.class);
    private final List<PoolListener> ls;

    Composite(List<PoolListener> ls) {
      this.ls = ls;
    }

    private void each(String name, Consumer<PoolListener> call) {
      for (PoolListener l : ls) {
        try {
          call.accept(l);
        } catch (CheckoutVeto veto) {
          throw veto;
        } catch (RuntimeException ex) {
          log.warn("pool listener {} failed on {}; ignored", l, name, ex);
        }
      }
    }

    @Override
    public void connect(PoolEntry e) {
      each("connect", l -> l.connect(e));
    }

    @Override
    public void firstConnect(PoolEntry e) {
      each("firstConnect", l -> l.firstConnect(e));
    }

    @Override
    public void checkout(PoolEntry e) {
      each("checkout", l -> l.checkout(e));
    }

    @Override
    public void checkin(PoolEntry e) {
      each("checkin", l -> l.checkin(e));
    }

    @Override
    public void reset(PoolEntry e, ResetState state) {
      each("reset", l -> l.reset(e, state));
    }

    @Override
    public void invalidate(PoolEntry e, Throwable cause) {
      each("invalidate", l -> l.invalidate(e, cause));
    }

    @Override
    public void softInvalidate(Throwable cause) {
      each("softInvalidate", l -> l.softInvalidate(cause));
    }

    @Override
    public void close(PoolEntry e) {
      each("close", l -> l.close(e));
    }

    @Override
    public void detach(PoolEntry e) {
      each("detach", l -> l.detach(e));
    }

    @Override
    public void closeDetached(PoolEntry e) {
      each("closeDetached", l -> l.closeDetached(e));
    }

    @Override
    public void disposed() {
      each("disposed", PoolListener::disposed);
    }
  }
}
