package dev.cistern.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a physical connection. The queue pool calls it from its background creator only; the simple
 * kinds ({@link NullPool}, {@link StaticPool}, {@link SingletonThreadPool}, {@link AssertionPool})
 * call it on the borrower's thread.
 */
@FunctionalInterface
public interface ConnectionFactory {
  /** Opens a new physical connection. */
  Connection create() throws SQLException;
}
