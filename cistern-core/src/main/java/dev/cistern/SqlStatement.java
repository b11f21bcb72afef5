package dev.cistern;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A statement being set up on a {@link SqlConnection}: bind parameters and choose options, then
 * {@link #execute()}. Made by {@link SqlConnection#sql(String)}; use it from one thread.
 *
 * <pre>{@code
 * long id = c.sql("insert into orders (customer) values (:customer)")
 *     .bind("customer", 7)
 *     .returningGeneratedKeys("id")
 *     .execute()
 *     .generatedKeys()
 *     .scalar(Long.class);
 * }</pre>
 */
public final class SqlStatement {
  private final SqlConnection connection;
  private final String sql;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private Duration timeout;
  private int fetchSize;
  private boolean generatedKeys;
  private String[] keyColumns;

  SqlStatement(SqlConnection connection, String sql) {
    this.connection = connection;
    this.sql = sql;
    this.timeout = connection.statementTimeout();
    this.fetchSize = connection.fetchSize();
  }

  /**
   * Binds {@code :name} to {@code value} ({@code null} is SQL NULL; a collection expands for {@code
   * IN (:name)}).
   *
   * @param name the parameter's name, without the colon
   * @param value the value to bind
   * @return this statement
   */
  public SqlStatement bind(String name, Object value) {
    Objects.requireNonNull(name, "name");
    params.put(name, value);
    return this;
  }

  /**
   * Binds every entry of {@code values}.
   *
   * @param values the values by parameter name
   * @return this statement
   */
  public SqlStatement bindAll(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    params.putAll(values);
    return this;
  }

  /**
   * Cancels the statement if it runs longer than {@code timeout} (whole seconds, rounded up).
   *
   * @param timeout the longest the statement may run
   * @return this statement
   */
  public SqlStatement timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Streams the result {@code rows} at a time instead of reading it into memory; read the result to
   * the end or close it. 0 reads it all (the default unless the connection says otherwise).
   *
   * @param rows the number of rows to fetch per round trip, or 0 for all at once
   * @return this statement
   */
  public SqlStatement fetchSize(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("fetchSize must be zero or positive, got " + rows);
    }
    this.fetchSize = rows;
    return this;
  }

  /**
   * Asks for the keys the database generated (identity or serial columns), available from {@link
   * Result#generatedKeys()}; name the key columns where the driver needs them (PostgreSQL returns
   * every column otherwise). On PostgreSQL and MariaDB, {@code INSERT ... RETURNING} is an
   * alternative that returns rows directly.
   *
   * @param columns the names of the key columns, or none to let the driver choose
   * @return this statement
   */
  public SqlStatement returningGeneratedKeys(String... columns) {
    this.generatedKeys = true;
    this.keyColumns = columns.clone();
    return this;
  }

  /**
   * Runs the statement and returns its result. See {@link SqlConnection#execute(String, Map)}.
   *
   * @return the statement's result
   */
  public Result execute() {
    return connection.run(sql, params, timeout, fetchSize, generatedKeys, keyColumns);
  }

  @Override
  public String toString() {
    return "SqlStatement(" + sql + ")";
  }
}
