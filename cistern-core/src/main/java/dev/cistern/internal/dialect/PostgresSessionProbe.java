package dev.cistern.internal.dialect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's sessions: the backend's pid, and {@code pg_stat_activity}'s state and the time of
 * its last change, measured by the server's own clock. A session sees every session of its own
 * role; for others' the state is hidden, and they count as working.
 */
final class PostgresSessionProbe implements SessionProbe {
  static final PostgresSessionProbe INSTANCE = new PostgresSessionProbe();

  private PostgresSessionProbe() {}

  @Override
  public long sessionId(Connection c) throws SQLException {
    return SessionProbe.queryLong(c, "select pg_backend_pid()");
  }

  @Override
  public Map<Long, Long> idleNanos(Connection probe, Collection<Long> ids) throws SQLException {
    Map<Long, Long> idle = new HashMap<>();
    if (ids.isEmpty()) {
      return idle;
    }
    Integer[] pids = ids.stream().map(Long::intValue).toArray(Integer[]::new);
    Array array = probe.createArrayOf("int4", pids);
    try (PreparedStatement ps =
        probe.prepareStatement(
            "select pid, state like 'idle%',"
                + " extract(epoch from clock_timestamp() - state_change)"
                + " from pg_stat_activity where pid = any(?)")) {
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long pid = rs.getLong(1);
          boolean isIdle = rs.getBoolean(2) && !rs.wasNull();
          double seconds = rs.getDouble(3);
          idle.put(pid, isIdle && !rs.wasNull() ? (long) (seconds * 1e9) : -1L);
        }
      }
    } finally {
      array.free();
    }
    return idle;
  }
}
