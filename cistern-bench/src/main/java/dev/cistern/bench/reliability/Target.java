package dev.cistern.bench.reliability;

/** The pool a scenario runs on: Cistern, or HikariCP as the control. */
public enum Target {
  /** Cistern through {@code Engine.builder(url)...build().dataSource()}. */
  CISTERN("Cistern"),
  /** A {@code HikariDataSource} with the same pool size and timeouts. */
  HIKARI("HikariCP");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  /** The name shown in tables. */
  public String label() {
    return label;
  }
}
