package dev.cistern.internal.engine;

/** Test access to an {@link EngineCore}'s package-private parts from other packages. */
public final class EngineCores {
  private EngineCores() {}

  /** Returns true if a borrow from {@code core} now would read the clock for its wait. */
  public static boolean borrowTimed(EngineCore core) {
    return core.borrowTimedForTests();
  }
}
