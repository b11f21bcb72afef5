package dev.cistern.internal.dialect;

import java.util.List;

/** The mariadb dialect, with MariaDB Connector/J ({@code jdbc:mariadb:}). */
final class MariaDbDialect extends MySqlFamilyDialect {
  private static final List<DriverChoice> DRIVERS = List.of(MARIADB_CONNECTOR);

  @Override
  public String name() {
    return "mariadb";
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return DRIVERS;
  }

  /** The server's sessions as {@code information_schema.processlist} shows them. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.of(MariaDbSessionProbe.INSTANCE);
  }
}
