package dev.cistern;

/**
 * A known dialect whose JDBC driver is not on the class path; the message names the artifact to
 * add.
 */
public class DriverNotFoundException extends CisternException {
  private static final long serialVersionUID = 1L;

  private final String dialect;
  private final String driverClass;
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

  /** Returns the dialect whose driver is missing. */
  public String dialect() {
    return dialect;
  }

  /** Returns the driver class that could not be loaded. */
  public String driverClass() {
    return driverClass;
  }

  /** Returns the driver's Maven coordinates, {@code groupId:artifactId}. */
  public String mavenCoordinates() {
    return mavenCoordinates;
  }
}
