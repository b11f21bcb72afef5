package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.stub.StubConnection;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a {@linkplain SqlConnection#detach() detached} connection on the stub driver: its open
 * transaction is rolled back (as on any {@link SqlConnection}); a rollback that fails because the
 * server is gone is reported, and a failing physical close is logged; either way the connection
 * ends.
 */
class DetachedConnectionCloseTest {
  private final String name = "detached-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private Engine engine;

  private Engine engine(ResetOnReturn reset) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .option(Option.POOL_RESET_ON_RETURN, reset)
            .option(Option.SHUTDOWN_HOOK, false)
            .build();
    return engine;
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  /** Borrows, leaves a transaction open through JDBC, detaches; returns the physical connection. */
  private static StubConnection detachedWithOpenTransaction(SqlConnection c) throws SQLException {
    Connection jdbc = c.jdbc();
    jdbc.setAutoCommit(false);
    try (Statement s = jdbc.createStatement()) {
      s.executeUpdate("insert into t values (1)");
    }
    StubConnection raw = jdbc.unwrap(StubConnection.class);
    c.detach();
    return raw;
  }

  @Test
  void closingRollsBackTheOpenTransactionWhateverPoolResetOnReturnSays() throws SQLException {
    Engine e = engine(ResetOnReturn.COMMIT);
    SqlConnection c = e.connect();
    StubConnection raw = detachedWithOpenTransaction(c);
    assertThat(e.status().size()).as("no longer the pool's").isZero();

    c.close();

    assertThat(raw.rollbacks()).isEqualTo(1);
    assertThat(raw.commits()).as("poolResetOnReturn is for JDBC borrowers").isZero();
    assertThat(raw.isClosed()).isTrue();
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void aLostServerFailsTheCloseSayingSoAndAFailingCloseStillEndsTheConnection()
      throws SQLException {
    Engine e = engine(ResetOnReturn.ROLLBACK);
    SqlConnection c = e.connect();
    StubConnection raw = detachedWithOpenTransaction(c);
    db.disconnectAll(); // the rollback fails with 08006
    db.closeFaults().setFail(true); // and so does the physical close (logged)

    assertThatThrownBy(c::close)
        .isInstanceOf(DisconnectedException.class)
        .hasMessageStartingWith("rollback on close failed on engine '" + e.name() + "'");

    assertThat(c.isClosed()).isTrue();
    assertThat(raw.isClosed()).isTrue();
    assertThat(db.liveConnections()).isZero();
    assertThat(e.status().inUse()).isZero();
  }
}
