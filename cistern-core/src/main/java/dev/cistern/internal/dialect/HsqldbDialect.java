package dev.cistern.internal.dialect;

/** The hsqldb dialect. */
final class HsqldbDialect extends Dialect {
  @Override
  public String name() {
    return "hsqldb";
  }

  @Override
  public boolean allowsOpaqueForm() {
    return true;
  }
}
