package dev.cistern.internal.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The pool listeners of an engine, which may change while its pools run: every pool the engine
 * makes (the first, and each one {@code dispose()} puts in its place) dispatches to the same set,
 * so a listener added later hears every pool's events from then on.
 *
 * <p>Copy on write: a change replaces the array, an event reads it once (one volatile read). A pool
 * asks {@link #active()} before it builds anything for an event, so with no listener an event costs
 * that read only.
 */
public final class ListenerSet {
  private static final PoolListener[] NONE = new PoolListener[0];

  private volatile PoolListener[] current;

  /** Serializes the copy-on-write changes (a lock of its own: callers cannot take it). */
  private final Object changes = new Object();

  private ListenerSet(PoolListener[] initial) {
    this.current = initial;
  }

  /** Returns an empty set, to add listeners to later. */
  public static ListenerSet empty() {
    return new ListenerSet(NONE);
  }

  /**
   * Returns a set of {@code listeners} (see {@link PoolListeners#compose} for what is flattened).
   */
  static ListenerSet of(List<PoolListener> listeners) {
    return new ListenerSet(listeners.toArray(NONE));
  }

  /** Returns the listeners now, in order. */
  PoolListener[] current() {
    return current;
  }

  /** Returns true if some listener is in the set. */
  boolean active() {
    return current.length != 0;
  }

  /** Adds a listener at the end; pools dispatch to it from their next event on. */
  public void add(PoolListener l) {
    synchronized (changes) {
      PoolListener[] had = current;
      PoolListener[] now = Arrays.copyOf(had, had.length + 1);
      now[had.length] = l;
      current = now;
    }
  }

  /**
   * Removes the first listener that {@code which} accepts; returns true if one was removed. An
   * event being dispatched when it is removed may still reach it.
   */
  public boolean remove(Predicate<PoolListener> which) {
    synchronized (changes) {
      List<PoolListener> now = new ArrayList<>(Arrays.asList(current));
      for (int i = 0; i < now.size(); i++) {
        if (which.test(now.get(i))) {
          now.remove(i);
          current = now.toArray(NONE);
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "ListenerSet" + Arrays.toString(current);
  }
}
