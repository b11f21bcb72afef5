package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

class BorrowedConnectionsCheckTest {

  /** A stand-in for an engine pool: counts borrowed connections, records being closed. */
  static final class FakePool implements AutoCloseable {
    final String name;
    final AtomicInteger borrowed = new AtomicInteger();
    boolean closed;

    FakePool(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @BeforeEach
  void reset() {
    Leaky.POOLS.clear();
  }

  @Test
  void failsOnlyTheTestThatLeaksAndClosesTrackedPools() {
    EngineExecutionResults results = InnerTests.run(Leaky.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("leaks"),
                finishedWithFailure(
                    instanceOf(AssertionFailedError.class),
                    message("test ended with 2 connection(s) still borrowed from pool leaky"))))
        .haveExactly(1, event(test("returnsEverything"), finishedSuccessfully()));
    assertThat(Leaky.POOLS).hasSize(2).allMatch(p -> p.closed);
  }

  @Test
  void reportsEveryLeakingPoolAndClearsTracking() {
    BorrowedConnectionsCheck check = new BorrowedConnectionsCheck().closeTrackedObjects(false);
    FakePool a = check.track(new FakePool("a"), p -> p.borrowed.get(), p -> p.name);
    FakePool b = check.track(new FakePool("b"), p -> p.borrowed.get(), p -> p.name);
    FakePool c = check.track(new FakePool("c"), p -> p.borrowed.get(), p -> p.name);
    a.borrowed.set(1);
    c.borrowed.set(3);
    assertThat(check.trackedCount()).isEqualTo(3);

    assertThatThrownBy(() -> check.afterEach(null))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "test ended with 1 connection(s) still borrowed from a; "
                + "test ended with 3 connection(s) still borrowed from c");
    assertThat(check.trackedCount()).isZero();
    assertThat(List.of(a, b, c)).noneMatch(p -> p.closed);
  }

  @Test
  void passesWhenNothingIsBorrowedAndUsesToStringByDefault() throws Exception {
    BorrowedConnectionsCheck check = new BorrowedConnectionsCheck();
    FakePool pool = check.track(new FakePool("p"), p -> p.borrowed.get());
    check.afterEach(null);
    assertThat(pool.closed).isTrue();

    check.track(pool, p -> 1);
    assertThatThrownBy(() -> check.afterEach(null)).hasMessageContaining("borrowed from " + pool);
  }

  @Test
  void tracksARealConnectionHolder(@H2 TestDatabase db) throws SQLException {
    BorrowedConnectionsCheck check = new BorrowedConnectionsCheck();
    List<Connection> open = new ArrayList<>();
    check.track(open, l -> (int) l.stream().filter(BorrowedConnectionsCheckTest::isOpen).count());
    open.add(db.openConnection());
    assertThatThrownBy(() -> check.afterEach(null)).hasMessageStartingWith("test ended with 1 ");
    open.get(0).close();
  }

  private static boolean isOpen(Connection c) {
    try {
      return !c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** One test leaks two connections, the other returns its connection. */
  @InnerTests.Inner
  static class Leaky {
    static final List<FakePool> POOLS = new ArrayList<>();

    @RegisterExtension static final BorrowedConnectionsCheck CHECK = new BorrowedConnectionsCheck();

    private FakePool pool(String name) {
      FakePool pool = CHECK.track(new FakePool(name), p -> p.borrowed.get(), p -> "pool " + p.name);
      POOLS.add(pool);
      return pool;
    }

    @Test
    void leaks() {
      pool("leaky").borrowed.addAndGet(2);
    }

    @Test
    void returnsEverything() {
      FakePool pool = pool("tidy");
      pool.borrowed.incrementAndGet();
      pool.borrowed.decrementAndGet();
      assertThat(CHECK.trackedCount()).isOne();
    }
  }
}
