package dev.cistern.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a physical connection; the pool calls it from its background creator only. */
@FunctionalInterface
public interface ConnectionFactory {
  /** Opens a new physical connection. */
  Connection create() throws SQLException;
}
