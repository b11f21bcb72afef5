package dev.cistern.internal.engine;

import dev.cistern.ConnectionEvent;
import dev.cistern.EngineListener;
import dev.cistern.EngineListener.ResetState;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListener;
import dev.cistern.internal.pool.PoolListeners;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the pool's events to one of the engine's public {@link EngineListener}s.
 *
 * <p>It catches nothing: the pool's {@link PoolListeners} dispatch calls each adapter on its own,
 * logs what one throws and goes on with the next. The one translation done here is an {@link
 * EngineListener.Veto} from {@code checkout}, which becomes a {@link PoolListener.CheckoutVeto};
 * the dispatch lets that through, so the listeners after the vetoing one are not told of that
 * checkout.
 */
public final class ListenerAdapter implements PoolListener {
  private final String engineName;
  private final EngineListener listener;

  private ListenerAdapter(String engineName, EngineListener listener) {
    this.engineName = engineName;
    this.listener = listener;
  }

  /**
   * Returns one pool listener for the engine {@code engineName}'s {@code listeners}, called in
   * order (one adapter each, composed); the list is copied.
   */
  public static PoolListener of(String engineName, List<? extends EngineListener> listeners) {
    List<PoolListener> ls = new ArrayList<>(listeners.size());
    for (EngineListener l : listeners) {
      ls.add(new ListenerAdapter(engineName, l));
    }
    return PoolListeners.compose(ls);
  }

  /** Returns a pool listener for one of the engine {@code engineName}'s listeners. */
  static ListenerAdapter of(String engineName, EngineListener listener) {
    return new ListenerAdapter(engineName, listener);
  }

  /** Returns the public listener this adapts. */
  EngineListener listener() {
    return listener;
  }

  private ConnectionEvent event(PoolEntry e) {
    return new ConnectionEvent(engineName, e.id(), e.raw(), e.uses());
  }

  @Override
  public void connect(PoolEntry e) {
    listener.connect(event(e));
  }

  @Override
  public void firstConnect(PoolEntry e) {
    listener.firstConnect(event(e));
  }

  @Override
  public void checkout(PoolEntry e) {
    try {
      listener.checkout(event(e));
    } catch (EngineListener.Veto veto) {
      throw new CheckoutVeto(
          "engine '" + engineName + "': a listener refused " + e + ": " + veto.getMessage(), veto);
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    // a reset that failed invalidated the entry: its connection is being closed, as SQLAlchemy
    // passes None for it
    ConnectionEvent ev =
        e.isRemoved() ? new ConnectionEvent(engineName, e.id(), null, e.uses()) : event(e);
    listener.checkin(ev);
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    listener.reset(event(e), state);
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    listener.invalidate(event(e), cause);
  }

  @Override
  public void softInvalidate(Throwable cause) {
    listener.softInvalidate(engineName, cause);
  }

  @Override
  public void close(PoolEntry e) {
    listener.close(event(e));
  }

  @Override
  public void detach(PoolEntry e) {
    listener.detach(event(e));
  }

  @Override
  public void closeDetached(PoolEntry e) {
    listener.closeDetached(event(e));
  }

  @Override
  public void disposed() {
    listener.disposed(engineName);
  }

  @Override
  public String toString() {
    return "engine '" + engineName + "' listener " + listener;
  }
}
