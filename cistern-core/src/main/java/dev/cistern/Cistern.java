package dev.cistern;

/** Facts about this build of Cistern. */
public final class Cistern {
  private Cistern() {}

  /**
   * Returns the version of the Cistern library on the class path, or {@code "dev"} in a source
   * build.
   *
   * @return the library's version, such as {@code 0.1.0}, or {@code "dev"}
   */
  public static String version() {
    String v = Cistern.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
