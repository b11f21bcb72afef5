package dev.cistern;

import java.sql.SQLException;

/**
 * A database transaction on one connection borrowed from an {@link Engine}, started by {@link
 * Engine#begin()}.
 *
 * <pre>{@code
 * try (Transaction tx = engine.begin()) {
 *   tx.connection().jdbc().createStatement().executeUpdate("insert ...");
 *   tx.commit();
 * } // not committed: rolled back; either way the connection goes back to the pool
 * }</pre>
 *
 * <p>{@link #close()} without {@link #commit()} rolls back, then gives the connection back. Use a
 * transaction from one thread at a time.
 */
public final class Transaction implements AutoCloseable {
  private final SqlConnection connection;
  private boolean active = true;
  private boolean closed;

  Transaction(SqlConnection connection) {
    this.connection = connection;
  }

  /** Returns the connection the transaction runs on; don't close it yourself. */
  public SqlConnection connection() {
    return connection;
  }

  /** Returns true until {@link #commit()}, {@link #rollback()} or {@link #close()}. */
  public boolean isActive() {
    return active;
  }

  /**
   * Commits the transaction.
   *
   * @throws IllegalStateException if it was already committed, rolled back or closed
   * @throws CisternException if the database refused the commit (the transaction stays active, so
   *     {@link #close()} rolls it back)
   */
  public void commit() {
    checkActive("commit");
    try {
      connection.jdbc().commit();
    } catch (SQLException e) {
      throw new CisternException(
          "commit failed on engine '" + connection.engine().name() + "': " + e.getMessage(), e);
    }
    active = false;
  }

  /**
   * Rolls the transaction back.
   *
   * @throws IllegalStateException if it was already committed, rolled back or closed
   * @throws CisternException if the rollback failed; the connection is then invalidated
   */
  public void rollback() {
    checkActive("roll back");
    active = false;
    try {
      connection.jdbc().rollback();
    } catch (SQLException | RuntimeException e) {
      connection.invalidate(e);
      throw new CisternException(
          "rollback failed on engine '" + connection.engine().name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Rolls back if neither committed nor rolled back, then gives the connection back to the pool.
   * Idempotent.
   *
   * @throws CisternException if the rollback failed (the connection was invalidated, not reused)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (active) {
        rollback();
      }
    } finally {
      connection.close();
    }
  }

  private void checkActive(String what) {
    if (!active) {
      throw new IllegalStateException(
          "cannot " + what + ": the transaction is " + (closed ? "closed" : "already finished"));
    }
  }

  @Override
  public String toString() {
    return "Transaction(" + connection + (active ? ", active" : ", finished") + ")";
  }
}
