package dev.cistern.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code dev.cistern.EngineDispose}: {@code Engine.dispose()} replaced the engine's pool with a
 * fresh one. Its duration is the replacement (with the old pool's idle connections closed when
 * {@code closeConnections}).
 */
@Name("dev.cistern.EngineDispose")
@Label("Engine Dispose")
@Category({"Cistern", "Lifecycle"})
@Description("The engine replaced its pool with a fresh one (Engine.dispose)")
public final class EngineDisposeEvent extends jdk.jfr.Event {
  /** The engine's name. */
  @Label("Engine")
  @Description("The name of the engine")
  String engine;

  /** True if the old pool's idle connections were closed. */
  @Label("Close Connections")
  @Description("True if the old pool's idle connections were closed at once")
  boolean closeConnections;

  /** Connections still borrowed from the old pool, closed when they come back. */
  @Label("Still Borrowed")
  @Description("Connections still borrowed from the old pool; each is closed when it comes back")
  int stillBorrowed;
}
