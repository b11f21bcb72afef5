package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.ConnectionEvent;
import dev.cistern.EngineListener;
import dev.cistern.EngineListener.ResetState;
import dev.cistern.PoolClass;
import dev.cistern.ResetOnReturn;
import dev.cistern.internal.engine.ListenerAdapter;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.testkit.stub.StubConnection;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool events in SQLAlchemy 2.0's order (lib/sqlalchemy/pool/base.py {@code _finalize_fairy},
 * {@code _ConnectionRecord.checkin} and {@code __connect}; pool/events.py), on every pool kind.
 */
class SqlAlchemyPoolEventsTest {
  private final String name = "sa-ev-" + System.nanoTime();
  private final List<Pool> pools = new ArrayList<>();

  @AfterEach
  void tearDown() {
    pools.forEach(Pool::close);
    StubDatabase.reset(name);
  }

  /** Records "event:id", the reset states, and what the driver had done when reset fired. */
  static class Recorder extends EngineListenerEventsTest.Recorder {
    final List<ResetState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<Long, String> driverAtReset = new ConcurrentHashMap<>();
    final Map<String, ConnectionEvent> lastEvent = new ConcurrentHashMap<>();

    @Override
    public void reset(ConnectionEvent e, ResetState state) {
      super.reset(e, state);
      states.add(state);
      if (e.connection() instanceof StubConnection s) {
        driverAtReset.put(
            e.connectionId(), "rollbacks=" + s.rollbacks() + " commits=" + s.commits());
      }
    }

    @Override
    public void checkin(ConnectionEvent e) {
      super.checkin(e);
      lastEvent.put("checkin", e);
    }
  }

  private Pool pool(PoolClass kind, PoolConfig config, ConnectionFactory f, EngineListener l) {
    Pool p =
        Pools.create(
            kind,
            config,
            f,
            Ticker.SYSTEM,
            PoolSupport.DEFAULT.withListener(ListenerAdapter.of(name, List.of(l))));
    pools.add(p);
    return p;
  }

  private Pool pool(PoolClass kind, ResetOnReturn reset, EngineListener l) {
    return pool(
        kind,
        PoolConfig.defaults(name).withSize(2, 0).withResetOnReturn(reset),
        () -> StubDatabase.named(name).connect(),
        l);
  }

  /** Borrows a connection and leaves a transaction open on it, as a raw JDBC borrower would. */
  private static PoolEntry borrowWithOpenTransaction(Pool p) throws SQLException {
    PoolEntry e = p.acquire();
    e.raw().setAutoCommit(false);
    e.connectionState().markTransactionDirty();
    return e;
  }

  // SQLAlchemy: PoolEvents.reset is "called before the reset action occurs", i.e. before the
  // pool's rollback (or commit), and _finalize_fairy runs _reset before _ConnectionRecord.checkin,
  // so reset fires before checkin.
  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void resetFiresBeforeThePoolsRollbackAndCheckinAfterIt(PoolClass kind) throws SQLException {
    Recorder r = new Recorder();
    Pool p = pool(kind, ResetOnReturn.ROLLBACK, r);
    PoolEntry e = borrowWithOpenTransaction(p);
    StubConnection raw = (StubConnection) e.raw();
    r.events.clear();

    p.giveBack(e);

    assertThat(r.events).startsWith("reset:" + e.id(), "checkin:" + e.id());
    assertThat(r.driverAtReset.get(e.id()))
        .as("the pool had not rolled back yet when reset fired")
        .isEqualTo("rollbacks=0 commits=0");
    assertThat(raw.rollbacks()).as("then the pool rolled back").isEqualTo(1);
    assertThat(r.states)
        .containsExactly(new ResetState(ResetOnReturn.ROLLBACK, kind == PoolClass.NULL, false));
  }

  // SQLAlchemy: PoolResetState tells the reset listener what the pool is about to do, so that it
  // can replace it (reset_on_return=None plus a custom reset in the event).
  @Test
  void resetIsToldTheConfiguredKindAndCanDoItsOwnResetBeforeThePools() throws SQLException {
    EngineListener customReset =
        new EngineListener() {
          @Override
          public void reset(ConnectionEvent e, ResetState state) {
            if (state.kind() == ResetOnReturn.NONE) {
              try {
                e.connection().rollback();
              } catch (SQLException ex) {
                throw new IllegalStateException(ex);
              }
            }
          }
        };
    Recorder r = new Recorder();
    Pool commit = pool(PoolClass.QUEUE, ResetOnReturn.COMMIT, r);
    PoolEntry c = borrowWithOpenTransaction(commit);
    commit.giveBack(c);
    assertThat(r.driverAtReset.get(c.id())).isEqualTo("rollbacks=0 commits=0");
    assertThat(r.states).containsExactly(new ResetState(ResetOnReturn.COMMIT, false, false));
    assertThat(((StubConnection) c.raw()).commits()).isEqualTo(1);

    Pool none = pool(PoolClass.QUEUE, ResetOnReturn.NONE, customReset);
    PoolEntry n = borrowWithOpenTransaction(none);
    none.giveBack(n);
    assertThat(((StubConnection) n.raw()).rollbacks()).as("the listener's own reset").isEqualTo(1);
  }

  // SQLAlchemy: when _reset raises, _finalize_fairy invalidates the record and still calls
  // _ConnectionRecord.checkin, whose checkin event gets dbapi_connection None. Decided: same here,
  // so that every checkout is matched by exactly one checkin (listeners that count borrowed
  // connections stay right); the event's connection is null, as it is being closed.
  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void aFailedResetInvalidatesTheConnectionAndCheckinStillFiresWithoutIt(PoolClass kind)
      throws SQLException {
    Recorder r = new Recorder();
    Pool p = pool(kind, ResetOnReturn.ROLLBACK, r);
    PoolEntry e = borrowWithOpenTransaction(p);
    ((StubConnection) e.raw()).markBroken(); // rollback now throws 08006
    r.events.clear();

    p.giveBack(e);

    assertThat(r.events)
        .startsWith("reset:" + e.id(), "invalidate:" + e.id())
        .containsSubsequence("invalidate:" + e.id(), "checkin:" + e.id())
        .containsOnlyOnce("checkin:" + e.id());
    assertThat(r.lastEvent.get("checkin").connection()).isNull();
    assertThat(r.lastEvent.get("checkin").connectionId()).isEqualTo(e.id());
    await("close:" + e.id()).until(() -> r.events.contains("close:" + e.id()));
    PoolEntry next = p.acquire();
    assertThat(next.id()).as("the broken connection is not reused").isNotEqualTo(e.id());
    p.giveBack(next);
  }

  // SQLAlchemy: a detached fairy (Connection.detach()) being closed goes through _finalize_fairy
  // with detach=True: reset(terminate_only=True), then close_detached, then the DBAPI close; no
  // checkin, as the pool no longer knows the connection.
  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void closingADetachedConnectionFiresResetThenCloseDetachedThenClosesIt(PoolClass kind)
      throws SQLException {
    AtomicReference<Boolean> openAtCloseDetached = new AtomicReference<>();
    Recorder r =
        new Recorder() {
          @Override
          public void closeDetached(ConnectionEvent e) {
            super.closeDetached(e);
            try {
              openAtCloseDetached.set(!e.connection().isClosed());
            } catch (SQLException ex) {
              throw new IllegalStateException(ex);
            }
          }
        };
    Pool p = pool(kind, ResetOnReturn.ROLLBACK, r);
    PoolEntry e = borrowWithOpenTransaction(p);
    StubConnection raw = (StubConnection) e.raw();
    ProxyConnection proxy = ProxyConnection.of(e, p);

    assertThat(proxy.detach()).isTrue();
    proxy.close();

    assertThat(r.events)
        .containsSubsequence("detach:" + e.id(), "reset:" + e.id(), "closeDetached:" + e.id())
        .doesNotContain("checkin:" + e.id(), "close:" + e.id());
    assertThat(r.states).containsExactly(new ResetState(ResetOnReturn.ROLLBACK, true, true));
    assertThat(r.driverAtReset.get(e.id())).isEqualTo("rollbacks=0 commits=0");
    assertThat(raw.rollbacks()).as("the open transaction was rolled back").isEqualTo(1);
    assertThat(openAtCloseDetached.get()).as("closeDetached comes before the close").isTrue();
    assertThat(raw.isClosed()).isTrue();
    assertThat(p.status().inUse()).isZero();
  }

  @Test
  void aClosedOrInvalidatedConnectionCannotBeDetached() throws SQLException {
    Recorder r = new Recorder();
    Pool p = pool(PoolClass.QUEUE, ResetOnReturn.ROLLBACK, r);
    ProxyConnection closed = ProxyConnection.of(p.acquire(), p);
    closed.close();
    assertThat(closed.detach()).isFalse();

    ProxyConnection broken = ProxyConnection.of(p.acquire(), p);
    broken.checkException(new SQLException("gone", "08006"));
    assertThat(broken.detach()).isFalse();
    broken.close();

    assertThat(r.of("detach")).isEmpty();
  }

  /** A listener whose firstConnect waits for the test to let it go. */
  static final class BlockingFirstConnect extends Recorder {
    final CountDownLatch inFirstConnect = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Thread firstThread;

    @Override
    public void firstConnect(ConnectionEvent e) {
      super.firstConnect(e);
      firstThread = Thread.currentThread();
      inFirstConnect.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True if {@code t} waits to announce its connection until the first one's events are done. */
  private static boolean waitsForTheFirstConnect(Thread t) {
    return t.getState() == Thread.State.BLOCKED
        && Arrays.stream(t.getStackTrace())
            .anyMatch(
                f ->
                    f.getClassName().equals(PoolListeners.class.getName())
                        && f.getMethodName().equals("opened"));
  }

  /**
   * Lets a second opening happen on {@code other} (found among {@code openers}) while the first
   * connection's firstConnect blocks, and checks that its connect waits for it.
   */
  private static void assertSecondConnectWaitsForTheFirst(
      BlockingFirstConnect r, Set<Thread> openers) throws InterruptedException {
    assertThat(r.inFirstConnect.await(10, TimeUnit.SECONDS)).isTrue();
    await("a second opening")
        .untilAsserted(() -> assertThat(openers.size() >= 2).as(openers::toString).isTrue());
    Thread other = openers.stream().filter(t -> t != r.firstThread).findFirst().orElseThrow();
    await("the second opening to fire connect or wait for firstConnect")
        .untilAsserted(
            () ->
                assertThat(!r.of("connect").isEmpty() || waitsForTheFirstConnect(other))
                    .as(r.events::toString)
                    .isTrue());

    assertThat(r.of("connect"))
        .as("no connect fires while the first connection's firstConnect runs")
        .isEmpty();

    r.release.countDown();
    await("both connects")
        .untilAsserted(
            () -> assertThat(r.of("connect").size() == 2).as(r.events::toString).isTrue());
    String first = r.of("firstConnect").get(0);
    long firstId = Long.parseLong(first.substring("firstConnect:".length()));
    List<String> events =
        r.events.stream()
            .filter(ev -> ev.startsWith("firstConnect:") || ev.startsWith("connect:"))
            .toList();
    assertThat(events.subList(0, 2))
        .containsExactly("firstConnect:" + firstId, "connect:" + firstId);
    assertThat(events.get(2)).startsWith("connect:").isNotEqualTo("connect:" + firstId);
    assertThat(r.of("firstConnect")).hasSize(1);
  }

  // SQLAlchemy: _ConnectionRecord.__connect runs first_connect with exec_once and connect with
  // "_exec_w_sync_on_first_run": other connections' connect events wait, under a mutex, for the
  // first run to finish. The queue pool's creator opens minIdle=2 connections on 2 threads at once.
  @Test
  void theQueuePoolsSecondConnectWaitsForTheFirstConnectionsFirstConnectAndConnect()
      throws InterruptedException {
    BlockingFirstConnect r = new BlockingFirstConnect();
    Set<Thread> openers = ConcurrentHashMap.newKeySet();
    pool(
        PoolClass.QUEUE,
        PoolConfig.defaults(name).withSize(2, 0).withMinIdle(2),
        () -> {
          StubConnection c = StubDatabase.named(name).connect();
          openers.add(Thread.currentThread());
          return c;
        },
        r);

    assertSecondConnectWaitsForTheFirst(r, openers);
  }

  // The same SQLAlchemy rule for the kinds that open on the borrowers' threads: two borrowers open
  // at once, and the second one's connect waits for the first connection's firstConnect + connect.
  @ParameterizedTest
  @EnumSource(
      value = PoolClass.class,
      names = {"NULL", "SINGLETON_THREAD"})
  void aSecondBorrowersConnectWaitsForTheFirstConnectionsFirstConnectAndConnect(PoolClass kind)
      throws Exception {
    BlockingFirstConnect r = new BlockingFirstConnect();
    Set<Thread> openers = ConcurrentHashMap.newKeySet();
    Pool p =
        pool(
            kind,
            PoolConfig.defaults(name).withSize(2, 0),
            () -> {
              StubConnection c = StubDatabase.named(name).connect();
              openers.add(Thread.currentThread());
              return c;
            },
            r);
    List<Thread> borrowers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  p.giveBack(p.acquire());
                } catch (RuntimeException ex) {
                  failures.add(ex);
                }
              },
              "borrower-" + i);
      t.start();
      borrowers.add(t);
    }

    try {
      assertSecondConnectWaitsForTheFirst(r, openers);
    } finally {
      r.release.countDown();
      for (Thread t : borrowers) {
        t.join(10_000);
      }
    }
    assertThat(failures).isEmpty();
  }
}
