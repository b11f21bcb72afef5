package dev.cistern.internal.sql;

import dev.cistern.IsolationLevel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;

/**
 * The transaction bookkeeping of one checkout: whether a transaction is open, whether auto-commit
 * was turned off for it, and the JDBC calls that begin, end and nest transactions. Errors come out
 * translated. Used from one thread, like the connection.
 */
public final class TransactionState {
  private final Connection jdbc;
  private final SqlSettings settings;
  private final SqlHooks hooks;
  private final long connectionId;
  private boolean autocommit;
  private boolean open;
  private boolean autoCommitOff;

  /**
   * The isolation level set at the start of each transaction ({@code SET TRANSACTION ISOLATION
   * LEVEL}), when {@link SqlSettings#isolationPerTransaction()}; null for the session's.
   */
  private IsolationLevel transactionIsolation;

  /**
   * Creates the state of a fresh checkout, in the engine's auto-commit mode.
   *
   * @param hooks the engine's listeners, told of begin, commit, rollback and savepoints
   * @param connectionId the connection's number in its pool, for the listeners
   */
  public TransactionState(
      Connection jdbc, SqlSettings settings, SqlHooks hooks, long connectionId) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.hooks = hooks;
    this.connectionId = connectionId;
    this.autocommit = settings.autocommit();
  }

  /** Returns true while a transaction is open. */
  public boolean isOpen() {
    return open;
  }

  /** Returns true if statements commit on their own (isolation level AUTOCOMMIT). */
  public boolean autocommit() {
    return autocommit;
  }

  /** Turns auto-commit off (once per checkout) and marks a transaction open. */
  public void begin() {
    if (!open) {
      hooks.transaction(SqlHooks.TxKind.BEGIN, connectionId, null);
    }
    if (!autoCommitOff) {
      try {
        if (jdbc.getAutoCommit()) {
          jdbc.setAutoCommit(false);
        }
      } catch (SQLException e) {
        throw SqlErrors.operation("beginning a transaction", e, jdbc, settings);
      }
      autoCommitOff = true;
    }
    if (!open && transactionIsolation != null) {
      open = true; // the SET TRANSACTION below is the transaction's first statement
      setTransactionIsolation(transactionIsolation);
    }
    open = true;
  }

  /** Runs {@code SET TRANSACTION ISOLATION LEVEL} as the first statement of a transaction. */
  private void setTransactionIsolation(IsolationLevel level) {
    String sql = "SET TRANSACTION ISOLATION LEVEL " + level.name().replace('_', ' ');
    try (java.sql.Statement s = jdbc.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw SqlErrors.operation("setting isolation " + level + " (" + sql + ")", e, jdbc, settings);
    }
  }

  /** Commits the open transaction; the transaction stays open if the commit fails. */
  public void commit() {
    hooks.transaction(SqlHooks.TxKind.COMMIT, connectionId, null);
    try {
      jdbc.commit();
    } catch (SQLException e) {
      throw SqlErrors.operation("commit", e, jdbc, settings);
    }
    end();
  }

  /** Rolls back; the transaction is over either way. */
  public void rollback() throws SQLException {
    hooks.transaction(SqlHooks.TxKind.ROLLBACK, connectionId, null);
    try {
      jdbc.rollback();
    } finally {
      end();
    }
  }

  /**
   * Forgets the open transaction without a JDBC call: for a connection that was invalidated or
   * closed, whose transaction the database already ended (SQLAlchemy: rollback of an invalidated
   * connection's transaction is a no-op).
   */
  public void abandon() {
    open = false;
  }

  /**
   * Returns the {@link IsolationLevel} of a JDBC level ({@link
   * Connection#getTransactionIsolation}), or null for {@link Connection#TRANSACTION_NONE} and
   * levels JDBC does not define.
   */
  public static IsolationLevel levelOf(int jdbcLevel) {
    for (IsolationLevel l : IsolationLevel.values()) {
      if (l != IsolationLevel.AUTOCOMMIT && l.jdbcLevel() == jdbcLevel) {
        return l;
      }
    }
    return null;
  }

  /** Sets a savepoint. */
  public Savepoint savepoint() {
    Savepoint sp;
    try {
      sp = jdbc.setSavepoint();
    } catch (SQLException e) {
      throw SqlErrors.operation("setting a savepoint", e, jdbc, settings);
    }
    if (hooks.snapshot().length != 0) {
      hooks.transaction(SqlHooks.TxKind.SAVEPOINT, connectionId, nameOf(sp));
    }
    return sp;
  }

  /** The driver's name of a savepoint, or {@code #} and its number for an unnamed one. */
  static String nameOf(Savepoint sp) {
    try {
      return "#" + sp.getSavepointId();
    } catch (SQLException unnamed) {
      try {
        return sp.getSavepointName();
      } catch (SQLException e) {
        return String.valueOf(sp);
      }
    }
  }

  /** Releases a savepoint (keeping its work) or rolls back to it. */
  public void endSavepoint(Savepoint sp, boolean keep) {
    if (hooks.snapshot().length != 0) {
      hooks.transaction(
          keep ? SqlHooks.TxKind.RELEASE_SAVEPOINT : SqlHooks.TxKind.ROLLBACK_SAVEPOINT,
          connectionId,
          nameOf(sp));
    }
    try {
      if (keep) {
        jdbc.releaseSavepoint(sp);
      } else {
        jdbc.rollback(sp);
      }
    } catch (SQLFeatureNotSupportedException e) {
      // no RELEASE SAVEPOINT in this driver: the savepoint lives until the transaction ends
    } catch (SQLException e) {
      throw SqlErrors.operation(
          keep ? "releasing a savepoint" : "rolling back to a savepoint", e, jdbc, settings);
    }
  }

  /** Sets the isolation level; AUTOCOMMIT switches to auto-commit mode. */
  public void isolation(IsolationLevel level) {
    requireNone("change the isolation level");
    try {
      if (level == IsolationLevel.AUTOCOMMIT) {
        jdbc.setAutoCommit(true);
        autocommit = true;
        autoCommitOff = false;
        transactionIsolation = null;
      } else if (settings.isolationPerTransaction()) {
        transactionIsolation = level; // set by begin(), inside each transaction
        autocommit = false;
      } else {
        jdbc.setTransactionIsolation(level.jdbcLevel());
        autocommit = false;
      }
    } catch (SQLException e) {
      throw SqlErrors.operation("setting isolation " + level, e, jdbc, settings);
    }
  }

  /** Sets read-only. */
  public void readOnly(boolean readOnly) {
    requireNone("change read-only");
    try {
      jdbc.setReadOnly(readOnly);
    } catch (SQLException e) {
      throw SqlErrors.operation("setting read-only", e, jdbc, settings);
    }
  }

  private void end() {
    open = false;
    if (autocommit && autoCommitOff) {
      try {
        jdbc.setAutoCommit(true);
      } catch (SQLException e) {
        throw SqlErrors.operation("restoring auto-commit", e, jdbc, settings);
      }
      autoCommitOff = false;
    }
  }

  private void requireNone(String what) {
    if (open) {
      throw new IllegalStateException(
          "cannot "
              + what
              + " while a transaction is open: do it before the first statement, or after"
              + " commit() or rollback()");
    }
  }
}
