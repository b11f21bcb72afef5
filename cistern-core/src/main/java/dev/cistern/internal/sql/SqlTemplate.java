package dev.cistern.internal.sql;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SQL text with {@code :name} parameters, parsed once; immutable (but for a cache of the columns
 * its result had last time) and thread-safe, so it can be cached.
 *
 * <p>A parameter is a colon followed by {@code [A-Za-z_][A-Za-z0-9_]*} outside quoted strings,
 * quoted identifiers and comments, as the {@link SqlSyntax} defines them. {@code ::} (a cast) and
 * {@code :=} (an assignment) are not parameters, nor is a colon before any other character; {@code
 * \:} outside quotes writes a literal colon ({@code x\:y} becomes {@code x:y}).
 *
 * <p>A {@code ?} in the SQL is left as it is, but mixing JDBC {@code ?} placeholders with named
 * parameters is not supported: {@link #parse} rejects SQL that has both. (On PostgreSQL {@code ??}
 * is pgjdbc's escape for the {@code ?} operator and does not count as a placeholder.)
 *
 * <p>Parsing is one linear pass over the text.
 */
public final class SqlTemplate {
  private final String sql;
  private final SqlSyntax syntax;
  private final String jdbcSql;
  private final List<String> names;
  private final Set<String> nameSet;
  private final List<String> occurrences;
  private final int[] positions;

  /** The {@code (} and {@code )} of the single VALUES tuple, or null if not such an insert. */
  private final int[] tuple;

  /** The bound form of SQL without parameters, made once; null if it has parameters. */
  private final BoundSql unbound;

  /**
   * The columns of the result this statement returned last, or null: a cache, so that running it
   * again does not rebuild them (see {@link ResultShape#of}). Racy on purpose: a shape is immutable
   * with final fields, so any thread may read a stale one or none, and then just makes it again.
   */
  private ResultShape lastShape;

  private SqlTemplate(String sql, SqlSyntax syntax, SqlLexer lexed) {
    this.sql = sql;
    this.syntax = syntax;
    this.jdbcSql = lexed.jdbcSql();
    this.occurrences = List.copyOf(lexed.occurrences());
    this.names = List.copyOf(new LinkedHashSet<>(occurrences));
    this.nameSet = Set.copyOf(names);
    this.positions = lexed.positions();
    this.tuple = InsertShape.find(lexed.mask(), positions, lexed.bareMarkers());
    this.unbound = occurrences.isEmpty() ? new BoundSql(jdbcSql, List.of()) : null;
  }

  /**
   * Parses {@code sql} under {@code syntax}.
   *
   * @throws IllegalArgumentException if the SQL has both JDBC {@code ?} placeholders and named
   *     parameters
   */
  public static SqlTemplate parse(String sql, SqlSyntax syntax) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(syntax, "syntax");
    SqlLexer lexed = SqlLexer.lex(sql, syntax);
    if (lexed.bareMarkers() > 0 && !lexed.occurrences().isEmpty()) {
      throw ParamErrors.mixed(sql, syntax);
    }
    return new SqlTemplate(sql, syntax, lexed);
  }

  /** Returns the SQL text as given. */
  public String sql() {
    return sql;
  }

  /** Returns the syntax the SQL was parsed under. */
  public SqlSyntax syntax() {
    return syntax;
  }

  /** Returns the distinct parameter names, in order of first appearance. */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the JDBC SQL: one {@code ?} per occurrence, no collection expansion. For {@code
   * executeMany} batches.
   */
  public String jdbcSql() {
    return jdbcSql;
  }

  /** Returns the parameter name of each {@code ?} of {@link #jdbcSql()}, in order. */
  public List<String> occurrences() {
    return occurrences;
  }

  /**
   * Binds values by name. A {@code null} value is SQL NULL; a name used twice gets its value twice.
   * A {@link Collection} or non-{@code byte[]} array value (primitive arrays too) expands into
   * {@code ?, ?, ?} with its elements as values, for {@code IN (:ids)}.
   *
   * @throws IllegalArgumentException naming a missing or unused parameter, or an empty collection
   *     (never quoting a value)
   */
  public BoundSql bind(Map<String, ?> params) {
    Objects.requireNonNull(params, "params");
    if (unbound != null && params.isEmpty()) {
      return unbound; // nothing to bind: the same immutable BoundSql every time
    }
    checkKeys(params, -1);
    List<Object> values = new ArrayList<>(occurrences.size());
    StringBuilder out = null;
    int copied = 0;
    for (int k = 0; k < positions.length; k++) {
      String name = occurrences.get(k);
      Object v = params.get(name);
      if (!isExpandable(v)) {
        values.add(v);
        continue;
      }
      int count = addElements(v, values);
      if (count == 0) {
        throw ParamErrors.emptyCollection(name, sql);
      }
      if (out == null) {
        out = new StringBuilder(jdbcSql.length() + 3 * count);
      }
      out.append(jdbcSql, copied, positions[k]).append('?');
      for (int e = 1; e < count; e++) {
        out.append(", ?");
      }
      copied = positions[k] + 1;
    }
    String bound = jdbcSql;
    if (out != null) {
      bound = out.append(jdbcSql, copied, jdbcSql.length()).toString();
    }
    return new BoundSql(bound, Collections.unmodifiableList(values));
  }

  /**
   * Returns true for {@code INSERT ... VALUES (one tuple)} that {@link #bindRows} can extend:
   * keywords in any case, after optional whitespace and comments, optionally followed by clauses
   * such as {@code RETURNING ...}, {@code ON CONFLICT ...} or {@code ON DUPLICATE KEY UPDATE ...}.
   * False for several tuples, {@code INSERT ... SELECT}, and when any parameter is outside the
   * tuple (for instance in a trailing clause).
   */
  public boolean isSingleRowInsert() {
    return tuple != null;
  }

  /**
   * Binds several parameter sets into one multi-row {@code INSERT ... VALUES (..), (..)}: one tuple
   * per map, values flattened in row order. Collection and array values (other than {@code byte[]})
   * are rejected, as they cannot expand here.
   *
   * @throws IllegalStateException if not {@link #isSingleRowInsert()}
   * @throws IllegalArgumentException naming a missing or unused parameter, and the row index; for
   *     no rows, a null row or a collection value (never quoting a value)
   */
  public BoundSql bindRows(List<? extends Map<String, ?>> rows) {
    if (tuple == null) {
      throw ParamErrors.notSingleRowInsert(sql);
    }
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("bindRows needs at least one row");
    }
    int open = tuple[0];
    int close = tuple[1];
    int size = rows.size();
    StringBuilder out = new StringBuilder(jdbcSql.length() + (close - open + 3) * (size - 1));
    out.append(jdbcSql, 0, close + 1);
    List<Object> values = new ArrayList<>(occurrences.size() * size);
    Iterator<? extends Map<String, ?>> it = rows.iterator();
    for (int r = 0; it.hasNext(); r++) {
      Map<String, ?> row = it.next();
      if (row == null) {
        throw ParamErrors.nullRow(r);
      }
      checkKeys(row, r);
      if (r > 0) {
        out.append(", ").append(jdbcSql, open, close + 1);
      }
      for (String name : occurrences) {
        Object v = row.get(name);
        if (isExpandable(v)) {
          throw ParamErrors.collectionInRows(name, sql, r);
        }
        values.add(v);
      }
    }
    out.append(jdbcSql, close + 1, jdbcSql.length());
    return new BoundSql(out.toString(), Collections.unmodifiableList(values));
  }

  /** Checks that the map has every parameter and nothing else; row is -1 for {@link #bind}. */
  private void checkKeys(Map<String, ?> params, int row) {
    for (String name : names) {
      if (!params.containsKey(name)) {
        throw ParamErrors.missing(name, sql, row, unusedKeys(params));
      }
    }
    if (params.size() != names.size()) {
      List<String> unused = unusedKeys(params);
      if (!unused.isEmpty()) {
        throw ParamErrors.unused(unused.get(0), sql, row, names);
      }
    }
  }

  private List<String> unusedKeys(Map<String, ?> params) {
    List<String> unused = new ArrayList<>();
    for (String key : params.keySet()) {
      if (key == null || !nameSet.contains(key)) {
        unused.add(key);
      }
    }
    return unused;
  }

  /** Returns true for a collection or an array other than {@code byte[]}. */
  private static boolean isExpandable(Object v) {
    return v instanceof Collection
        || (v != null && v.getClass().isArray() && !(v instanceof byte[]));
  }

  /** Adds the elements of a collection or array to {@code values}; returns how many. */
  private static int addElements(Object v, List<Object> values) {
    if (v instanceof Collection) {
      int before = values.size();
      values.addAll((Collection<?>) v);
      return values.size() - before;
    }
    int len = Array.getLength(v);
    for (int e = 0; e < len; e++) {
      values.add(Array.get(v, e));
    }
    return len;
  }

  /**
   * Returns the columns of {@code md}'s result, reusing the ones this statement returned last when
   * they are the same (see {@link ResultShape#of}).
   */
  public ResultShape shape(java.sql.ResultSetMetaData md) throws java.sql.SQLException {
    ResultShape last = lastShape;
    ResultShape shape = ResultShape.of(md, last);
    if (shape != last) {
      lastShape = shape; // only on a change: threads running the same SQL share no written line
    }
    return shape;
  }

  /** Returns the SQL text as given. */
  @Override
  public String toString() {
    return sql;
  }
}
