package dev.cistern.internal.dialect;

/** The mariadb dialect. */
final class MariaDbDialect extends Dialect {
  @Override
  public String name() {
    return "mariadb";
  }
}
