package dev.cistern.internal.engine;

/** Test access to an engine's {@link LostRequestCheck} from other packages. */
public final class LostRequestChecks {
  private LostRequestChecks() {}

  /** Returns true if the engine has a lost-request check. */
  public static boolean on(EngineCore core) {
    return core.lostRequestCheckForTests() != null;
  }

  /** Returns how many probe rounds asked the server. */
  public static int rounds(EngineCore core) {
    return core.lostRequestCheckForTests().rounds();
  }

  /** Returns how many connections were aborted as lost. */
  public static int aborted(EngineCore core) {
    return core.lostRequestCheckForTests().aborted();
  }
}
