package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Cursor} over an open JDBC result set: each {@link #next()} reads one row into an
 * immutable {@link ArrayRow} of plain Java values, as {@link ResultShape} reads them ({@code
 * TIMESTAMP WITH TIME ZONE} as {@link OffsetDateTime}, {@code TIME WITH TIME ZONE} as {@link
 * OffsetTime}).
 *
 * <p>The cursor closes itself after the last row, and also when reading a row fails. Closing closes
 * the result set, the statement if asked to, and then runs {@code onClose} exactly once. {@link
 * SQLException}s are thrown as translated by {@code errors}.
 *
 * <p>Not thread-safe: one reader at a time, like the result set it wraps.
 */
public final class ResultSetCursor implements Cursor {
  private final Statement statement;
  private final ResultSet rs;
  private final boolean closeStatement;
  private final Function<SQLException, RuntimeException> errors;
  private final Runnable onClose;
  private final ResultShape shape;
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
    ResultShape read = null;
    try {
      read = ResultShape.of(rs.getMetaData(), null);
    } catch (SQLException e) {
      throw closeAfter(errors.apply(e));
    } catch (RuntimeException e) {
      throw closeAfter(e);
    }
    this.shape = read;
  }

  /** Returns the column labels, read once from the result set's metadata. */
  @Override
  public List<String> keys() {
    return shape.columns().labels();
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
      return shape.read(rs);
    } catch (SQLException e) {
      throw closeAfter(errors.apply(e));
    } catch (RuntimeException e) {
      throw closeAfter(e);
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
