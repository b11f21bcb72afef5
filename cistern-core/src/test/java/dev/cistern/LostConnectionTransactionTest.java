package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction whose server went away (the stub driver's {@code disconnectAll}): the commit fails
 * saying the connection was lost, a close is quiet, the connection is thrown away, and the next
 * borrower gets a fresh one.
 */
class LostConnectionTransactionTest {
  private final String name = "lost-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private Engine engine;

  private Engine engine() {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .poolSize(1, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(10))
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

  @Test
  void aCommitOnALostConnectionFailsSayingSoAndTheNextBorrowOpensAFreshOne() {
    Engine e = engine();
    try (SqlConnection c = e.connect()) {
      c.begin();
      c.execute("insert into t values (1)");
      db.disconnectAll();

      assertThatThrownBy(c::commit)
          .isInstanceOf(DisconnectedException.class)
          .hasMessageStartingWith("commit failed on engine 'orders': ")
          .hasMessageContaining("SQLState 08006")
          .hasMessageContaining("the connection was lost and has been invalidated");
      assertThat(c.isInvalidated()).isTrue();
    }
    assertThat(e.status().inUse()).isZero();
    try (SqlConnection fresh = e.connect()) {
      fresh.execute("insert into t values (2)");
    }
    assertThat(db.openedTotal()).isEqualTo(2);
    // the lost connection is closed in the background
    await().atMost(Duration.ofSeconds(10)).until(() -> db.liveConnections() == 1);
  }

  @Test
  void closingAConnectionLostMidTransactionIsQuietAndThrowsTheConnectionAway() {
    Engine e = engine();
    SqlConnection c = e.connect();
    c.begin();
    c.execute("insert into t values (1)");
    db.disconnectAll();

    c.close(); // the server ended the transaction with the session: nothing to report

    assertThat(c.isClosed()).isTrue();
    assertThat(c.isInvalidated()).as("a lost connection is never pooled again").isTrue();
    assertThat(e.status().inUse()).isZero();
    // the lost connection is closed in the background
    await().atMost(Duration.ofSeconds(10)).until(() -> db.liveConnections() == 0);
    try (SqlConnection fresh = e.connect()) {
      assertThat(fresh.inTransaction()).isFalse();
    }
    assertThat(db.openedTotal()).isEqualTo(2);
  }
}
