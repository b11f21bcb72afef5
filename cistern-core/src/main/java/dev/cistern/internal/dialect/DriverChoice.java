package dev.cistern.internal.dialect;

import java.util.Objects;

/**
 * One JDBC driver a dialect can use.
 *
 * @param name the name written after {@code +} in a URL, e.g. {@code mariadbconnector} in {@code
 *     mysql+mariadbconnector://}
 * @param driverClass the fully qualified {@link java.sql.Driver} class
 * @param mavenCoordinates the driver's {@code groupId:artifactId}
 */
public record DriverChoice(String name, String driverClass, String mavenCoordinates) {
  /** Checks that no part is null. */
  public DriverChoice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driverClass, "driverClass");
    Objects.requireNonNull(mavenCoordinates, "mavenCoordinates");
  }
}
