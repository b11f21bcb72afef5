package dev.cistern.internal.pool;

import dev.cistern.ConnectionEvent;
import dev.cistern.EngineListener;
import dev.cistern.EngineListener.ResetState;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the pool's events to the engine's public {@link EngineListener}s, in order.
 *
 * <p>Each listener is called on its own: one that throws is logged and the others still hear the
 * event. An {@link EngineListener.Veto} from {@code checkout} becomes a {@link
 * PoolListener.CheckoutVeto}, and the listeners after the vetoing one are not told of that
 * checkout.
 */
public final class ListenerAdapter implements PoolListener {
  private static final Logger log = LoggerFactory.getLogger(ListenerAdapter.class);

  private final String engineName;
  private final List<EngineListener> listeners;

  /** Creates an adapter for the engine {@code engineName}; the list is copied. */
  public ListenerAdapter(String engineName, List<? extends EngineListener> listeners) {
    this.engineName = engineName;
    this.listeners = List.copyOf(listeners);
  }

  /** Returns the listeners, in the order they are called. */
  public List<EngineListener> listeners() {
    return listeners;
  }

  private ConnectionEvent event(PoolEntry e) {
    return new ConnectionEvent(engineName, e.id(), e.raw(), e.uses());
  }

  private void each(String name, Consumer<EngineListener> call) {
    for (EngineListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException ex) {
        log.warn("engine '{}': listener {} failed on {}; ignored", engineName, l, name, ex);
      }
    }
  }

  @Override
  public void connect(PoolEntry e) {
    ConnectionEvent ev = event(e);
    each("connect", l -> l.connect(ev));
  }

  @Override
  public void firstConnect(PoolEntry e) {
    ConnectionEvent ev = event(e);
    each("firstConnect", l -> l.firstConnect(ev));
  }

  @Override
  public void checkout(PoolEntry e) {
    ConnectionEvent ev = event(e);
    for (EngineListener l : listeners) {
      try {
        l.checkout(ev);
      } catch (EngineListener.Veto veto) {
        throw new CheckoutVeto(
            "engine '" + engineName + "': a listener refused " + e + ": " + veto.getMessage(),
            veto);
      } catch (RuntimeException ex) {
        log.warn("engine '{}': listener {} failed on checkout; ignored", engineName, l, ex);
      }
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    // a reset that failed invalidated the entry: its connection is being closed, as SQLAlchemy
    // passes None for it
    ConnectionEvent ev =
        e.state() == PoolEntry.REMOVED
            ? new ConnectionEvent(engineName, e.id(), null, e.uses())
            : event(e);
    each("checkin", l -> l.checkin(ev));
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    ConnectionEvent ev = event(e);
    each("reset", l -> l.reset(ev, state));
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    ConnectionEvent ev = event(e);
    each("invalidate", l -> l.invalidate(ev, cause));
  }

  @Override
  public void softInvalidate(Throwable cause) {
    each("softInvalidate", l -> l.softInvalidate(engineName, cause));
  }

  @Override
  public void close(PoolEntry e) {
    ConnectionEvent ev = event(e);
    each("close", l -> l.close(ev));
  }

  @Override
  public void detach(PoolEntry e) {
    ConnectionEvent ev = event(e);
    each("detach", l -> l.detach(ev));
  }

  @Override
  public void closeDetached(PoolEntry e) {
    ConnectionEvent ev = event(e);
    each("closeDetached", l -> l.closeDetached(ev));
  }

  @Override
  public void disposed() {
    each("disposed", l -> l.disposed(engineName));
  }
}
