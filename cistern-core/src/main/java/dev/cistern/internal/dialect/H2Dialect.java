package dev.cistern.internal.dialect;

/** The h2 dialect. */
final class H2Dialect extends Dialect {
  @Override
  public String name() {
    return "h2";
  }

  @Override
  public boolean allowsOpaqueForm() {
    return true;
  }
}
