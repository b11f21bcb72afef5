package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.engine.EchoPoolListener;
import dev.cistern.internal.engine.ListenerAdapter;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The echo logs one line per pool event, naming the pool and the connection. */
class EchoPoolListenerTest {
  private final String name = "echo-" + System.nanoTime();
  private final List<ConnectionPool> pools = new ArrayList<>();

  private ConnectionPool pool(PoolListener listener) {
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults(name).withSize(2, 0),
            () -> StubDatabase.named(name).connect(),
            Ticker.SYSTEM,
            PoolSupport.DEFAULT.withListener(listener));
    pools.add(p);
    return p;
  }

  @AfterEach
  void tearDown() {
    pools.forEach(ConnectionPool::close);
    StubDatabase.reset(name);
  }

  @Test
  void logsEveryEventOnOneLineWithThePoolAndTheConnection() {
    RecordingLogger log = new RecordingLogger(Level.TRACE);
    ConnectionPool p = pool(new EchoPoolListener("orders", log));
    String pre = "pool 'orders': ";

    PoolEntry e = p.acquire();
    long id = e.id();
    assertThat(log.lines)
        .containsExactly(
            "INFO " + pre + "connection #" + id + " is the pool's first",
            "INFO " + pre + "connection #" + id + " opened",
            "INFO " + pre + "connection #" + id + " checked out (uses 1)");
    log.lines.clear();

    p.giveBack(e);
    assertThat(log.lines)
        .containsExactly(
            "INFO " + pre + "connection #" + id + " resetting (rollback)",
            "INFO " + pre + "connection #" + id + " checked in");
    log.lines.clear();

    e = p.acquire();
    assertThat(log.lines)
        .containsExactly("INFO " + pre + "connection #" + id + " checked out (uses 2)");
    p.invalidate(e, new SQLException("connection reset by peer", "08006"));
    assertThat(log.lines)
        .contains("INFO " + pre + "connection #" + id + " invalidated: connection reset by peer");
    Awaits.untilRecorded(log.lines, "INFO " + pre + "connection #" + id + " closed");

    p.softInvalidateAll(new RuntimeException("failover"));
    assertThat(log.lines).contains("INFO " + pre + "all connections soft-invalidated: failover");

    PoolEntry d = p.acquire();
    p.detach(d);
    assertThat(log.lines).contains("INFO " + pre + "connection #" + d.id() + " detached");

    p.close();
    assertThat(log.lines).endsWith("INFO " + pre + "disposed");
    assertThat(log.lines).allSatisfy(l -> assertThat(l).contains(pre).doesNotContain("\n"));
    assertThat(log.lines).noneMatch(l -> l.contains("stub:") || l.contains("jdbc:"));
  }

  @Test
  void aCauseWithoutAMessageIsNamedByItsClassAndAMissingCauseIsSaidSo() {
    RecordingLogger log = new RecordingLogger(Level.TRACE);
    ConnectionPool p = pool(new EchoPoolListener("orders", log));

    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    p.invalidate(a, new IllegalStateException());
    p.invalidate(b, null);

    assertThat(log.lines.stream().filter(l -> l.contains("invalidated")))
        .containsExactly(
            "INFO pool 'orders': connection #"
                + a.id()
                + " invalidated: java.lang.IllegalStateException",
            "INFO pool 'orders': connection #" + b.id() + " invalidated: no cause given");
  }

  @Test
  void everyLineIsAtInfoSoAboveInfoNothingIsLogged() {
    RecordingLogger log = new RecordingLogger(Level.WARN);
    ConnectionPool p = pool(new EchoPoolListener("orders", log));

    PoolEntry e = p.acquire();
    p.giveBack(e);
    e = p.acquire();
    p.invalidate(e, new SQLException("gone"));
    p.softInvalidateAll(null);
    p.close();

    assertThat(log.lines).isEmpty();
  }

  @Test
  void theEchoAndTheEngineListenersWorkTogether() {
    RecordingLogger log = new RecordingLogger(Level.TRACE);
    EngineListenerEventsTest.Recorder r = new EngineListenerEventsTest.Recorder();
    ConnectionPool p =
        pool(
            PoolListeners.compose(
                List.of(new EchoPoolListener(name, log), ListenerAdapter.of(name, List.of(r)))));

    PoolEntry e = p.acquire();
    p.giveBack(e);

    assertThat(r.events)
        .containsExactly(
            "firstConnect:" + e.id(),
            "connect:" + e.id(),
            "checkout:" + e.id(),
            "reset:" + e.id(),
            "checkin:" + e.id());
    assertThat(log.lines).hasSize(5);
  }

  @Test
  void thePublicConstructorLogsToTheDevCisternPoolLogger() {
    ConnectionPool p = pool(new EchoPoolListener(name));

    PoolEntry e = p.acquire();
    p.giveBack(e);
    p.close();

    assertThat(EchoPoolListener.LOGGER).isEqualTo("dev.cistern.pool");
    assertThat(p.isClosed()).isTrue();
  }
}
