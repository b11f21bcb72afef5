package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on the stub driver: options, listeners, credentials, invalidate/detach, lifecycle. */
class EngineTest {
  private final String name = "engine-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private Engine engine;

  /** An engine on the stub; a raw jdbc: URL passes its query to the driver, so sizes go here. */
  private Engine engine(int poolSize) {
    StubDriver.register();
    engine = Engine.builder(StubDriver.url(name)).option(Option.POOL_SIZE, poolSize).build();
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
  void creatingAnEngineOpensNothingAndTheFirstConnectOpensOne() {
    Engine e = engine(5);
    assertThat(db.liveConnections()).isZero();
    try (SqlConnection c = e.connect()) {
      assertThat(db.liveConnections()).isEqualTo(1);
      assertThat(c.jdbc()).isNotNull();
    }
    assertThat(e.status().idle()).isEqualTo(1);
  }

  @Test
  void optionsComeFromTheBuilderAndTheUrl() {
    StubDriver.register();
    engine =
        Engine.builder(DatabaseUrl.parse(StubDriver.url(name)))
            .name("orders")
            .poolSize(1, 0)
            .option(Option.MIN_IDLE, 1)
            .option(Option.POOL_TIMEOUT, Duration.ZERO)
            .build();
    await("warmed up").until(() -> engine.status().idle() == 1);
    assertThat(engine.name()).isEqualTo("orders");
    assertThat(engine.option(Option.POOL_SIZE)).isEqualTo(1);
    try (SqlConnection held = engine.connect()) {
      assertThatThrownBy(engine::connect)
          .isInstanceOf(PoolTimeoutException.class)
          .hasMessageStartingWith("pool 'orders' exhausted: size 1, overflow 0/0");
    }
    assertThat(engine.toString())
        .startsWith("Engine(jdbc:stub:")
        .endsWith("pool: size 1, overflow 0/0, idle 1, in use 0, waiting 0)");
  }

  @Test
  void poolClassNullOpensAndClosesPerCheckout() {
    Engine e = engine(5);
    e.close(Duration.ZERO);
    StubDriver.register();
    engine =
        Engine.builder(DatabaseUrl.parse(StubDriver.url(name)))
            .option(Option.POOL_CLASS, PoolClass.NULL)
            .build();
    for (int i = 0; i < 3; i++) {
      engine.connect().close();
    }
    assertThat(db.openedTotal()).isEqualTo(3);
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void listenersHearPoolEventsAndCredentialsAreAskedPerConnection() {
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger asked = new AtomicInteger();
    StubDriver.register();
    engine =
        Engine.builder(DatabaseUrl.parse(StubDriver.url(name)))
            .listener(
                new EngineListener() {
                  @Override
                  public void connect(ConnectionEvent e) {
                    events.add("connect:" + e.engineName());
                  }

                  @Override
                  public void checkout(ConnectionEvent e) {
                    events.add("checkout");
                  }
                })
            .credentials(
                () -> {
                  asked.incrementAndGet();
                  return new Credentials("app", "token-" + asked.get());
                })
            .option(Option.ECHO_POOL, true)
            .build();
    SqlConnection a = engine.connect();
    SqlConnection b = engine.connect();
    a.close();
    b.close();
    assertThat(asked).hasValue(2);
    assertThat(events).contains("connect:" + engine.name(), "checkout");
  }

  @Test
  void invalidateClosesThePhysicalConnectionAndThePoolOpensAnother() {
    Engine e = engine(5);
    SqlConnection c = e.connect();
    c.invalidate();
    assertThat(c.isClosed()).isTrue();
    await("invalidated one closed").until(() -> db.liveConnections() == 0);
    assertThat(e.status().size()).isZero();
    e.connect().close();
    assertThat(db.openedTotal()).isEqualTo(2);
  }

  @Test
  void detachLeavesThePoolAndCloseThenReallyCloses() throws SQLException {
    Engine e = engine(5);
    SqlConnection c = e.connect();
    Connection raw = c.jdbc().unwrap(Connection.class);
    c.detach();
    assertThat(e.status().size()).isZero();
    assertThat(db.liveConnections()).isEqualTo(1);
    c.close();
    assertThat(db.liveConnections()).isZero();
    assertThat(raw.isClosed()).isTrue();
  }

  @Test
  void disposeClosesIdleNowBorrowedOnReturnAndTheEngineGoesOn() {
    Engine e = engine(3);
    SqlConnection busy = e.connect();
    e.connect().close();
    e.connect().close();
    assertThat(db.liveConnections()).isEqualTo(2);
    e.dispose();
    await("idle closed").until(() -> db.liveConnections() == 1);
    busy.close();
    await("borrowed closed on return").until(() -> db.liveConnections() == 0);
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
    }
    assertThat(e.isClosed()).isFalse();
  }

  @Test
  void closeWaitsForBorrowedConnectionsThenAbortsAndRefusesNewOnes() {
    Engine e = engine(3);
    SqlConnection late = e.connect();
    e.connect().close();
    DisposalReport r = e.close(Duration.ofMillis(50));
    assertThat(r.closedIdle()).isEqualTo(1);
    assertThat(r.aborted()).isEqualTo(1);
    assertThat(r.toString()).startsWith("engine '" + e.name() + "' closed: 1 idle, 0 returned");
    assertThat(db.abortedTotal()).isEqualTo(1);
    await("all gone").until(() -> db.liveConnections() == 0);
    assertThat(e.isClosed()).isTrue();
    assertThatThrownBy(e::connect)
        .isInstanceOf(EngineClosedException.class)
        .hasMessageContaining(e.name());
    assertThat(e.close(Duration.ZERO)).isSameAs(r);
    late.close();
  }

  @Test
  void tryWithResourcesClosesTheEngine() {
    StubDriver.register();
    Engine e;
    try (Engine inner = Engine.create(StubDriver.url(name))) {
      e = inner;
      inner.connect().close();
    }
    assertThat(e.isClosed()).isTrue();
    await("closed").until(() -> db.liveConnections() == 0);
  }

  @Test
  void dataSourceBorrowsFromTheEngineAndUnwrapsToIt() throws SQLException {
    Engine e = engine(5);
    DataSource ds = e.dataSource();
    try (Connection c = ds.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThat(ds.unwrap(Engine.class)).isSameAs(e);
    e.close(Duration.ZERO);
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(java.sql.SQLNonTransientConnectionException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void suspendMakesConnectWaitUntilResume() throws Exception {
    Engine e = engine(1);
    e.connect().close();
    e.suspend();
    java.util.concurrent.atomic.AtomicReference<SqlConnection> got =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = new Thread(() -> got.set(e.connect()));
    t.start();
    await("waiting").until(() -> e.status().waiting() == 1);
    assertThat(got.get()).isNull();
    e.resume();
    t.join(10_000);
    assertThat(got.get()).isNotNull();
    got.get().close();
  }

  @Test
  void failFastConnectsAtBuildAndThrowsWhenTheDatabaseIsDown() {
    StubDriver.register();
    db.connectFaults().setFail(true);
    assertThatThrownBy(
            () ->
                Engine.builder(StubDriver.url(name))
                    .name("ff")
                    .option(Option.FAIL_FAST, true)
                    .option(Option.POOL_TIMEOUT, Duration.ofMillis(200))
                    .build())
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("engine 'ff' could not connect")
        .hasCauseInstanceOf(SQLException.class);
    db.connectFaults().setFail(false);
    engine = Engine.builder(StubDriver.url(name)).option(Option.FAIL_FAST, true).build();
    assertThat(db.openedTotal()).as("opened at build").isEqualTo(1);
  }

  @Test
  void aDataSourceConnectionDroppedWithoutCloseIsReclaimed() throws Exception {
    Engine e = engine(1);
    borrowAndDrop(e.dataSource());
    await("reclaimed after GC")
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              System.gc();
              return db.liveConnections() == 0;
            });
    e.connect().close(); // the slot is free again
  }

  private static void borrowAndDrop(DataSource ds) throws SQLException {
    ds.getConnection().isValid(1);
  }
}
