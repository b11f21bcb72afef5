package dev.cistern.internal.dialect;

/** The postgresql dialect. */
final class PostgresDialect extends Dialect {
  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public java.util.List<String> aliases() {
    return java.util.List.of("postgres");
  }
}
