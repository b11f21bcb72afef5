package dev.cistern;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Receives an engine's statement, transaction and error events, after SQLAlchemy's {@code
 * ConnectionEvents}: for tracing (a span per statement), metrics, auditing, or re-classifying
 * errors. Every method does nothing by default; override the ones you need. Pool events go to
 * {@link EngineListener} instead.
 *
 * <p>Register one with {@link Engine.Builder#sqlListener} or {@link Engine#addSqlListener}. Each
 * event runs on the thread that runs the statement (the borrower's), synchronously: keep listeners
 * short and thread-safe.
 *
 * <p><b>Which events fire.</b> {@link #beforeExecute} and {@link #afterExecute} for every statement
 * run through the engine's API ({@link SqlConnection#execute}, {@link SqlConnection#sql}, {@link
 * SqlConnection#executeMany}, {@link Transaction#execute}, {@link Engine#inTransaction} and the
 * like), not for statements a borrower runs itself on the JDBC view ({@link SqlConnection#jdbc()},
 * {@link Engine#dataSource()}). {@link #begin}, {@link #commit}, {@link #rollback} and the
 * savepoint events for the transactions of {@link SqlConnection} and {@link Transaction}. {@link
 * #handleError} for every error of the JDBC driver on a borrowed connection, its statements and
 * result sets, the JDBC view and {@link Engine#dataSource()} included (not for errors while opening
 * a connection).
 *
 * <p><b>Order.</b> On a connection: {@link #begin} (when the first statement or {@link
 * SqlConnection#begin()} opens a transaction; not in {@code AUTOCOMMIT} mode outside a block), then
 * per statement {@link #beforeExecute}, {@link #handleError} if the driver failed, {@link
 * #afterExecute} (always, also after a failure); then {@link #commit} or {@link #rollback} (also
 * the rollback of {@link SqlConnection#close()} when a transaction was left open). {@link #begin},
 * {@link #commit}, {@link #rollback}, {@link #rollbackSavepoint} and {@link #releaseSavepoint} fire
 * before the JDBC call, as SQLAlchemy's; {@link #savepoint} fires once the savepoint is set (its
 * name is the driver's).
 *
 * <p><b>Failures.</b> An exception a listener throws is logged (logger {@code dev.cistern.sql}) and
 * ignored: it never breaks the statement nor keeps the event from other listeners, and from {@link
 * #handleError} it never replaces the original error.
 *
 * <p><b>Cost.</b> With no listener registered, a statement pays one volatile read for the events
 * (no allocation, no clock read). With listeners: two {@code System.nanoTime()} reads, an {@link
 * ExecuteEvent} (with a copy of the bound values unless {@code hideParameters} is on) and an {@link
 * ExecuteResult} per statement, and the listeners' own work.
 */
public interface SqlListener {

  /**
   * A statement is about to be sent to the driver.
   *
   * @param e the statement, its connection and its parameters
   */
  default void beforeExecute(ExecuteEvent e) {}

  /**
   * A statement ended: {@code r} has its elapsed time and row count, or the error the caller gets.
   * Fires once after every {@link #beforeExecute}, on success and on failure, to the same listeners
   * (one added or removed meanwhile does not break the pair).
   *
   * @param e the statement, as {@link #beforeExecute} saw it
   * @param r the outcome: elapsed time, row count or error
   */
  default void afterExecute(ExecuteEvent e, ExecuteResult r) {}

  /**
   * A transaction is about to begin on the connection (auto-commit is turned off for it).
   *
   * @param e the connection the transaction begins on
   */
  default void begin(TransactionEvent e) {}

  /**
   * The open transaction is about to be committed.
   *
   * @param e the connection whose transaction is committed
   */
  default void commit(TransactionEvent e) {}

  /**
   * The open transaction is about to be rolled back.
   *
   * @param e the connection whose transaction is rolled back
   */
  default void rollback(TransactionEvent e) {}

  /**
   * A savepoint was set ({@link SqlConnection#beginNested()}); {@code name} is the driver's name
   * for it, or {@code #} and its number for an unnamed one.
   *
   * @param e the connection the savepoint was set on
   * @param name the savepoint's name
   */
  default void savepoint(TransactionEvent e, String name) {}

  /**
   * The transaction is about to be rolled back to the savepoint {@code name}.
   *
   * @param e the connection whose transaction rolls back
   * @param name the savepoint's name
   */
  default void rollbackSavepoint(TransactionEvent e, String name) {}

  /**
   * The savepoint {@code name} is about to be released (its work kept).
   *
   * @param e the connection whose savepoint is released
   * @param name the savepoint's name
   */
  default void releaseSavepoint(TransactionEvent e, String name) {}

  /**
   * The driver threw {@code ctx.exception()}, before the connection acts on it: the listener may
   * look at it (tracing, metrics), re-classify it as a disconnect or not ({@link
   * ErrorContext#disconnect(boolean)}, SQLAlchemy's {@code is_disconnect}), keep the other
   * connections of the pool on a disconnect ({@link ErrorContext#invalidatePool(boolean)},
   * SQLAlchemy's {@code invalidate_pool_on_disconnect}), or have another exception thrown ({@link
   * ErrorContext#replaceWith(SQLException)}). Listeners run in registration order and each sees
   * what the ones before decided; what a listener set before it threw stays. On a connection the
   * engine already aborted ({@code abandonTimeout}, {@code lostRequestCheck}, a closing engine) the
   * context says disconnect and a re-classification changes nothing.
   *
   * @param ctx the error and the decisions a listener may change
   */
  default void handleError(ErrorContext ctx) {}

  /**
   * A statement as it goes to the driver.
   *
   * @param engineName the engine's name
   * @param connectionId the connection's number within its pool, from 1 (as {@link
   *     ConnectionEvent#connectionId()})
   * @param sql the SQL text sent to the driver: {@code :name} parameters already turned into {@code
   *     ?}, collections expanded, a multi-row INSERT already rewritten
   * @param parameterSets the values bound to the {@code ?}s, in order: one list for a statement,
   *     one per row for a JDBC batch, one flat list for a multi-row INSERT; empty when parameters
   *     are hidden ({@code hideParameters}) or there are none. The lists are unmodifiable and may
   *     hold nulls.
   * @param parametersHidden true if the engine's {@code hideParameters} option kept the values out
   * @param batch true if the statement is part of {@link SqlConnection#executeMany} (executemany):
   *     a JDBC batch or a multi-row INSERT; one event per round trip
   */
  record ExecuteEvent(
      String engineName,
      long connectionId,
      String sql,
      List<List<Object>> parameterSets,
      boolean parametersHidden,
      boolean batch) {
    /**
     * Checks that the names and lists are given.
     *
     * @param engineName the engine's name
     * @param connectionId the connection's number within its pool
     * @param sql the SQL text as sent to the driver
     * @param parameterSets the parameter values, one list per set (several for a batch)
     * @param parametersHidden true if the engine's {@code hideParameters} option kept the values
     *     out
     * @param batch true for a batch
     */
    public ExecuteEvent {
      Objects.requireNonNull(engineName, "engineName");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(parameterSets, "parameterSets");
    }

    /**
     * Returns the values of the first (for a single statement, the only) parameter set, or an empty
     * list.
     *
     * @return the first parameter set's values
     */
    public List<Object> parameters() {
      return parameterSets.isEmpty() ? List.of() : parameterSets.get(0);
    }

    @Override
    public String toString() {
      return "ExecuteEvent["
          + engineName
          + ", connection #"
          + connectionId
          + ", "
          + sql
          + (parametersHidden ? ", parameters hidden" : ", " + parameterSets.size() + " sets")
          + (batch ? ", batch]" : "]");
    }
  }

  /**
   * How a statement ended.
   *
   * @param elapsed from just before the statement was prepared until its rows were read (for a
   *     streamed result: until the driver returned the first batch)
   * @param rowCount the update count (the total of a batch), or the rows read into memory; -1 if
   *     unknown (a streamed result, a driver that reports no count, a failure)
   * @param error the exception the caller gets, or null on success
   */
  record ExecuteResult(Duration elapsed, long rowCount, RuntimeException error) {
    /**
     * Checks that the elapsed time is given.
     *
     * @param elapsed how long the statement ran
     * @param rowCount the rows changed or returned, or -1 if not known
     * @param error the exception the caller gets, or null on success
     */
    public ExecuteResult {
      Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Returns true if the statement failed.
     *
     * @return true if {@link #error()} is not null
     */
    public boolean failed() {
      return error != null;
    }
  }

  /**
   * Where a transaction event happened.
   *
   * @param engineName the engine's name
   * @param connectionId the connection's number within its pool, from 1
   */
  record TransactionEvent(String engineName, long connectionId) {
    /**
     * Checks that the name is given.
     *
     * @param engineName the engine's name
     * @param connectionId the connection's number within its pool
     */
    public TransactionEvent {
      Objects.requireNonNull(engineName, "engineName");
    }
  }

  /**
   * A driver error on its way to the borrower, as {@link #handleError} sees it (SQLAlchemy's {@code
   * ExceptionContext}). The decisions it holds are applied once every listener has run: a
   * disconnect invalidates the connection (it is closed, not reused; the borrower gets an error
   * saying to borrow another) and, unless {@link #invalidatePool(boolean) invalidatePool(false)},
   * marks every other connection of the pool stale (replaced at its next checkout). Used by one
   * thread; valid only during the call.
   */
  final class ErrorContext {
    private final String engineName;
    private final long connectionId;
    private final SQLException exception;
    private final String sql;
    private final boolean dialectDisconnect;
    private boolean disconnect;
    private boolean invalidatePool = true;
    private SQLException replacement;

    /**
     * Creates the context of one error (the engine does; public for listeners' own tests).
     *
     * @param engineName the engine's name
     * @param connectionId the connection's number within its pool
     * @param exception what the driver threw
     * @param sql the SQL of the failed statement, or null if not known
     * @param disconnect the dialect's classification: true if the error means the connection is
     *     gone
     */
    public ErrorContext(
        String engineName,
        long connectionId,
        SQLException exception,
        String sql,
        boolean disconnect) {
      this.engineName = Objects.requireNonNull(engineName, "engineName");
      this.connectionId = connectionId;
      this.exception = Objects.requireNonNull(exception, "exception");
      this.sql = sql;
      this.dialectDisconnect = disconnect;
      this.disconnect = disconnect;
    }

    /**
     * Returns the engine's name.
     *
     * @return the engine's name
     */
    public String engineName() {
      return engineName;
    }

    /**
     * Returns the connection's number within its pool, from 1.
     *
     * @return the connection's number
     */
    public long connectionId() {
      return connectionId;
    }

    /**
     * Returns the driver's exception.
     *
     * @return the exception the driver threw
     */
    public SQLException exception() {
      return exception;
    }

    /**
     * Returns the SQL text of the failed statement as sent to the driver, or null if not known (an
     * error of commit, of a result set, or of a plain {@link java.sql.Statement} call not given
     * SQL, such as {@code executeBatch}).
     *
     * @return the SQL text, or null
     */
    public String sql() {
      return sql;
    }

    /**
     * Returns what the dialect says: true if the error means the connection is gone.
     *
     * @return true if the dialect classifies the error as a disconnect
     */
    public boolean isDialectDisconnect() {
      return dialectDisconnect;
    }

    /**
     * Returns whether the error will be treated as a disconnect: the dialect's classification,
     * unless a listener changed it.
     *
     * @return true if the error will invalidate the connection
     */
    public boolean isDisconnect() {
      return disconnect;
    }

    /**
     * Treats the error as a disconnect (true: the connection is invalidated) or not (false: the
     * error just goes to the borrower), whatever the dialect said.
     *
     * @param disconnect true to treat the error as a disconnect, false not to
     */
    public void disconnect(boolean disconnect) {
      this.disconnect = disconnect;
    }

    /**
     * Returns whether a disconnect also marks every other connection of the pool stale.
     *
     * @return true if a disconnect marks the whole pool stale
     */
    public boolean isInvalidatePool() {
      return invalidatePool;
    }

    /**
     * Sets whether a disconnect also marks every other connection of the pool stale (true, the
     * default, as SQLAlchemy's): false replaces only this connection, for an error known to concern
     * this session alone (it was killed on the server, say).
     *
     * @param invalidatePool true to mark the whole pool stale on a disconnect, false for this
     *     connection only
     */
    public void invalidatePool(boolean invalidatePool) {
      this.invalidatePool = invalidatePool;
    }

    /**
     * Returns the exception to throw instead of the driver's, or null for the driver's.
     *
     * @return the replacement exception, or null
     */
    public SQLException replacement() {
      return replacement;
    }

    /**
     * Throws {@code replacement} to the borrower instead of the driver's exception (null: the
     * driver's again). The engine's API wraps it as it would the driver's (in a {@link
     * StatementException}); on a disconnect, the borrower's error has it as its cause.
     *
     * @param replacement the exception to throw instead, or null for the driver's
     */
    public void replaceWith(SQLException replacement) {
      this.replacement = replacement;
    }

    @Override
    public String toString() {
      return "ErrorContext["
          + engineName
          + ", connection #"
          + connectionId
          + ", "
          + exception
          + (disconnect ? ", disconnect" : "")
          + "]";
    }
  }
}
