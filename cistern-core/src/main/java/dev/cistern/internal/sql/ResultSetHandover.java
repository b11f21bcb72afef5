package dev.cistern.internal.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement that can hand over its current result set without remembering it: Cistern's own JDBC
 * statement proxy. {@link Statement#getResultSet()} keeps the proxy it returns (a second call must
 * return the same one), which makes it outlive the call; the statement runner reads the result and
 * closes it at once, so it asks through this instead and the proxy can cost nothing.
 */
public interface ResultSetHandover {
  /**
   * Returns the current result as {@link Statement#getResultSet()} does (null if there is none),
   * without remembering it for a later {@code getResultSet()}.
   *
   * @throws SQLException as {@link Statement#getResultSet()} does
   */
  ResultSet handOverResultSet() throws SQLException;
}
