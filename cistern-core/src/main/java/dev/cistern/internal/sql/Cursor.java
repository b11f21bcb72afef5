package dev.cistern.internal.sql;

import dev.cistern.Row;
import java.util.List;

/**
 * Where a {@link dev.cistern.Result} takes its rows from: a buffered list or an open JDBC result
 * set. Errors are thrown already translated (unchecked). CONTRACT: implemented on the results
 * branch.
 */
public interface Cursor extends AutoCloseable {
  /** Returns the column labels; empty for a statement that returned no rows. */
  List<String> keys();

  /** Returns the next row, or null at the end (and the cursor closes itself at the end). */
  Row next();

  /** Releases the result set and statement behind this cursor. Idempotent. */
  @Override
  void close();
}
