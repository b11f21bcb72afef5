package dev.cistern.internal.dialect;

/** The sqlite dialect. */
final class SqliteDialect extends Dialect {
  @Override
  public String name() {
    return "sqlite";
  }
}
