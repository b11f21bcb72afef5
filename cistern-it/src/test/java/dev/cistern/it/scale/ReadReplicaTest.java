package dev.cistern.it.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DisconnectedException;
import dev.cistern.DisposalReport;
import dev.cistern.Engine;
import dev.cistern.StatementException;
import dev.cistern.testkit.server.PrivatePostgres;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read/write routing against a real streaming replica: {@link Engine#reader()} reads on the standby
 * and sees what the primary wrote, refuses writes with the server's error, falls back to the
 * primary when the replica is down, and closes with its engine, leaving no session on either
 * server.
 */
class ReadReplicaTest {
  static PrivatePostgres primary;
  static PrivatePostgres replica;

  @BeforeAll
  static void startClusters() throws Exception {
    Scale.requirePrivateClusters();
    primary = PrivatePostgres.startPrimary();
    replica = primary.startReplica();
  }

  @AfterAll
  static void dropClusters() {
    if (replica != null) {
      replica.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  private static boolean onStandby(Engine e) {
    return e.withConnection(c -> c.execute("select pg_is_in_recovery()").scalar(Boolean.class));
  }

  @Test
  void readsGoToTheReplicaWritesToThePrimaryAndOneCloseEndsBoth() {
    Engine engine =
        Engine.builder(primary.url("postgres"))
            .name("routing")
            .readReplica(replica.url("postgres") + "?poolPrePing=true")
            .build();
    try {
      engine.useTransaction(
          c -> {
            c.execute("create table if not exists routed (id int primary key, note text)");
            c.execute("insert into routed values (:id, :note)", Map.of("id", 1, "note", "written"));
          });
      replica.awaitCaughtUp(primary);
      Engine reader = engine.reader();
      assertThat(reader).isNotSameAs(engine);
      assertThat(reader.name()).isEqualTo("routing/reader");
      assertThat(onStandby(reader)).as("the reader is on the standby").isTrue();
      assertThat(onStandby(engine)).as("the engine is on the primary").isFalse();
      String note =
          reader.withConnection(
              c -> c.execute("select note from routed where id = 1").scalar(String.class));
      assertThat(note).as("the replica has the primary's row").isEqualTo("written");
      assertThatThrownBy(
              () ->
                  reader.useTransaction(
                      c -> c.execute("insert into routed values (2, 'on the reader')")))
          .isInstanceOf(StatementException.class)
          .hasMessageContaining("25006")
          .hasMessageContaining("read-only")
          .hasMessageContaining("primary engine's connect()");
      assertThatThrownBy(reader::close)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("close that engine");
      int readerSessions = replica.sessions("routing/reader");
      assertThat(readerSessions).isPositive();
    } finally {
      DisposalReport report = engine.close(Duration.ofSeconds(5));
      assertThat(report.engineName()).isEqualTo("routing");
      assertThat(report.closedIdle())
          .as("the primary's and the reader's")
          .isGreaterThanOrEqualTo(2);
      assertThat(report.isClean()).isTrue();
    }
    assertThat(engine.reader().isClosed()).isTrue();
    Awaitility.await("no session of either engine on either server")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                primary.sessions("routing") == 0
                    && replica.sessions("routing/reader") == 0
                    && primary.sessions("routing/reader") == 0);
  }

  @Test
  void aMultiHostUrlAskingForThePrimaryGetsAReaderOnTheStandby() {
    String hosts = "127.0.0.1:" + primary.port() + ",127.0.0.1:" + replica.port();
    try (Engine engine =
        Engine.create(
            "postgresql://postgres@" + hosts + "/postgres?targetServerType=primary&name=multi")) {
      assertThat(onStandby(engine)).isFalse();
      assertThat(onStandby(engine.reader())).isTrue();
    }
  }

  @Test
  void theReaderFallsBackToThePrimaryWhenTheReplicaIsDown() throws Exception {
    try (PrivatePostgres primary2 = PrivatePostgres.startPrimary();
        PrivatePostgres replica2 = primary2.startReplica();
        Engine engine =
            Engine.builder(primary2.url("postgres"))
                .name("fallback")
                .option(dev.cistern.Option.POOL_PRE_PING, true)
                .readReplica(replica2.url("postgres"))
                .build()) {
      assertThat(onStandby(engine.reader())).isTrue();
      replica2.stop(true);
      boolean standby;
      try {
        standby = onStandby(engine.reader());
      } catch (DisconnectedException e) {
        // used less than 500 ms ago, the connection was not pre-pinged (SQLAlchemy's rule too):
        // this read fails, and the pool replaces its connections
        standby = onStandby(engine.reader());
      }
      assertThat(standby).as("pgjdbc fell back to the primary").isFalse();
      assertThatThrownBy(
              () -> engine.reader().useTransaction(c -> c.execute("create table nope (x int)")))
          .as("still read-only on the primary")
          .isInstanceOf(StatementException.class)
          .hasMessageContaining("25006");
    }
  }
}
