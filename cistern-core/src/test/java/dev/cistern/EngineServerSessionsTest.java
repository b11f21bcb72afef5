package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the database server itself sees of an engine: nothing before use, nothing after close. */
class EngineServerSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @OnEachDatabase
  void anEngineHoldsNoSessionBeforeUseAndNoneAfterClose(TestDatabase db) throws SQLException {
    String name = "cistern_e_" + Long.toHexString(System.nanoTime());
    Engine engine = Engine.builder(db.cisternUrl()).name(name).poolSize(3, 2).build();
    assertThat(ServerSessions.count(db, name)).as("sessions before first use").isZero();
    List<SqlConnection> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SqlConnection c = engine.connect();
      try (Statement s = c.jdbc().createStatement();
          ResultSet rs = s.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
      held.add(c);
    }
    ServerSessions.awaitCount(db, name, 4, WAIT);
    // 4 open > poolSize 3, but as in SQLAlchemy a returned connection is kept while fewer than
    // poolSize are idle: both stay open, idle
    held.remove(0).close();
    held.remove(0).close();
    assertThat(engine.status()).extracting("size", "idle").containsExactly(4, 2);
    assertThat(ServerSessions.count(db, name)).isEqualTo(4);
    DisposalReport r = engine.close(Duration.ofMillis(200));
    assertThat(r.closedIdle()).isEqualTo(2);
    assertThat(r.aborted()).as("still borrowed after the grace period").isEqualTo(2);
    ServerSessions.awaitCount(db, name, 0, WAIT);
    held.forEach(SqlConnection::close);
  }

  @OnEachDatabase
  void anAbandonedConnectionIsAbortedAndItsSessionEndsOnTheServer(TestDatabase db)
      throws SQLException {
    String name = "cistern_a_" + Long.toHexString(System.nanoTime());
    try (Engine engine =
        Engine.builder(db.cisternUrl())
            .name(name)
            .poolSize(1, 0)
            .option(Option.ABANDON_TIMEOUT, Duration.ofMillis(300))
            .build()) {
      SqlConnection held = engine.connect(); // never closed in time, still referenced
      held.jdbc().setAutoCommit(false);
      try (Statement s = held.jdbc().createStatement()) {
        s.executeQuery("select 1").close();
      }
      ServerSessions.awaitCount(db, name, 0, WAIT); // aborted: the server ended the session
      // the abort closes the socket first, then frees the slot: the server can see the end first
      org.awaitility.Awaitility.await("the aborted connection's slot is free")
          .atMost(WAIT)
          .until(() -> engine.status().inUse() == 0);
      try (SqlConnection next = engine.connect(); // the pool of one lends again, without a GC
          Statement s = next.jdbc().createStatement();
          ResultSet rs = s.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
      try (Statement s = held.jdbc().createStatement()) {
        s.executeQuery("select 1");
        org.assertj.core.api.Assertions.fail("the abandoned connection still ran a statement");
      } catch (SQLException expected) {
        assertThat(expected.getMessage()).contains("longer than abandonTimeout 300ms");
        assertThat(expected.getSQLState()).isEqualTo("08003");
      }
      held.close();
    }
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  @OnEachDatabase
  void disposeClosesIdleSessionsAtOnceAndBusyOnesWhenReturned(TestDatabase db) throws SQLException {
    String name = "cistern_d_" + Long.toHexString(System.nanoTime());
    try (Engine engine = Engine.builder(db.cisternUrl()).name(name).poolSize(3, 0).build()) {
      SqlConnection busy = engine.connect();
      SqlConnection idle = engine.connect();
      idle.close();
      ServerSessions.awaitCount(db, name, 2, WAIT);
      engine.dispose();
      ServerSessions.awaitCount(db, name, 1, WAIT);
      busy.close();
      ServerSessions.awaitCount(db, name, 0, WAIT);
      try (SqlConnection again = engine.connect()) {
        assertThat(again.jdbc().isValid(2)).isTrue();
      }
    }
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }
}
