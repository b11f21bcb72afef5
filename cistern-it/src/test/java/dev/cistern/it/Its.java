package dev.cistern.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Engine;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Shared bits of the compatibility tests. */
final class Its {
  /** How long the server may take to show a closed session as gone. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private Its() {}

  /** The engine name, and so the PostgreSQL application name, of one test's engine. */
  static String name(TestDatabase db, String what) {
    return db.applicationName() + "-" + what;
  }

  /** Closes the engine and checks the server has no session of it left. */
  static void closeAndExpectNoSession(Engine engine, TestDatabase db, String name) {
    engine.close();
    assertThat(engine.isClosed()).isTrue();
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  /** {@code select count(*) from <table>} on a connection of its own. */
  static long count(Engine engine, String table) throws SQLException {
    try (Connection c = engine.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
