package dev.cistern;

import java.sql.Connection;

/** Transaction isolation levels, plus {@link #AUTOCOMMIT} as SQLAlchemy has it. */
public enum IsolationLevel {
  /** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  /** {@link Connection#TRANSACTION_READ_COMMITTED}. */
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  /** {@link Connection#TRANSACTION_REPEATABLE_READ}. */
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  /** {@link Connection#TRANSACTION_SERIALIZABLE}. */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE),
  /**
   * Every statement commits on its own: the driver's auto-commit mode, at its default isolation.
   */
  AUTOCOMMIT(-1);

  private final int jdbcLevel;

  IsolationLevel(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  /**
   * Returns the {@code java.sql.Connection.TRANSACTION_*} constant, or -1 for {@link #AUTOCOMMIT}.
   *
   * @return the JDBC isolation constant, or -1
   */
  public int jdbcLevel() {
    return jdbcLevel;
  }
}
