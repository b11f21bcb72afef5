package dev.cistern.internal.dialect;

/** The mysql dialect. */
final class MySqlDialect extends Dialect {
  @Override
  public String name() {
    return "mysql";
  }
}
