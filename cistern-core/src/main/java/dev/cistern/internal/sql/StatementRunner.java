package dev.cistern.internal.sql;

import dev.cistern.StatementException;
import dev.cistern.internal.util.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

  /** Creates a runner for one engine's settings. */
  public StatementRunner(SqlSettings settings) {
    this(settings, LoggerFactory.getLogger(LOGGER));
  }

  /** Creates a runner that logs to {@code log} (tests pass a recorder). */
  public StatementRunner(SqlSettings settings, Logger log) {
    this.log = log;
    this.settings = settings;
    this.templates = new SqlSettings.Templates(settings.syntax());
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
   * What one statement produced.
   *
   * @param cursor its rows (empty for an update)
   * @param rowCount the update count, or -1 for a query
   * @param keys the generated keys, or null if not asked for
   */
  public record Outcome(Cursor cursor, long rowCount, Cursor keys) {}

  /** Returns the parsed form of {@code sql}, from the cache when it was seen before. */
  public SqlTemplate template(String sql) {
    return templates.get(sql);
  }

  /**
   * Runs one statement.
   *
   * @throws StatementException if the database refused it
   * @throws IllegalArgumentException if a parameter is missing or unused
   */
  public Outcome execute(
      Connection c, String sql, Map<String, ?> params, Call call, boolean inTransaction) {
    SqlTemplate t = templates.get(sql);
    BoundSql b =
        params.isEmpty() && t.names().isEmpty()
            ? new BoundSql(t.jdbcSql(), List.of())
            : t.bind(params);
    boolean logging = settings.echo() || log.isDebugEnabled();
    long start = logging ? System.nanoTime() : 0;
    Function<SQLException, RuntimeException> errors =
        e -> SqlErrors.translate(e, c, sql, params, settings, inTransaction);
    PreparedStatement ps = null;
    try {
      ps = prepare(c, b.sql(), call);
      Binder.bindAll(ps, b.values(), settings);
      Outcome out;
      if (ps.execute()) {
        ResultSet rs = ps.getResultSet();
        Cursor cursor = new ResultSetCursor(ps, rs, true, errors, () -> {});
        boolean streaming = call.fetchSize() > 0;
        out = new Outcome(streaming ? cursor : Cursors.buffer(cursor), -1, null);
        if (logging) {
          echo(sql, params, start, streaming ? "streaming" : "read");
        }
      } else {
        long count = ps.getUpdateCount();
        Cursor keys = null;
        if (call.generatedKeys()) {
          keys =
              Cursors.buffer(
                  new ResultSetCursor(ps, ps.getGeneratedKeys(), false, errors, () -> {}));
        }
        ps.close();
        out = new Outcome(Cursors.empty(), count, keys);
        if (logging) {
          echo(sql, params, start, count + " rows affected");
        }
      }
      return out;
    } catch (SQLException e) {
      closeQuietly(ps, e);
      throw errors.apply(e);
    } catch (RuntimeException e) {
      closeQuietly(ps, e);
      throw e;
    }
  }

  /**
   * Runs one statement once per parameter set, as a multi-row INSERT where the statement and
   * dialect allow it, else as JDBC batches; {@code batchSize} rows at a time. Returns one count per
   * parameter set ({@link Statement#SUCCESS_NO_INFO} where the driver or a multi-row INSERT can't
   * tell rows apart).
   */
  public long[] executeMany(
      Connection c, String sql, List<? extends Map<String, ?>> rows, Call call, boolean inTx) {
    SqlTemplate t = templates.get(sql);
    long[] counts = new long[rows.size()];
    if (rows.isEmpty()) {
      return counts;
    }
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
    try {
      if (multi) {
        while (done < rows.size()) {
          List<? extends Map<String, ?>> part =
              rows.subList(done, Math.min(rows.size(), done + chunk));
          current = part.get(0);
          BoundSql b = t.bindRows(part);
          try (PreparedStatement ps = prepare(c, b.sql(), call)) {
            Binder.bindAll(ps, b.values(), settings);
            int n = ps.executeUpdate();
            Arrays.fill(
                counts, done, done + part.size(), n == part.size() ? 1 : Statement.SUCCESS_NO_INFO);
          }
          done += part.size();
        }
      } else {
        try (PreparedStatement ps = prepare(c, t.jdbcSql(), call)) {
          int inBatch = 0;
          int batchStart = 0;
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
            if (++inBatch == chunk || i == rows.size() - 1) {
              int[] n = ps.executeBatch();
              for (int k = 0; k < n.length && batchStart + k < counts.length; k++) {
                counts[batchStart + k] = n[k];
              }
              batchStart = i + 1;
              inBatch = 0;
            }
          }
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, c, sql, current, settings, inTx);
    }
    if (logging) {
      echo(sql, Map.of(), start, rows.size() + " parameter sets" + (multi ? " (multi-row)" : ""));
    }
    return counts;
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
      if (!call.timeout().isZero() && !call.timeout().isNegative()) {
        ps.setQueryTimeout(Durations.toQueryTimeoutSeconds(call.timeout()));
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
