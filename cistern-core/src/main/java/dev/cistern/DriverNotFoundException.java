package dev.cistern;

/**
 * A known dialect whose JDBC driver is not on the class path; the message names the artifact to
 * add.
 */
public class DriverNotFoundException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** The dialect whose driver is missing, e.g. {@code postgresql}. */
  private final String dialect;

  /** The driver class that could not be loaded. */
  private final String driverClass;

  /** The driver's Maven coordinates, {@code groupId:artifactId}. */
  private final String mavenCoordinates;

  /**
   * Creates the exception.
   *
   * @param dialect the dialect name, e.g. {@code postgresql}
   * @param driverClass the driver class that could not be loaded
   * @param mavenCoordinates {@code groupId:artifactId} of the driver
   */
  public DriverNotFoundException(String dialect, String driverClass, String mavenCoordinates) {
    super(
        "the "
            + dialect
            + " dialect needs the JDBC driver "
            + driverClass
            + ", which is not on the class path; add the dependency "
            + mavenCoordinates
            + " (Maven: <groupId>"
            + mavenCoordinates.substring(0, mavenCoordinates.indexOf(':'))
            + "</groupId><artifactId>"
            + mavenCoordinates.substring(mavenCoordinates.indexOf(':') + 1)
            + "</artifactId>)");
    this.dialect = dialect;
    this.driverClass = driverClass;
    this.mavenCoordinates = mavenCoordinates;
  }

  /**
   * Returns the dialect whose driver is missing.
   *
   * @return the dialect, e.g. {@code postgresql}
   */
  public String dialect() {
    return dialect;
  }

  /**
   * Returns the driver class that could not be loaded.
   *
   * @return the fully qualified driver class name
   */
  public String driverClass() {
    return driverClass;
  }

  /**
   * Returns the driver's Maven coordinates, {@code groupId:artifactId}.
   *
   * @return the Maven coordinates of the artifact to add
   */
  public String mavenCoordinates() {
    return mavenCoordinates;
  }
}
