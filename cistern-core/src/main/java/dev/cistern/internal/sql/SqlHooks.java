package dev.cistern.internal.sql;

import dev.cistern.SqlListener;
import dev.cistern.SqlListener.ErrorContext;
import dev.cistern.SqlListener.ExecuteEvent;
import dev.cistern.SqlListener.ExecuteResult;
import dev.cistern.SqlListener.TransactionEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's {@link SqlListener}s and their dispatch: shared by its statement runner, the
 * transactions of its connections and its connection proxies (for {@code handleError}).
 *
 * <p>The listeners are a copy-on-write array in one volatile field: a caller reads it once ({@link
 * #snapshot()}) and, when it is empty, does nothing else, so a statement without listeners pays one
 * volatile read and no allocation. An add or remove is seen by every event that starts after it
 * returned, on connections borrowed before as well; a statement in flight ends with the listeners
 * it began with. Every listener call is guarded: what it throws is logged to {@code
 * dev.cistern.sql} and ignored.
 */
public final class SqlHooks {
  private static final SqlListener[] NONE = {};
  private static final Logger log = LoggerFactory.getLogger(StatementRunner.LOGGER);

  private final String engineName;
  private final boolean hideParameters;
  private volatile SqlListener[] listeners = NONE;

  /** What a transaction event is. */
  public enum TxKind {
    /** {@link SqlListener#begin}. */
    BEGIN,
    /** {@link SqlListener#commit}. */
    COMMIT,
    /** {@link SqlListener#rollback}. */
    ROLLBACK,
    /** {@link SqlListener#savepoint}. */
    SAVEPOINT,
    /** {@link SqlListener#rollbackSavepoint}. */
    ROLLBACK_SAVEPOINT,
    /** {@link SqlListener#releaseSavepoint}. */
    RELEASE_SAVEPOINT
  }

  /**
   * Creates an engine's hooks, without listeners.
   *
   * @param engineName the engine's name, for the events
   * @param hideParameters the engine's {@code hideParameters}: events then carry no values
   */
  public SqlHooks(String engineName, boolean hideParameters) {
    this.engineName = Objects.requireNonNull(engineName, "engineName");
    this.hideParameters = hideParameters;
  }

  /** Adds a listener; it sees every event that starts after this returns. */
  public synchronized void add(SqlListener l) {
    Objects.requireNonNull(l, "listener");
    SqlListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
    next[next.length - 1] = l;
    listeners = next;
  }

  /**
   * Removes a listener (the last one added, if it was added twice); returns false if it was not
   * registered.
   */
  public synchronized boolean remove(SqlListener l) {
    SqlListener[] now = listeners;
    for (int i = now.length - 1; i >= 0; i--) {
      if (now[i] == l) {
        SqlListener[] next = new SqlListener[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        listeners = next.length == 0 ? NONE : next;
        return true;
      }
    }
    return false;
  }

  /** Returns the listeners now registered (one volatile read); never modify the array. */
  public SqlListener[] snapshot() {
    return listeners;
  }

  /** Returns the engine's name. */
  public String engineName() {
    return engineName;
  }

  // ---- statements ----

  /** Makes the event of one statement with its values (copied, unless parameters are hidden). */
  ExecuteEvent statement(long connectionId, String sql, List<Object> values, boolean batch) {
    List<List<Object>> sets =
        hideParameters || values.isEmpty() ? List.of() : List.of(copy(values));
    return new ExecuteEvent(engineName, connectionId, sql, sets, hideParameters, batch);
  }

  /** Makes the event of one JDBC batch: one parameter set per row. */
  ExecuteEvent batch(long connectionId, String sql, List<List<Object>> sets) {
    List<List<Object>> given = hideParameters ? List.of() : Collections.unmodifiableList(sets);
    return new ExecuteEvent(engineName, connectionId, sql, given, hideParameters, true);
  }

  /** Returns whether events carry the bound values (false with {@code hideParameters}). */
  boolean showsParameters() {
    return !hideParameters;
  }

  /** Copies bound values (which may hold nulls) into an unmodifiable list. */
  static List<Object> copy(List<Object> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** Fires {@link SqlListener#beforeExecute} on {@code ls}. */
  static void beforeExecute(SqlListener[] ls, ExecuteEvent e) {
    for (SqlListener l : ls) {
      try {
        l.beforeExecute(e);
      } catch (RuntimeException ex) {
        failed("beforeExecute", l, e, ex);
      }
    }
  }

  /** Fires {@link SqlListener#afterExecute} on {@code ls}, measuring from {@code startNanos}. */
  static void afterExecute(
      SqlListener[] ls, ExecuteEvent e, long startNanos, long rows, RuntimeException error) {
    ExecuteResult r =
        new ExecuteResult(
            Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)),
            error != null ? -1 : rows,
            error);
    for (SqlListener l : ls) {
      try {
        l.afterExecute(e, r);
      } catch (RuntimeException ex) {
        failed("afterExecute", l, e, ex);
      }
    }
  }

  // ---- transactions ----

  /**
   * Fires a transaction event, if anyone listens.
   *
   * @param savepoint the savepoint's name for the savepoint events, else null
   */
  public void transaction(TxKind kind, long connectionId, String savepoint) {
    SqlListener[] ls = listeners;
    if (ls.length == 0) {
      return;
    }
    TransactionEvent e = new TransactionEvent(engineName, connectionId);
    for (SqlListener l : ls) {
      try {
        switch (kind) {
          case BEGIN -> l.begin(e);
          case COMMIT -> l.commit(e);
          case ROLLBACK -> l.rollback(e);
          case SAVEPOINT -> l.savepoint(e, savepoint);
          case ROLLBACK_SAVEPOINT -> l.rollbackSavepoint(e, savepoint);
          case RELEASE_SAVEPOINT -> l.releaseSavepoint(e, savepoint);
        }
      } catch (RuntimeException ex) {
        failed(kind.name().toLowerCase(java.util.Locale.ROOT), l, e, ex);
      }
    }
  }

  // ---- errors ----

  /**
   * Shows a driver error to the listeners; returns their verdict, or null when nobody listens (the
   * caller then keeps the dialect's classification and the default pool invalidation).
   *
   * @param sql the failed statement's SQL, or null if not known
   * @param disconnect the dialect's classification
   */
  public ErrorContext handleError(
      long connectionId, SQLException error, String sql, boolean disconnect) {
    SqlListener[] ls = listeners;
    if (ls.length == 0) {
      return null;
    }
    ErrorContext ctx = new ErrorContext(engineName, connectionId, error, sql, disconnect);
    for (SqlListener l : ls) {
      try {
        l.handleError(ctx);
      } catch (RuntimeException ex) {
        failed(
            "handleError",
            l,
            "SQLState " + error.getSQLState() + " on connection #" + connectionId, // no values
            ex);
      }
    }
    return ctx;
  }

  private static void failed(String event, SqlListener l, Object what, RuntimeException ex) {
    log.warn("SqlListener {} failed in {} of {}; ignored", l, event, what, ex);
  }

  @Override
  public String toString() {
    return "SqlHooks[" + engineName + ", " + listeners.length + " listeners]";
  }
}
