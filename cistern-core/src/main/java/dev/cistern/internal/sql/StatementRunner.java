package dev.cistern.internal.sql;

import dev.cistern.SqlListener;
import dev.cistern.SqlListener.ExecuteEvent;
import dev.cistern.StatementException;
import dev.cistern.internal.util.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements for one engine: parses (and caches) the SQL, binds the parameters, executes,
 * reads or streams the rows, logs when asked and translates errors. Thread-safe; holds no
 * connection.
 */
public final class StatementRunner {
  /** The logger every statement goes to: INFO with {@code echo}, else DEBUG. */
  public static final String LOGGER = "dev.cistern.sql";

  private final Logger log;
  private final SqlSettings settings;
  private final SqlSettings.Templates templates;
  private final SqlHooks hooks;

  /** The {@link Call} of a statement run with the engine's defaults; see {@link #call}. */
  private final Call defaultCall;

  /** The query timeout of {@link #defaultCall}, worked out once. */
  private final int defaultTimeoutSeconds;

  /** Creates a runner for one engine's settings. */
  public StatementRunner(SqlSettings settings) {
    this(settings, LoggerFactory.getLogger(LOGGER));
  }

  /** Creates a runner that logs to {@code log} (tests pass a recorder). */
  public StatementRunner(SqlSettings settings, Logger log) {
    this.log = log;
    this.settings = settings;
    this.templates = new SqlSettings.Templates(settings.syntax());
    this.hooks = new SqlHooks(settings.engineName(), settings.hideParameters());
    this.defaultCall = new Call(settings.statementTimeout(), settings.fetchSize(), false, null);
    this.defaultTimeoutSeconds = timeoutSeconds(settings.statementTimeout());
  }

  /** Returns the engine's {@link SqlListener}s, shared by its connections. */
  public SqlHooks hooks() {
    return hooks;
  }

  /** Returns the engine's SQL settings. */
  public SqlSettings settings() {
    return settings;
  }

  /**
   * Per-statement choices.
   *
   * @param timeout cancel after this long; zero for none
   * @param fetchSize above zero: rows per round trip, and the result streams
   * @param generatedKeys whether to ask the driver for generated keys
   * @param keyColumns the key columns to return, or null for the driver's choice
   */
  public record Call(Duration timeout, int fetchSize, boolean generatedKeys, String[] keyColumns) {}

  /**
   * What one statement produced. CONTRACT: a buffered query's cursor is its own outcome (so that a
   * query costs no extra object), see {@link Cursors#read}; {@link Cursors#outcome} makes the rest.
   */
  public interface Outcome {
    /** Returns its rows (empty for an update). */
    Cursor cursor();

    /** Returns the update count, or -1 for a query. */
    long rowCount();

    /** Returns the generated keys, or null if they were not asked for. */
    Cursor generatedKeys();
  }

  /**
   * Returns the choices for one statement: a shared instance for the engine's defaults (what a
   * plain {@code execute} runs with), else a new one.
   */
  public Call call(Duration timeout, int fetchSize, boolean generatedKeys, String[] keyColumns) {
    Call d = defaultCall;
    if (!generatedKeys
        && keyColumns == null
        && fetchSize == d.fetchSize()
        && (timeout == d.timeout() || timeout.equals(d.timeout()))) {
      return d;
    }
    return new Call(timeout, fetchSize, generatedKeys, keyColumns);
  }

  /** Returns the parsed form of {@code sql}, from the cache when it was seen before. */
  public SqlTemplate template(String sql) {
    return templates.get(sql);
  }

  /**
   * Runs one statement. The engine's {@link SqlListener}s, if any, hear of it before and after
   * (also after a failure).
   *
   * @param connectionId the connection's number in its pool, for the listeners
   * @throws StatementException if the database refused it
   * @throws IllegalArgumentException if a parameter is missing or unused
   */
  public Outcome execute(
      Connection c,
      long connectionId,
      String sql,
      Map<String, ?> params,
      Call call,
      boolean inTransaction) {
    SqlTemplate t = templates.get(sql);
    BoundSql b = t.bind(params); // without parameters, the template's one BoundSql
    SqlListener[] ls = hooks.snapshot(); // the one volatile read the listeners cost without any
    if (ls.length == 0) {
      return run(c, sql, params, t, b, call, inTransaction);
    }
    ExecuteEvent e = hooks.statement(connectionId, b.sql(), b.values(), false);
    SqlHooks.beforeExecute(ls, e);
    long start = System.nanoTime();
    Outcome out;
    try {
      out = run(c, sql, params, t, b, call, inTransaction);
    } catch (RuntimeException ex) {
      SqlHooks.afterExecute(ls, e, start, -1, ex);
      throw ex;
    }
    long rows = out.rowCount() >= 0 ? out.rowCount() : Cursors.bufferedRows(out.cursor());
    SqlHooks.afterExecute(ls, e, start, rows, null);
    return out;
  }

  /**
   * Prepares, binds, executes and reads. A buffered result (no fetch size) is read straight into
   * rows with the columns the template remembers ({@link SqlTemplate#shape}); the statement and
   * result set are closed before this returns. Only a streaming result or generated keys make a
   * {@link ResultSetCursor} and its error translator.
   */
  private Outcome run(
      Connection c,
      String sql,
      Map<String, ?> params,
      SqlTemplate t,
      BoundSql b,
      Call call,
      boolean inTransaction) {
    boolean logging = settings.echo() || log.isDebugEnabled();
    long start = logging ? System.nanoTime() : 0;
    PreparedStatement ps = null;
    try {
      ps = prepare(c, b.sql(), call);
      Binder.bindAll(ps, b.values(), settings);
      Outcome out;
      if (ps.execute()) {
        // Cistern's proxy hands its result set over without keeping it (getResultSet keeps it)
        ResultSet rs =
            ps instanceof ResultSetHandover h ? h.handOverResultSet() : ps.getResultSet();
        if (call.fetchSize() > 0) {
          Cursor cursor =
              new ResultSetCursor(ps, rs, true, errors(c, sql, params, inTransaction), () -> {});
          out = Cursors.outcome(cursor, -1, null);
        } else {
          out = Cursors.read(rs, t.shape(rs.getMetaData()));
          ps.close(); // closes the result set too (JDBC's Statement.close), and its proxy sees it
        }
        if (logging) {
          echo(sql, params, start, call.fetchSize() > 0 ? "streaming" : "read");
        }
      } else {
        long count = ps.getUpdateCount();
        Cursor keys = null;
        if (call.generatedKeys()) {
          keys =
              Cursors.buffer(
                  new ResultSetCursor(
                      ps,
                      ps.getGeneratedKeys(),
                      false,
                      errors(c, sql, params, inTransaction),
                      () -> {}));
        }
        ps.close();
        out = Cursors.outcome(Cursors.empty(), count, keys);
        if (logging) {
          echo(sql, params, start, count + " rows affected");
        }
      }
      return out;
    } catch (SQLException e) {
      closeQuietly(ps, e);
      throw SqlErrors.translate(e, c, sql, params, settings, inTransaction);
    } catch (RuntimeException e) {
      closeQuietly(ps, e);
      throw e;
    }
  }

  /**
   * Runs one statement once per parameter set, as a multi-row INSERT where the statement and
   * dialect allow it, else as JDBC batches; {@code batchSize} rows at a time. Returns one count per
   * parameter set ({@link Statement#SUCCESS_NO_INFO} where the driver or a multi-row INSERT can't
   * tell rows apart). The listeners hear of each round trip (a JDBC batch or a multi-row INSERT).
   *
   * @param connectionId the connection's number in its pool, for the listeners
   */
  public long[] executeMany(
      Connection c,
      long connectionId,
      String sql,
      List<? extends Map<String, ?>> rows,
      Call call,
      boolean inTx) {
    SqlTemplate t = templates.get(sql);
    long[] counts = new long[rows.size()];
    if (rows.isEmpty()) {
      return counts;
    }
    SqlListener[] ls = hooks.snapshot();
    boolean observed = ls.length != 0;
    boolean logging = settings.echo() || log.isDebugEnabled();
    long start = logging ? System.nanoTime() : 0;
    int width = Math.max(1, t.occurrences().size());
    boolean multi = settings.multiRowInsert() && t.isSingleRowInsert() && !call.generatedKeys();
    int chunk = Math.max(1, settings.batchSize());
    if (multi) {
      chunk = Math.max(1, Math.min(chunk, settings.maxBindParameters() / width));
    }
    int done = 0;
    Map<String, ?> current = Map.of();
    ExecuteEvent pending = null; // the round trip the listeners were told of, until it ends
    long pendingStart = 0;
    try {
      if (multi) {
        while (done < rows.size()) {
          List<? extends Map<String, ?>> part =
              rows.subList(done, Math.min(rows.size(), done + chunk));
          current = part.get(0);
          BoundSql b = t.bindRows(part);
          if (observed) {
            pending = hooks.statement(connectionId, b.sql(), b.values(), true);
            SqlHooks.beforeExecute(ls, pending);
            pendingStart = System.nanoTime();
          }
          int n;
          try (PreparedStatement ps = prepare(c, b.sql(), call)) {
            Binder.bindAll(ps, b.values(), settings);
            n = ps.executeUpdate();
            Arrays.fill(
                counts, done, done + part.size(), n == part.size() ? 1 : Statement.SUCCESS_NO_INFO);
          }
          if (observed) {
            SqlHooks.afterExecute(ls, pending, pendingStart, n, null);
            pending = null;
          }
          done += part.size();
        }
      } else {
        try (PreparedStatement ps = prepare(c, t.jdbcSql(), call)) {
          int inBatch = 0;
          int batchStart = 0;
          List<List<Object>> sets = observed && hooks.showsParameters() ? new ArrayList<>() : null;
          for (int i = 0; i < rows.size(); i++) {
            current = rows.get(i);
            BoundSql b = t.bind(current);
            if (!b.sql().equals(t.jdbcSql())) {
              throw new IllegalArgumentException(
                  "parameter set "
                      + i
                      + " has a collection value: executeMany can't expand IN lists; run"
                      + " execute() per set instead");
            }
            Binder.bindAll(ps, b.values(), settings);
            ps.addBatch();
            if (sets != null) {
              sets.add(SqlHooks.copy(b.values()));
            }
            if (++inBatch == chunk || i == rows.size() - 1) {
              if (observed) {
                pending = hooks.batch(connectionId, t.jdbcSql(), sets == null ? List.of() : sets);
                SqlHooks.beforeExecute(ls, pending);
                pendingStart = System.nanoTime();
              }
              int[] n = ps.executeBatch();
              long total = 0;
              for (int k = 0; k < n.length && batchStart + k < counts.length; k++) {
                counts[batchStart + k] = n[k];
                total = total < 0 || n[k] < 0 ? -1 : total + n[k];
              }
              if (observed) {
                SqlHooks.afterExecute(ls, pending, pendingStart, total, null);
                pending = null;
                sets = sets == null ? null : new ArrayList<>();
              }
              batchStart = i + 1;
              inBatch = 0;
            }
          }
        }
      }
    } catch (SQLException e) {
      RuntimeException out = SqlErrors.translate(e, c, sql, current, settings, inTx);
      if (pending != null) {
        SqlHooks.afterExecute(ls, pending, pendingStart, -1, out);
      }
      throw out;
    } catch (RuntimeException e) {
      if (pending != null) {
        SqlHooks.afterExecute(ls, pending, pendingStart, -1, e);
      }
      throw e;
    }
    if (logging) {
      echo(sql, Map.of(), start, rows.size() + " parameter sets" + (multi ? " (multi-row)" : ""));
    }
    return counts;
  }

  /** The JDBC query timeout for {@code timeout}: 0 (none) for zero or negative. */
  private static int timeoutSeconds(Duration timeout) {
    return timeout.isZero() || timeout.isNegative() ? 0 : Durations.toQueryTimeoutSeconds(timeout);
  }

  /** The translator of a cursor's JDBC errors: {@link SqlErrors#translate} for this statement. */
  private Function<SQLException, RuntimeException> errors(
      Connection c, String sql, Map<String, ?> params, boolean inTransaction) {
    return e -> SqlErrors.translate(e, c, sql, params, settings, inTransaction);
  }

  private PreparedStatement prepare(Connection c, String jdbcSql, Call call) throws SQLException {
    PreparedStatement ps;
    if (!call.generatedKeys()) {
      ps = c.prepareStatement(jdbcSql);
    } else if (call.keyColumns() != null && call.keyColumns().length > 0) {
      ps = c.prepareStatement(jdbcSql, call.keyColumns());
    } else {
      ps = c.prepareStatement(jdbcSql, Statement.RETURN_GENERATED_KEYS);
    }
    try {
      int seconds = call == defaultCall ? defaultTimeoutSeconds : timeoutSeconds(call.timeout());
      if (seconds > 0) {
        ps.setQueryTimeout(seconds);
      }
      if (call.fetchSize() > 0) {
        ps.setFetchSize(call.fetchSize());
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(ps, e);
      throw e;
    }
  }

  private void echo(String sql, Map<String, ?> params, long start, String what) {
    double ms = (System.nanoTime() - start) / 1e6;
    String text =
        String.format(
            "[%s] %s%s — %.3f ms, %s",
            settings.engineName(),
            ParameterText.sql(sql),
            params.isEmpty() ? "" : " " + ParameterText.of(params, settings.hideParameters()),
            ms,
            what);
    if (settings.echo()) {
      log.info(text);
    } else {
      log.debug(text);
    }
  }

  private static void closeQuietly(AutoCloseable c, Throwable primary) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        primary.addSuppressed(e);
      }
    }
  }
}
