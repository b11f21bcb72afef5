package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One lifecycle, every pool kind, every database: what the server sees after {@code dispose()},
 * after {@code close(grace)} with a borrower that comes back in time and with one that does not,
 * and how {@code suspend()} behaves. The contract in {@code Pool} has no defaults, so a kind cannot
 * silently skip a part of it; this class checks that each kind really does each part.
 */
class PoolKindLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  static Stream<Arguments> kinds() {
    List<Arguments> out = new ArrayList<>();
    for (DatabaseKind db :
        List.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.H2)) {
      for (PoolClass kind : PoolClass.values()) {
        out.add(Arguments.of(db, kind));
      }
    }
    return out.stream();
  }

  private static Engine engine(TestDatabase db, PoolClass kind, String name) {
    return Engine.builder(db.cisternUrl())
        .name(name)
        .option(Option.POOL_CLASS, kind)
        .option(Option.SHUTDOWN_HOOK, false)
        .build();
  }

  private static String name(String what, PoolClass kind) {
    return "cistern_k" + what + "_" + kind.ordinal() + "_" + Long.toHexString(System.nanoTime());
  }

  private static void use(SqlConnection c) {
    assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("kinds")
  void closeWaitsForABorrowerThatComesBackInTime(DatabaseKind dbKind, PoolClass kind)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(dbKind)) {
      String name = name("r", kind);
      Engine engine = engine(db, kind, name);
      SqlConnection c = engine.connect();
      use(c);
      ServerSessions.awaitCount(db, name, 1, WAIT);
      CompletableFuture<DisposalReport> closing =
          CompletableFuture.supplyAsync(() -> engine.close(Duration.ofSeconds(60)));
      await().atMost(WAIT).until(engine::isClosed);
      assertThat(closing).as("close waits for the borrowed connection").isNotDone();
      c.close();
      DisposalReport r = closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(r.returnedDuringGrace()).as("%s", r).isEqualTo(1);
      assertThat(r.aborted()).as("%s", r).isZero();
      assertThat(r.errors()).isEmpty();
      ServerSessions.awaitCount(db, name, 0, WAIT);
    }
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("kinds")
  void closeAbortsABorrowerStuckPastTheGracePeriod(DatabaseKind dbKind, PoolClass kind) {
    try (TestDatabase db = TestDatabase.create(dbKind)) {
      String name = name("s", kind);
      Engine engine = engine(db, kind, name);
      SqlConnection stuck = engine.connect();
      use(stuck);
      ServerSessions.awaitCount(db, name, 1, WAIT);
      DisposalReport r = engine.close(Duration.ofMillis(200));
      assertThat(r.aborted()).as("%s", r).isEqualTo(1);
      assertThat(r.returnedDuringGrace()).as("%s", r).isZero();
      assertThat(r.leaked()).hasSize(1);
      ServerSessions.awaitCount(db, name, 0, WAIT);
      assertThatThrownBy(() -> stuck.execute("select 1")).isInstanceOf(CisternException.class);
      stuck.close(); // giving back an aborted connection is harmless
      assertThat(engine.close(Duration.ZERO))
          .as("a second close returns the first report")
          .isSameAs(r);
    }
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("kinds")
  void disposeClosesIdleNowAndBorrowedWhenTheyComeBack(DatabaseKind dbKind, PoolClass kind) {
    try (TestDatabase db = TestDatabase.create(dbKind)) {
      String name = name("d", kind);
      Engine engine = engine(db, kind, name);
      SqlConnection busy = engine.connect();
      use(busy);
      ServerSessions.awaitCount(db, name, 1, WAIT);
      engine.dispose();
      use(busy); // still the borrower's until it comes back
      busy.close();
      ServerSessions.awaitCount(db, name, 0, WAIT);
      try (SqlConnection again = engine.connect()) {
        use(again);
      }
      DisposalReport r = engine.close(Duration.ofSeconds(5));
      assertThat(r.aborted()).as("%s", r).isZero();
      ServerSessions.awaitCount(db, name, 0, WAIT);
    }
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("kinds")
  void suspendMakesNewBorrowersWaitUntilResume(DatabaseKind dbKind, PoolClass kind)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(dbKind)) {
      String name = name("p", kind);
      try (Engine engine =
          Engine.builder(db.cisternUrl())
              .name(name)
              .option(Option.POOL_CLASS, kind)
              .option(Option.SHUTDOWN_HOOK, false)
              .option(Option.POOL_TIMEOUT, Duration.ofMillis(300))
              .build()) {
        engine.suspend();
        assertThatThrownBy(engine::connect)
            .as("suspended: a borrower waits poolTimeout, then gives up")
            .isInstanceOf(PoolTimeoutException.class);
        engine.resume();
        try (SqlConnection c = engine.connect()) {
          use(c);
        }
      }
      ServerSessions.awaitCount(db, name, 0, WAIT);
    }
  }
}
