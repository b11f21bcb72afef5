package dev.cistern;

import java.sql.Savepoint;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction block on a {@link SqlConnection}: the whole transaction, from {@link
 * Engine#begin()} or {@link SqlConnection#begin()}, or a savepoint inside it, from {@link
 * SqlConnection#beginNested()}.
 *
 * <pre>{@code
 * try (Transaction tx = engine.begin()) {
 *   tx.execute("insert into t (id) values (:id)", Map.of("id", 1));
 *   try (Transaction sp = tx.connection().beginNested()) {
 *     tx.execute("insert into t (id) values (:id)", Map.of("id", 1)); // fails: duplicate
 *   } catch (StatementException e) {
 *     // rolled back to the savepoint; row 1 is still there
 *   }
 *   tx.commit();
 * } // not committed: rolled back; a transaction from engine.begin() also returns its connection
 * }</pre>
 *
 * <p>{@link #close()} without {@link #commit()} rolls back (to the savepoint, for a nested one).
 * Ending a transaction also ends every savepoint inside it. Use it from one thread at a time.
 *
 * <p>As in SQLAlchemy 2.0, a block that was committed or rolled back is over until it is closed: a
 * statement on it (or, for a whole transaction, on its connection) throws "transaction is closed"
 * instead of silently beginning a new transaction that the end of the block would then roll back. A
 * second {@link #rollback()} is a no-op (logged as a warning), and so is a rollback once the
 * connection was invalidated: the database already ended that transaction.
 */
public final class Transaction implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.sql");

  private final SqlConnection connection;
  private final Savepoint savepoint;
  private final boolean ownsConnection;
  private boolean closed;

  Transaction(SqlConnection connection, Savepoint savepoint, boolean ownsConnection) {
    this.connection = connection;
    this.savepoint = savepoint;
    this.ownsConnection = ownsConnection;
  }

  /**
   * Returns the connection the transaction runs on; don't close it yourself.
   *
   * @return the connection
   */
  public SqlConnection connection() {
    return connection;
  }

  /**
   * Runs a statement on the transaction's connection: {@code connection().execute(sql)}.
   *
   * @param sql the SQL text
   * @return the statement's result
   * @throws IllegalStateException if this transaction was committed, rolled back or closed
   */
  public Result execute(String sql) {
    return execute(sql, Map.of());
  }

  /**
   * Runs a statement on the transaction's connection: {@code connection().execute(sql, p)}.
   *
   * @param sql the SQL text, with {@code :name} parameters
   * @param params the parameter values by name
   * @return the statement's result
   * @throws IllegalStateException if this transaction was committed, rolled back or closed
   */
  public Result execute(String sql, Map<String, ?> params) {
    if (!isActive()) {
      throw closedForStatements();
    }
    return connection.execute(sql, params);
  }

  /** The error for a statement on a block that is over. */
  IllegalStateException closedForStatements() {
    return new IllegalStateException(
        "cannot run a statement: the transaction is closed (it was committed, rolled back or"
            + " closed, and a statement now would silently begin another one); close this block"
            + " and begin a new one");
  }

  /**
   * Returns true for a savepoint from {@link SqlConnection#beginNested()}.
   *
   * @return true for a nested transaction
   */
  public boolean isNested() {
    return savepoint != null;
  }

  Savepoint savepoint() {
    return savepoint;
  }

  /**
   * Returns true until this transaction (or the one it is nested in) is committed, rolled back or
   * closed.
   *
   * @return true while this transaction is open
   */
  public boolean isActive() {
    return !closed && connection.isOpen(this);
  }

  /**
   * Commits the transaction, or releases the savepoint of a nested one (its work then commits or
   * rolls back with the enclosing transaction).
   *
   * @throws IllegalStateException if it was already committed, rolled back or closed
   * @throws StatementException if the database refused the commit (the transaction stays open, so
   *     {@link #close()} rolls it back)
   */
  public void commit() {
    checkActive("commit");
    connection.finish(this, true);
  }

  /**
   * Rolls the transaction back, or a nested one back to its savepoint. A no-op, with a warning,
   * once it was already committed, rolled back or closed (as SQLAlchemy's); a no-op as well once
   * the connection was invalidated.
   *
   * @throws StatementException if the rollback failed; the connection is then invalidated
   */
  public void rollback() {
    if (!isActive()) {
      log.warn(
          "rollback() of {} ignored: it was already {}",
          this,
          closed ? "closed" : "committed or rolled back");
      return;
    }
    connection.finish(this, false);
  }

  /**
   * Rolls back if still active; a transaction from {@link Engine#begin()} then gives its connection
   * back to the pool. Idempotent.
   *
   * @throws StatementException if the rollback failed (the connection was invalidated, not reused)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (isActive() && !connection.isClosed()) {
        connection.finish(this, false);
      }
    } finally {
      closed = true;
      connection.blockClosed(this);
      if (ownsConnection) {
        connection.close();
      }
    }
  }

  private void checkActive(String what) {
    if (!isActive()) {
      throw new IllegalStateException(
          "cannot " + what + ": the transaction is " + (closed ? "closed" : "already finished"));
    }
  }

  @Override
  public String toString() {
    return "Transaction("
        + connection
        + (isNested() ? ", nested" : "")
        + (isActive() ? ", active" : ", finished")
        + ")";
  }
}
