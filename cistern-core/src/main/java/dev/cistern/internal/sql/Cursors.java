package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Cursors that need no open result set: empty, list-backed, and buffered copies. */
public final class Cursors {
  private static final Cursor EMPTY = new EmptyCursor();

  private Cursors() {}

  /** Returns a cursor with no columns and no rows (the rows of an update). */
  public static Cursor empty() {
    return EMPTY;
  }

  /**
   * Returns a cursor over the given rows.
   *
   * @param keys the column labels
   * @param rows the rows, none null (both lists are copied)
   */
  public static Cursor of(List<String> keys, List<Row> rows) {
    return new ListCursor(List.copyOf(keys), List.copyOf(rows));
  }

  /**
   * Reads every row of {@code cursor} into memory and closes it, so that the rows outlive the
   * result set (for example when the connection goes back to the pool).
   *
   * @param cursor the cursor to drain; closed even if reading fails
   * @return a list-backed cursor with the same keys and rows
   */
  public static Cursor buffer(Cursor cursor) {
    Objects.requireNonNull(cursor, "cursor");
    if (cursor instanceof ListCursor || cursor instanceof OneRowCursor || cursor == EMPTY) {
      return cursor;
    }
    try {
      List<String> keys = cursor.keys();
      List<Row> rows = new ArrayList<>();
      for (Row r = cursor.next(); r != null; r = cursor.next()) {
        rows.add(r);
      }
      return new ListCursor(List.copyOf(keys), List.copyOf(rows));
    } finally {
      cursor.close();
    }
  }

  /**
   * Reads every row of an open result set into memory and returns them as a list-backed cursor,
   * which is also the statement's {@link StatementRunner.Outcome} (a query, no generated keys); the
   * result set is left open (the caller closes it). One row costs the row and a small cursor.
   *
   * @param rs the result set, before its first row
   * @param shape its columns (see {@link ResultShape#of})
   */
  public static StatementRunner.Outcome read(ResultSet rs, ResultShape shape) throws SQLException {
    List<String> keys = shape.columns().labels();
    if (!rs.next()) {
      return new ListCursor(keys, List.of());
    }
    Row first = shape.read(rs);
    if (!rs.next()) {
      return new OneRowCursor(keys, first);
    }
    List<Row> rows = new ArrayList<>();
    rows.add(first);
    do {
      rows.add(shape.read(rs));
    } while (rs.next());
    return new ListCursor(keys, Collections.unmodifiableList(rows));
  }

  /** Returns how many rows a {@linkplain #buffer buffered} cursor holds, else -1 (streaming). */
  public static long bufferedRows(Cursor cursor) {
    if (cursor == EMPTY) {
      return 0;
    }
    if (cursor instanceof OneRowCursor) {
      return 1;
    }
    return cursor instanceof ListCursor l ? l.rows.size() : -1;
  }

  /**
   * Returns what a statement produced, for a streaming query or an update (a buffered query's
   * cursor is its own outcome).
   *
   * @param cursor its rows (empty for an update)
   * @param rowCount the update count, or -1 for a query
   * @param generatedKeys the generated keys, or null if not asked for
   */
  public static StatementRunner.Outcome outcome(
      Cursor cursor, long rowCount, Cursor generatedKeys) {
    return new Produced(cursor, rowCount, generatedKeys);
  }

  /** A statement's rows, update count and generated keys. */
  private record Produced(Cursor cursor, long rowCount, Cursor generatedKeys)
      implements StatementRunner.Outcome {}

  /** A buffered result of exactly one row: the row itself, no list; its own outcome. */
  private static final class OneRowCursor implements Cursor, StatementRunner.Outcome {
    private final List<String> keys;
    private Row row;

    OneRowCursor(List<String> keys, Row row) {
      this.keys = keys;
      this.row = row;
    }

    @Override
    public List<String> keys() {
      return keys;
    }

    @Override
    public Row next() {
      Row r = row;
      row = null; // read once; null from then on, as at the end of any cursor
      return r;
    }

    @Override
    public void close() {
      row = null;
    }

    @Override
    public Cursor cursor() {
      return this;
    }

    @Override
    public long rowCount() {
      return -1;
    }

    @Override
    public Cursor generatedKeys() {
      return null;
    }

    @Override
    public String toString() {
      return "OneRowCursor(keys=" + keys + ")";
    }
  }

  /** No columns, no rows; stateless, so one instance serves everybody. */
  private static final class EmptyCursor implements Cursor {
    @Override
    public List<String> keys() {
      return List.of();
    }

    @Override
    public Row next() {
      return null;
    }

    @Override
    public void close() {
      // nothing to release
    }

    @Override
    public String toString() {
      return "EmptyCursor";
    }
  }

  /** A cursor over a list; not thread-safe. */
  private static final class ListCursor implements Cursor, StatementRunner.Outcome {
    private final List<String> keys;
    private final List<Row> rows;
    private int position;
    private boolean closed;

    ListCursor(List<String> keys, List<Row> rows) {
      this.keys = keys;
      this.rows = rows;
    }

    @Override
    public List<String> keys() {
      return keys;
    }

    @Override
    public Row next() {
      if (closed || position >= rows.size()) {
        close();
        return null;
      }
      return rows.get(position++);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public Cursor cursor() {
      return this;
    }

    @Override
    public long rowCount() {
      return -1;
    }

    @Override
    public Cursor generatedKeys() {
      return null;
    }

    @Override
    public String toString() {
      return "ListCursor(keys=" + keys + ", rows=" + rows.size() + ")";
    }
  }
}
