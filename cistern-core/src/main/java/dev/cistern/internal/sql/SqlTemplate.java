package dev.cistern.internal.sql;

import java.util.List;
import java.util.Map;

/**
 * SQL text with {@code :name} parameters, parsed once; immutable and thread-safe, so it can be
 * cached. CONTRACT SKELETON: implemented on the params branch.
 */
public final class SqlTemplate {
  private SqlTemplate() {}

  /** Parses {@code sql} under {@code syntax}. */
  public static SqlTemplate parse(String sql, SqlSyntax syntax) {
    throw new UnsupportedOperationException("todo");
  }

  /** Returns the SQL text as given. */
  public String sql() {
    throw new UnsupportedOperationException("todo");
  }

  /** Returns the distinct parameter names, in order of first appearance. */
  public List<String> names() {
    throw new UnsupportedOperationException("todo");
  }

  /**
   * Returns the JDBC SQL: one {@code ?} per occurrence, no collection expansion. For {@code
   * executeMany} batches.
   */
  public String jdbcSql() {
    throw new UnsupportedOperationException("todo");
  }

  /** Returns the parameter name of each {@code ?} of {@link #jdbcSql()}, in order. */
  public List<String> occurrences() {
    throw new UnsupportedOperationException("todo");
  }

  /**
   * Binds values by name. A collection or non-byte array value expands into {@code ?, ?, ?}.
   *
   * @throws IllegalArgumentException naming a missing or unused parameter (never quoting a value)
   */
  public BoundSql bind(Map<String, ?> params) {
    throw new UnsupportedOperationException("todo");
  }

  /** Returns true for {@code INSERT ... VALUES (one tuple)} that {@link #bindRows} can extend. */
  public boolean isSingleRowInsert() {
    throw new UnsupportedOperationException("todo");
  }

  /**
   * Binds several parameter sets into one multi-row {@code INSERT ... VALUES (..), (..)}.
   *
   * @throws IllegalStateException if not {@link #isSingleRowInsert()}
   * @throws IllegalArgumentException naming a missing or unused parameter, and the row index
   */
  public BoundSql bindRows(List<? extends Map<String, ?>> rows) {
    throw new UnsupportedOperationException("todo");
  }
}
