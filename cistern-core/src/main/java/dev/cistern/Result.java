package dev.cistern;

import dev.cistern.internal.sql.Cursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The outcome of one statement: its rows, its update count and its generated keys.
 *
 * <p>The rows can be read <b>once</b>, by exactly one of {@link #all()}, {@link #one()}, {@link
 * #oneOrNull()}, {@link #first()}, {@link #scalar()}, {@link #scalars()}, {@link #mappings()},
 * {@link #stream()}, {@link #partitions(int)} or {@link #iterator()} (and their typed variants); a
 * second such call throws {@link IllegalStateException}. Keep the list from {@link #all()} if you
 * need the rows again.
 *
 * <p>The methods that return everything at once ({@code all}, {@code one}, {@code first}, ...)
 * close the underlying result set before they return. The lazy ones ({@code stream}, {@code
 * partitions}, {@code iterator}) close it when the last row has been read, or when the stream or
 * this result is closed: use try-with-resources when you may stop early.
 *
 * <p>A statement without rows (an update) has no keys and reads as empty: {@code all()} returns an
 * empty list, {@code first()} and {@code scalar()} return null.
 *
 * <p>Not thread-safe.
 */
public final class Result implements AutoCloseable, Iterable<Row> {
  private static final int MAX_SQL_IN_MESSAGE = 200;

  private final Cursor cursor;
  private final long rowCount;
  private final Result generatedKeys;
  private final String sql;
  private boolean consumed;
  private boolean closed;

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

  private void consume() {
    if (consumed) {
      throw new IllegalStateException(
          "this result was already read; a Result can be read once — keep the list from all()");
    }
    if (closed) {
      throw new IllegalStateException("this result was closed before its rows were read");
    }
    consumed = true;
  }

  /**
   * Returns all rows (unmodifiable; empty for an update) and closes the result set.
   *
   * @return the rows, unmodifiable
   */
  public List<Row> all() {
    consume();
    try {
      List<Row> rows = new ArrayList<>();
      for (Row r = cursor.next(); r != null; r = cursor.next()) {
        rows.add(r);
      }
      return Collections.unmodifiableList(rows);
    } finally {
      cursor.close();
    }
  }

  /**
   * Returns the only row.
   *
   * @return the row
   * @throws NoResultException if there is no row
   * @throws MultipleResultsException if there is more than one
   */
  public Row one() {
    Row row = oneOrNull();
    if (row == null) {
      throw new NoResultException("expected exactly one row but got none from: " + sqlText());
    }
    return row;
  }

  /**
   * Returns the only row, or null if there is none.
   *
   * @return the row, or null
   * @throws MultipleResultsException if there is more than one row
   */
  public Row oneOrNull() {
    consume();
    try {
      Row row = cursor.next();
      if (row != null && cursor.next() != null) {
        throw new MultipleResultsException(
            "expected at most one row but got more from: " + sqlText());
      }
      return row;
    } finally {
      cursor.close();
    }
  }

  /**
   * Returns the first row, or null if there is none, and closes the result set.
   *
   * @return the first row, or null
   */
  public Row first() {
    consume();
    try {
      return cursor.next();
    } finally {
      cursor.close();
    }
  }

  /**
   * Returns the first column of the first row, or null if there is no row (or it is NULL).
   *
   * @return the value, or null
   */
  public Object scalar() {
    Row row = first();
    return row == null ? null : row.get(0);
  }

  /**
   * Returns the first column of the first row converted as by {@link Row#get(int, Class)}, or null.
   *
   * @param <T> the type to convert to
   * @param type the class to convert the value to
   * @return the converted value, or null
   */
  public <T> T scalar(Class<T> type) {
    Row row = first();
    return row == null ? null : row.get(0, type);
  }

  /**
   * Returns the first column of every row (unmodifiable, may contain nulls).
   *
   * @return the first column's values, one per row
   */
  public List<Object> scalars() {
    return scalars(Object.class);
  }

  /**
   * Returns the first column of every row, converted as by {@link Row#get(int, Class)}.
   *
   * @param <T> the type to convert to
   * @param type the class to convert each value to
   * @return the converted values, one per row
   */
  public <T> List<T> scalars(Class<T> type) {
    List<T> values = new ArrayList<>();
    for (Row r : all()) {
      values.add(r.get(0, type));
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * Returns every row as an ordered map from column label to value (see {@link Row#asMap()}).
   *
   * @return one map per row
   */
  public List<Map<String, Object>> mappings() {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Row r : all()) {
      maps.add(r.asMap());
    }
    return Collections.unmodifiableList(maps);
  }

  /**
   * Returns the rows as a lazy stream, read from the database as the stream is consumed. Reading
   * the last row or closing the stream closes the result set; close the stream (try-with-resources)
   * when it may not be read to the end.
   *
   * @return the rows as a stream
   */
  public Stream<Row> stream() {
    Iterator<Row> rows = iterator();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(cursor::close);
  }

  /**
   * Returns the rows in lists of {@code size} (the last one possibly shorter), lazily, with the
   * same closing rules as {@link #stream()}.
   *
   * @param size the number of rows per list, positive
   * @return the rows as a stream of lists
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public Stream<List<Row>> partitions(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("partition size must be positive, not " + size);
    }
    Iterator<Row> rows = iterator();
    Iterator<List<Row>> chunks =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public List<Row> next() {
            if (!rows.hasNext()) {
              throw new NoSuchElementException();
            }
            List<Row> chunk = new ArrayList<>(Math.min(size, 1024));
            while (chunk.size() < size && rows.hasNext()) {
              chunk.add(rows.next());
            }
            return Collections.unmodifiableList(chunk);
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(chunks, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(cursor::close);
  }

  /**
   * Returns the update count, or -1 for a query.
   *
   * @return the number of rows the statement changed, or -1
   */
  public long rowCount() {
    return rowCount;
  }

  /**
   * Returns the column labels; empty for a statement without rows.
   *
   * @return the column labels, in order
   */
  public List<String> keys() {
    return cursor.keys();
  }

  /**
   * Returns the keys the database generated for the inserted rows, as a result of its own.
   *
   * @return the generated keys as a result
   * @throws IllegalStateException if generated keys were not asked for
   */
  public Result generatedKeys() {
    if (generatedKeys == null) {
      throw new IllegalStateException(
          "this result has no generated keys: call returningGeneratedKeys() on the statement"
              + " before executing it to ask for them");
    }
    return generatedKeys;
  }

  /**
   * Returns a lazy iterator over the rows; it closes the result set after the last row. Like every
   * way to read the rows, it can be asked for once.
   */
  @Override
  public Iterator<Row> iterator() {
    consume();
    return new Iterator<>() {
      private Row next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = cursor.next();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  /**
   * Closes the result set if still open; idempotent. Reading the rows after this throws {@link
   * IllegalStateException}. The {@link #generatedKeys()} result stays readable.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cursor.close();
  }

  private String sqlText() {
    if (sql == null) {
      return "(statement text unknown)";
    }
    String s = sql.strip();
    return s.length() <= MAX_SQL_IN_MESSAGE ? s : s.substring(0, MAX_SQL_IN_MESSAGE) + "...";
  }

  /** Returns {@code Result(keys=[id, name])} for rows, {@code Result(rowCount=3)} for an update. */
  @Override
  public String toString() {
    List<String> keys = keys();
    if (keys.isEmpty()) {
      return "Result(rowCount=" + rowCount + ")";
    }
    return rowCount < 0
        ? "Result(keys=" + keys + ")"
        : "Result(keys=" + keys + ", rowCount=" + rowCount + ")";
  }
}
