package dev.cistern;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of Cistern. */
public final class Cistern {
  private static final String VERSION_FILE = "cistern-version.properties";

  private Cistern() {}

  /**
   * Returns the version of the Cistern library on the class path, as the build wrote it (for
   * example {@code 0.1.0-SNAPSHOT}); {@code "dev"} only where no build filled it in (classes
   * compiled by an IDE without Maven).
   *
   * @return the library's version, such as {@code 0.1.0-SNAPSHOT}, or {@code "dev"}
   */
  public static String version() {
    String v = fromBuild();
    if (v == null) {
      v = Cistern.class.getPackage().getImplementationVersion();
    }
    return v == null ? "dev" : v;
  }

  /** Returns the version from the properties file Maven filters, or null if it was not filled. */
  private static String fromBuild() {
    try (InputStream in = Cistern.class.getResourceAsStream(VERSION_FILE)) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? null : v;
    } catch (IOException e) {
      return null;
    }
  }
}
