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
}
