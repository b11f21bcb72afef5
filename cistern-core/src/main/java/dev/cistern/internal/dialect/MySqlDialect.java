package dev.cistern.internal.dialect;

import java.util.List;

/**
 * The mysql dialect: MySQL Connector/J ({@code jdbc:mysql:}) if it is on the class path, else
 * MariaDB Connector/J ({@code jdbc:mariadb:}), which also speaks to MySQL.
 */
final class MySqlDialect extends MySqlFamilyDialect {
  private static final List<DriverChoice> DRIVERS = List.of(MYSQL_CONNECTOR, MARIADB_CONNECTOR);

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return DRIVERS;
  }

  /** None: MySQL's processlist has no idle time finer than a second. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.empty();
  }
}
