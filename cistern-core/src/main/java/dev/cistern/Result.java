package dev.cistern;

import dev.cistern.internal.sql.Cursor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The outcome of one statement: its rows (read once), its update count and generated keys. CONTRACT
 * SKELETON: completed on the results branch.
 */
public final class Result implements AutoCloseable, Iterable<Row> {
  private final Cursor cursor;
  private final long rowCount;
  private final Result generatedKeys;
  private final String sql;

  /**
   * Called by SqlConnection.
   *
   * @param cursor the rows (an empty cursor for an update)
   * @param rowCount the update count, or -1 for a query
   * @param generatedKeys generated keys, or null if none were asked for
   * @param sql the statement text, for error messages
   */
  Result(Cursor cursor, long rowCount, Result generatedKeys, String sql) {
    this.cursor = cursor;
    this.rowCount = rowCount;
    this.generatedKeys = generatedKeys;
    this.sql = sql;
  }

  public List<Row> all() {
    throw new UnsupportedOperationException();
  }

  public Row one() {
    throw new UnsupportedOperationException();
  }

  public Row oneOrNull() {
    throw new UnsupportedOperationException();
  }

  public Row first() {
    throw new UnsupportedOperationException();
  }

  public Object scalar() {
    throw new UnsupportedOperationException();
  }

  public <T> T scalar(Class<T> type) {
    throw new UnsupportedOperationException();
  }

  public List<Object> scalars() {
    throw new UnsupportedOperationException();
  }

  public <T> List<T> scalars(Class<T> type) {
    throw new UnsupportedOperationException();
  }

  public List<Map<String, Object>> mappings() {
    throw new UnsupportedOperationException();
  }

  public Stream<Row> stream() {
    throw new UnsupportedOperationException();
  }

  public Stream<List<Row>> partitions(int size) {
    throw new UnsupportedOperationException();
  }

  public long rowCount() {
    return rowCount;
  }

  public List<String> keys() {
    return cursor.keys();
  }

  public Result generatedKeys() {
    throw new UnsupportedOperationException();
  }

  @Override
  public java.util.Iterator<Row> iterator() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {
    cursor.close();
  }
}
