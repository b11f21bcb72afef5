package dev.cistern.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Asks a database server, on a connection of its own, what its sessions are doing: the engine's
 * lost-request check uses it to tell a slow answer from a request the server never received (a
 * failover, a network that drops packets). A dialect whose server cannot say has none (see {@link
 * Dialect#sessionProbe()}).
 */
public interface SessionProbe {
  /**
   * Returns the server's id of {@code c}'s session (one round trip); called once per new
   * connection.
   */
  long sessionId(Connection c) throws SQLException;

  /**
   * Returns, for each of {@code ids} the server knows, how long the session has been idle, in
   * nanoseconds, or {@code -1} if it is working on a request; an id missing from the map is not a
   * session of this server.
   *
   * @param probe a connection of the probe's own, not one of the sessions asked about
   */
  Map<Long, Long> idleNanos(Connection probe, Collection<Long> ids) throws SQLException;

  /** Runs {@code sql}, a query of one number, on {@code c} and returns it. */
  static long queryLong(Connection c, String sql) throws SQLException {
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from " + sql);
      }
      return rs.getLong(1);
    }
  }
}
