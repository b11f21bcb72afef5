package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.ServerEndpoint;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.TestServers;
import dev.cistern.testkit.server.PgBouncer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The sizing guard: one WARN when an engine may take more than half the server's connections. */
class EngineSizingTest {
  private static Engine engine(TestDatabase db, RecordingLogger log, int size, int overflow) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_sizing_" + Long.toHexString(System.nanoTime()))
        .poolSize(size, overflow)
        .hooks(EngineHooks.DEFAULT.engineLog(log))
        .build();
  }

  private static int pgSetting(TestDatabase db, String name) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show " + name)) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    }
  }

  @Test
  void warnsOnceWhenThePoolMayTakeMoreThanHalfOfPostgres(@Postgres TestDatabase db)
      throws SQLException {
    int available =
        pgSetting(db, "max_connections") - pgSetting(db, "superuser_reserved_connections");
    assumeThat(available).as("the shared server's limit").isBetween(61, 119);
    RecordingLogger log = new RecordingLogger();
    try (Engine engine = engine(db, log, 60, 0)) {
      List<SqlConnection> open = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        open.add(engine.connect());
      }
      open.forEach(SqlConnection::close);
      engine.dispose(); // a new pool's first connection does not check again
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("select 1").scalar()).isEqualTo(1);
      }
    }
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .contains("may open up to poolSize 60 + maxOverflow 0 = 60 connections")
        .contains("the " + available + " the server accepts")
        .contains("max_connections " + pgSetting(db, "max_connections"))
        .contains("more than 50%")
        .contains("N x 60")
        .contains("Sizing and scaling out");
  }

  @Test
  void noWarningForTheDefaultsOnPostgres(@Postgres TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    try (Engine engine =
            Engine.builder(db.cisternUrl()).hooks(EngineHooks.DEFAULT.engineLog(log)).build();
        SqlConnection c = engine.connect()) {
      c.execute("select 1").scalar();
    }
    assertThat(log.at(Level.WARN)).isEmpty();
    assertThat(log.at(Level.DEBUG))
        .singleElement()
        .asString()
        .contains("sizing: poolSize 5 + maxOverflow 10 = 15 of max_connections");
  }

  @Test
  void noWarningForTheDefaultsOnMariaDb(@MariaDb TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    try (Engine engine =
            Engine.builder(db.cisternUrl()).hooks(EngineHooks.DEFAULT.engineLog(log)).build();
        SqlConnection c = engine.connect()) {
      c.execute("select 1").scalar();
    }
    assertThat(log.at(Level.WARN)).isEmpty();
    assertThat(log.at(Level.DEBUG)).singleElement().asString().contains("of max_connections");
  }

  @Test
  void h2StatesNoLimitAndGetsNoWarning(@H2 TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    try (Engine engine = engine(db, log, 0, -1);
        SqlConnection c = engine.connect()) {
      c.execute("select 1").scalar();
    }
    assertThat(log.at(Level.WARN)).isEmpty();
    assertThat(log.at(Level.DEBUG))
        .singleElement()
        .asString()
        .contains("skipped: the server states no connection limit");
  }

  @Test
  @Tag("slow")
  void warnsOnceBehindPgBouncerWithItsMaxClientConn() {
    assumeTrue(
        (PgBouncer.isAvailable() && "root".equals(System.getProperty("user.name")))
            || TestServers.shared().isCi(),
        "PgBouncer tests need root and /usr/sbin/pgbouncer (apt-get install pgbouncer)");
    ServerEndpoint target = TestServers.shared().require(DatabaseKind.POSTGRESQL);
    RecordingLogger log = new RecordingLogger();
    try (PgBouncer bouncer =
        PgBouncer.builder(target.host(), target.port())
            .mode(PgBouncer.PoolMode.TRANSACTION)
            .maxClientConn(150)
            .start()) {
      try (Engine engine =
          Engine.builder(bouncer.url("test") + "?pgbouncer=transaction&poolSize=120&maxOverflow=0")
              .name("cistern_sizing_bouncer_" + Long.toHexString(System.nanoTime()))
              .hooks(EngineHooks.DEFAULT.engineLog(log))
              .build()) {
        for (int i = 0; i < 3; i++) {
          try (SqlConnection c = engine.connect()) {
            assertThat(c.execute("select 1").scalar()).isEqualTo(1);
          }
        }
        engine.dispose(); // a new pool's first connection does not check again
        try (SqlConnection c = engine.connect()) {
          assertThat(c.execute("select 1").scalar()).isEqualTo(1);
        }
      }
    }
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .contains("may open up to poolSize 120 + maxOverflow 0 = 120 connections, 80% of")
        .contains("the 150 the server accepts")
        .contains("pgbouncer max_client_conn 150 available")
        .contains("default_pool_size")
        .contains("N x 120");
  }
}
