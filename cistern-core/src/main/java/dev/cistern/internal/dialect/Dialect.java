package dev.cistern.internal.dialect;

import java.util.List;

/**
 * What Cistern knows about one kind of database: its URL forms, its JDBC driver, how to ping it,
 * how to count its sessions and which errors mean "disconnected". Adding a database is one small
 * subclass registered in {@link Dialects}.
 */
public abstract class Dialect {

  /** Returns the canonical dialect name used in URLs, e.g. {@code postgresql}. */
  public abstract String name();

  /** Returns other names accepted in URLs, e.g. {@code postgres}. */
  public List<String> aliases() {
    return List.of();
  }

  /**
   * Returns true if the dialect also takes the opaque form without {@code //}, e.g. {@code
   * h2:mem:orders}, where the database part follows the colon and user and password are query keys.
   */
  public boolean allowsOpaqueForm() {
    return false;
  }
}
