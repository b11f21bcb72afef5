package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.engine.LostRequestChecks;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.fault.FaultProxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code lostRequestCheck}: a request the server never received (a failover seen from the client,
 * through a {@link FaultProxy}) is told from a slow one by asking the server, and its connection is
 * aborted instead of waiting for a socket timeout; a statement the server is working on is left
 * alone. No statement timeout is set here, so without the check the lost statement would wait for
 * the network to heal.
 */
class LostRequestCheckTest {
  private static final Duration CHECK = Duration.ofMillis(300);

  private static Engine engine(TestDatabase db, String url, String name, Duration check) {
    return Engine.builder(url)
        .name(name)
        .poolSize(2, 0)
        .option(Option.LOST_REQUEST_CHECK, check)
        .option(Option.POOL_TIMEOUT, Duration.ofSeconds(5))
        .build();
  }

  private static String through(TestDatabase db, FaultProxy proxy) {
    return db.cisternUrl().replace(db.host() + ":" + db.port(), proxy.host() + ":" + proxy.port());
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void aStatementLostInAFailoverFailsSayingSoAndThePoolRecovers(TestDatabase db) throws Exception {
    FaultProxy proxy = FaultProxy.start(db.host(), db.port());
    try (Engine e = engine(db, through(db, proxy), db.applicationName() + "-lr", CHECK)) {
      SqlConnection c = e.connect();
      assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      proxy.failover(); // this connection is dead for good; new ones reach the server

      CompletableFuture<Integer> lost =
          CompletableFuture.supplyAsync(() -> c.execute("select 2").scalar(Integer.class));
      await("the lost request found").until(() -> LostRequestChecks.aborted(e.core()) == 1);

      // the pool replaced the dead connection: a new one reaches the server through the proxy
      Integer one = e.inTransaction(x -> x.execute("select 1").scalar(Integer.class));
      assertThat(one).isEqualTo(1);

      Throwable t = failureOf(lost);
      assertThat(t)
          .as("the lost statement fails (without the check it would wait for the network)")
          .isNotNull();
      assertThat(messages(t)).contains("lost its request").contains("idle for");
      assertThat(c.isInvalidated()).isTrue();
      c.close();
      assertThat(e.status().inUse()).isZero();
    } finally {
      proxy.close();
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void aSlowStatementTheServerIsWorkingOnIsLeftAlone(TestDatabase db) {
    String sleep =
        db.kind() == DatabaseKind.POSTGRESQL ? "select 1 from pg_sleep(1.5)" : "select sleep(1.5)";
    try (Engine e =
        engine(db, db.cisternUrl(), db.applicationName() + "-slow", Duration.ofMillis(200))) {
      try (SqlConnection c = e.connect()) {
        assertThat(c.execute(sleep).scalar(Number.class).intValue()).isIn(0, 1);
        assertThat(LostRequestChecks.rounds(e.core()))
            .as("the server was asked about the slow statement")
            .isPositive();
        assertThat(LostRequestChecks.aborted(e.core())).isZero();
        assertThat(c.execute("select 3").scalar(Integer.class)).isEqualTo(3);
      }
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void theProbeLeavesNoSessionBehindAfterClose(TestDatabase db) throws Exception {
    String sleep =
        db.kind() == DatabaseKind.POSTGRESQL ? "select 1 from pg_sleep(1)" : "select sleep(1)";
    String name = db.applicationName() + "-lrc";
    Engine e = engine(db, db.cisternUrl(), name, Duration.ofMillis(100));
    try (SqlConnection c = e.connect()) {
      c.execute(sleep).scalar(Number.class);
    }
    assertThat(e.close(Duration.ofSeconds(1)).errors()).isEmpty();
    dev.cistern.testkit.ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
    dev.cistern.testkit.ServerSessions.awaitCount(db, name + "/probe", 0, Duration.ofSeconds(10));
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void anUnreachableEngineWithTheCheckIsStillClosedByTheCleaner(TestDatabase db) {
    String name = db.applicationName() + "-gc";
    useAndDrop(db, name);
    dev.cistern.testkit.Awaits.untilCollected(
        "closed by the cleaner", () -> dev.cistern.testkit.ServerSessions.count(db, name) == 0);
  }

  /** Opens an engine with the check on, leaves an idle session in its pool, and drops it. */
  private static void useAndDrop(TestDatabase db, String name) {
    Engine e = engine(db, db.cisternUrl(), name, CHECK);
    try (SqlConnection c = e.connect()) {
      c.execute("select 1").scalar(Integer.class);
    }
    dev.cistern.testkit.ServerSessions.awaitCount(db, name, 1, Duration.ofSeconds(10));
  }

  @Test
  void onAnEmbeddedDatabaseTheOptionIsAcceptedAndDoesNothing() {
    try (Engine e =
        Engine.builder("h2:mem:lost-" + System.nanoTime())
            .option(Option.LOST_REQUEST_CHECK, Duration.ofSeconds(1))
            .build()) {
      assertThat(LostRequestChecks.on(e.core())).isFalse();
      try (SqlConnection c = e.connect()) {
        assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
    }
  }

  @Test
  void offByDefault() {
    try (Engine e = Engine.builder("h2:mem:lost-" + System.nanoTime()).build()) {
      assertThat(e.option(Option.LOST_REQUEST_CHECK)).isZero();
      assertThat(LostRequestChecks.on(e.core())).isFalse();
    }
  }

  /** The failure of {@code f}, waited for at most 30 s, or null if it succeeded. */
  private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(f::isDone);
    try {
      f.get(1, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable x = t; x != null; x = x.getCause()) {
      b.append(x.getMessage()).append(" | ");
      if (x instanceof SQLException s) {
        b.append(s.getSQLState()).append(" | ");
      }
    }
    return b.toString();
  }
}
