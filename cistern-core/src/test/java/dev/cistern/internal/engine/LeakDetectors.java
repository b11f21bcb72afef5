package dev.cistern.internal.engine;

/** Test access to a {@link LeakDetector}'s package-private parts from other packages. */
public final class LeakDetectors {
  private LeakDetectors() {}

  /** Runs the leak check now, without the timer. */
  public static void checkNow(LeakDetector d) {
    d.checkNow();
  }

  /** Returns true if the detector scheduled its timer. */
  public static boolean timerScheduled(LeakDetector d) {
    return d.timerScheduled();
  }

  /** Runs one round of the reclaim sweep now, without the timer. */
  public static void sweepNow(LeakDetector d) {
    d.sweepNow();
  }

  /** Returns true if the detector scheduled its reclaim sweep. */
  public static boolean sweepScheduled(LeakDetector d) {
    return d.sweepScheduled();
  }

  /** Returns how many borrows the detector watches. */
  public static int tracked(LeakDetector d) {
    return d.tracked();
  }
}
