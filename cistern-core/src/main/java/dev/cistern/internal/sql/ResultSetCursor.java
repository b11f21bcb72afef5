package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Cursor} over an open JDBC result set: each {@link #next()} reads one row into an
 * immutable {@link ArrayRow} of plain Java values (see {@link JdbcValues}). Columns of type {@code
 * TIMESTAMP WITH TIME ZONE} (JDBC {@code TIMESTAMP_WITH_TIMEZONE}, PostgreSQL {@code timestamptz})
 * are read as {@link OffsetDateTime}, and {@code TIME WITH TIME ZONE} as {@link OffsetTime}.
 *
 * <p>The cursor closes itself after the last row, and also when reading a row fails. Closing closes
 * the result set, the statement if asked to, and then runs {@code onClose} exactly once. {@link
 * SQLException}s are thrown as translated by {@code errors}.
 *
 * <p>Not thread-safe: one reader at a time, like the result set it wraps.
 */
public final class ResultSetCursor implements Cursor {
  private enum Read {
    OBJECT,
    OFFSET_DATE_TIME,
    OFFSET_TIME
  }

  private final Statement statement;
  private final ResultSet rs;
  private final boolean closeStatement;
  private final Function<SQLException, RuntimeException> errors;
  private final Runnable onClose;
  private final ColumnIndex columns;
  private final Read[] reads;
  private boolean closed;

  /**
   * Wraps a result set, reading its column labels and types now. If that fails, everything is
   * closed (as by {@link #close()}) before the translated error is thrown.
   *
   * @param statement the statement that produced {@code rs}; may be null if {@code closeStatement}
   *     is false
   * @param rs the open result set, positioned before the first row
   * @param closeStatement whether {@link #close()} closes {@code statement} too
   * @param errors translates JDBC errors into the exceptions to throw
   * @param onClose run once when the cursor closes (for example to release a connection); may be
   *     null
   */
  public ResultSetCursor(
      Statement statement,
      ResultSet rs,
      boolean closeStatement,
      Function<SQLException, RuntimeException> errors,
      Runnable onClose) {
    this.statement = statement;
    this.rs = Objects.requireNonNull(rs, "rs");
    this.closeStatement = closeStatement;
    this.errors = Objects.requireNonNull(errors, "errors");
    this.onClose = onClose;
    ColumnIndex index = null;
    Read[] kinds = null;
    try {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String> labels = new ArrayList<>(n);
      kinds = new Read[n];
      for (int i = 1; i <= n; i++) {
        String label = md.getColumnLabel(i);
        labels.add(label == null || label.isEmpty() ? md.getColumnName(i) : label);
        kinds[i - 1] = readFor(md.getColumnType(i), md.getColumnTypeName(i));
      }
      index = new ColumnIndex(labels);
    } catch (SQLException e) {
      throw closeAfter(errors.apply(e));
    } catch (RuntimeException e) {
      throw closeAfter(e);
    }
    this.columns = index;
    this.reads = kinds;
  }

  private static Read readFor(int type, String typeName) {
    if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(typeName)) {
      return Read.OFFSET_DATE_TIME;
    }
    if (type == Types.TIME_WITH_TIMEZONE || "timetz".equalsIgnoreCase(typeName)) {
      return Read.OFFSET_TIME;
    }
    return Read.OBJECT;
  }

  /** Returns the column labels, read once from the result set's metadata. */
  @Override
  public List<String> keys() {
    return columns.labels();
  }

  /**
   * Reads the next row; at the end closes this cursor and returns null (also on every later call).
   *
   * @throws RuntimeException as translated by {@code errors}, after closing this cursor
   */
  @Override
  public Row next() {
    if (closed) {
      return null;
    }
    try {
      if (!rs.next()) {
        close();
        return null;
      }
      Object[] values = new Object[reads.length];
      for (int i = 0; i < reads.length; i++) {
        values[i] = read(i + 1, reads[i]);
      }
      return new ArrayRow(columns, values);
    } catch (SQLException e) {
      throw closeAfter(errors.apply(e));
    } catch (RuntimeException e) {
      throw closeAfter(e);
    }
  }

  private Object read(int column, Read how) throws SQLException {
    switch (how) {
      case OFFSET_DATE_TIME:
        return rs.getObject(column, OffsetDateTime.class);
      case OFFSET_TIME:
        return rs.getObject(column, OffsetTime.class);
      default:
        return JdbcValues.normalize(rs.getObject(column));
    }
  }

  /** Closes this cursor and returns {@code failure} with any error from closing suppressed. */
  private RuntimeException closeAfter(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException e) {
      if (e != failure) {
        failure.addSuppressed(e);
      }
    }
    return failure;
  }

  /**
   * Closes the result set, then the statement if this cursor owns it, then runs {@code onClose};
   * idempotent. A failure to close is thrown (translated) after all three steps ran.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    try {
      try {
        rs.close();
      } catch (SQLException e) {
        failure = e;
      }
      if (closeStatement && statement != null) {
        try {
          statement.close();
        } catch (SQLException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } finally {
      if (onClose != null) {
        onClose.run();
      }
    }
    if (failure != null) {
      throw errors.apply(failure);
    }
  }

  @Override
  public String toString() {
    return "ResultSetCursor(keys=" + keys() + (closed ? ", closed)" : ")");
  }
}
