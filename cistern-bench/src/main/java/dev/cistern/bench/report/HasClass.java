package dev.cistern.bench.report;

/** Exits 0 if the class named by the argument is on the class path, 1 if not; for the runner. */
public final class HasClass {
  private HasClass() {}

  /** Checks {@code args[0]} without initializing it. */
  public static void main(String[] args) {
    try {
      Class.forName(args[0], false, HasClass.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      System.exit(1);
    }
  }
}
