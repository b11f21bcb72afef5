package dev.cistern.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * MariaDB's sessions: {@code connection_id()}, and {@code information_schema.processlist}'s command
 * ({@code Sleep} when idle) and {@code TIME_MS}, the milliseconds in that state (MariaDB's own
 * column; MySQL has whole seconds only). A session sees its own user's sessions without the {@code
 * PROCESS} privilege.
 */
final class MariaDbSessionProbe implements SessionProbe {
  static final MariaDbSessionProbe INSTANCE = new MariaDbSessionProbe();

  private MariaDbSessionProbe() {}

  @Override
  public long sessionId(Connection c) throws SQLException {
    return SessionProbe.queryLong(c, "select connection_id()");
  }

  @Override
  public Map<Long, Long> idleNanos(Connection probe, Collection<Long> ids) throws SQLException {
    Map<Long, Long> idle = new HashMap<>();
    if (ids.isEmpty()) {
      return idle;
    }
    StringBuilder sql =
        new StringBuilder(
            "select ID, COMMAND = 'Sleep', TIME_MS from information_schema.processlist where ID in (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    try (PreparedStatement ps = probe.prepareStatement(sql.toString())) {
      int i = 1;
      for (long id : ids) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean isIdle = rs.getBoolean(2);
          double millis = rs.getDouble(3);
          idle.put(rs.getLong(1), isIdle ? (long) (millis * 1e6) : -1L);
        }
      }
    }
    return idle;
  }
}
