package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.ConnectionEvent;
import dev.cistern.EngineListener;
import dev.cistern.PoolStatus;
import dev.cistern.internal.engine.ListenerAdapter;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every pool event reaches the public {@link EngineListener}s through {@link ListenerAdapter}. */
class EngineListenerEventsTest {
  private final String name = "ev-" + System.nanoTime();
  private final List<ConnectionPool> pools = new ArrayList<>();

  /** Records "event:id" (or "event:engine" for pool-wide events), and what came with them. */
  static class Recorder implements EngineListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<String, ConnectionEvent> last = new ConcurrentHashMap<>();
    final Map<String, String> threads = new ConcurrentHashMap<>();
    final Map<String, Throwable> causes = new ConcurrentHashMap<>();
    final List<EngineListener.ResetState> resets = new CopyOnWriteArrayList<>();

    private void on(String event, ConnectionEvent e) {
      events.add(event + ":" + e.connectionId());
      last.put(event, e);
      threads.put(event, Thread.currentThread().getName());
    }

    List<String> of(String event) {
      return events.stream().filter(s -> s.startsWith(event + ":")).toList();
    }

    @Override
    public void connect(ConnectionEvent e) {
      on("connect", e);
    }

    @Override
    public void firstConnect(ConnectionEvent e) {
      on("firstConnect", e);
    }

    @Override
    public void checkout(ConnectionEvent e) {
      on("checkout", e);
    }

    @Override
    public void checkin(ConnectionEvent e) {
      on("checkin", e);
    }

    @Override
    public void reset(ConnectionEvent e, EngineListener.ResetState state) {
      on("reset", e);
      resets.add(state);
    }

    @Override
    public void invalidate(ConnectionEvent e, Throwable cause) {
      on("invalidate", e);
      if (cause != null) {
        causes.put("invalidate:" + e.connectionId(), cause);
      }
    }

    @Override
    public void softInvalidate(String engineName, Throwable cause) {
      events.add("softInvalidate:" + engineName);
      causes.put("softInvalidate", cause);
    }

    @Override
    public void close(ConnectionEvent e) {
      on("close", e);
    }

    @Override
    public void detach(ConnectionEvent e) {
      on("detach", e);
    }

    @Override
    public void closeDetached(ConnectionEvent e) {
      on("closeDetached", e);
    }

    @Override
    public void disposed(String engineName) {
      events.add("disposed:" + engineName);
    }
  }

  /** Throws from every event. */
  static class Thrower implements EngineListener {
    final List<String> calls = new CopyOnWriteArrayList<>();

    private void boom(String event) {
      calls.add(event);
      throw new IllegalStateException("listener broke on " + event);
    }

    @Override
    public void connect(ConnectionEvent e) {
      boom("connect");
    }

    @Override
    public void firstConnect(ConnectionEvent e) {
      boom("firstConnect");
    }

    @Override
    public void checkout(ConnectionEvent e) {
      boom("checkout");
    }

    @Override
    public void checkin(ConnectionEvent e) {
      boom("checkin");
    }

    @Override
    public void reset(ConnectionEvent e, EngineListener.ResetState state) {
      boom("reset");
    }

    @Override
    public void invalidate(ConnectionEvent e, Throwable cause) {
      boom("invalidate");
    }

    @Override
    public void softInvalidate(String engineName, Throwable cause) {
      boom("softInvalidate");
    }

    @Override
    public void close(ConnectionEvent e) {
      boom("close");
    }

    @Override
    public void detach(ConnectionEvent e) {
      boom("detach");
    }

    @Override
    public void closeDetached(ConnectionEvent e) {
      boom("closeDetached");
    }

    @Override
    public void disposed(String engineName) {
      boom("disposed");
    }
  }

  private ConnectionPool pool(EngineListener... listeners) {
    return pool(ListenerAdapter.of(name, List.of(listeners)));
  }

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
  void firstAcquireFiresFirstConnectThenConnectOnTheCreatorThenCheckoutOnTheBorrower() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);

    PoolEntry e = p.acquire();

    assertThat(r.events)
        .containsExactly("firstConnect:" + e.id(), "connect:" + e.id(), "checkout:" + e.id());
    assertThat(r.threads.get("connect")).isNotEqualTo(Thread.currentThread().getName());
    assertThat(r.threads.get("firstConnect")).isEqualTo(r.threads.get("connect"));
    assertThat(r.threads.get("checkout")).isEqualTo(Thread.currentThread().getName());
    ConnectionEvent connect = r.last.get("connect");
    assertThat(connect.engineName()).isEqualTo(name);
    assertThat(connect.connectionId()).isEqualTo(e.id());
    assertThat(connect.connection()).isSameAs(e.raw());
    assertThat(connect.checkouts()).isZero();
    assertThat(r.last.get("checkout").checkouts()).isEqualTo(1);
    p.giveBack(e);
  }

  @Test
  void firstConnectFiresOnlyOncePerPool() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);

    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    p.invalidate(a, null);
    PoolEntry c = p.acquire();

    assertThat(r.of("firstConnect")).containsExactly("firstConnect:" + a.id());
    assertThat(r.of("connect"))
        .containsExactly("connect:" + a.id(), "connect:" + b.id(), "connect:" + c.id());
    assertThat(List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates();
    p.giveBack(b);
    p.giveBack(c);
  }

  @Test
  void checkoutFiresOnEveryAcquireWithTheUseCount() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);

    PoolEntry e = p.acquire();
    p.giveBack(e);
    PoolEntry again = p.acquire();

    assertThat(again).isSameAs(e);
    assertThat(r.of("checkout")).containsExactly("checkout:" + e.id(), "checkout:" + e.id());
    assertThat(r.last.get("checkout").checkouts()).isEqualTo(2);
    p.giveBack(again);
  }

  @Test
  void giveBackFiresResetThenCheckin() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();
    r.events.clear();

    p.giveBack(e);

    assertThat(r.events).containsExactly("reset:" + e.id(), "checkin:" + e.id());
    assertThat(r.threads.get("checkin")).isEqualTo(Thread.currentThread().getName());
    assertThat(r.last.get("reset").connection()).isSameAs(e.raw());
  }

  @Test
  void invalidateFiresWithTheCauseAndThenTheConnectionIsClosed() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();
    SQLException cause = new SQLException("connection reset by peer", "08006");

    p.invalidate(e, cause);

    assertThat(r.of("invalidate")).containsExactly("invalidate:" + e.id());
    assertThat(r.causes.get("invalidate:" + e.id())).isSameAs(cause);
    Awaits.untilRecorded(r.events, "close:" + e.id());
    assertThat(r.threads.get("close")).isNotEqualTo(Thread.currentThread().getName());
    assertThat(p.status().size()).isZero();
  }

  @Test
  void invalidateIsToldBeforeTheConnectionIsClosed() throws InterruptedException {
    // The listener's invalidate is where a user would still look at the connection (SQLAlchemy
    // fires invalidate before closing it). Give the closer thread time to run while invalidate is
    // being delivered: if the pool hands the close to the closer first, close is seen before.
    CountDownLatch closed = new CountDownLatch(1);
    AtomicBoolean closedBeforeInvalidate = new AtomicBoolean();
    Recorder r =
        new Recorder() {
          @Override
          public void invalidate(ConnectionEvent e, Throwable cause) {
            super.invalidate(e, cause);
            try {
              closedBeforeInvalidate.set(closed.await(500, TimeUnit.MILLISECONDS));
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void close(ConnectionEvent e) {
            super.close(e);
            closed.countDown();
          }
        };
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();

    p.invalidate(e, new SQLException("gone", "08006"));
    Awaits.untilRecorded(r.events, "close:" + e.id());

    assertThat(closedBeforeInvalidate)
        .as(
            "the pool closed the connection (close event on the closer thread) while its"
                + " invalidate event was still being delivered: %s",
            r.events)
        .isFalse();
    assertThat(r.events).containsSubsequence("invalidate:" + e.id(), "close:" + e.id());
  }

  private ConnectionPool pool(PoolHealth health, Ticker ticker, EngineListener l) {
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults(name).withSize(2, 0).withHealth(health),
            () -> StubDatabase.named(name).connect(),
            ticker,
            PoolSupport.DEFAULT.withListener(ListenerAdapter.of(name, List.of(l))));
    pools.add(p);
    return p;
  }

  @Test
  void keepaliveFindingADeadConnectionFiresInvalidateAndClose() {
    Recorder r = new Recorder();
    FakeTicker ticker = new FakeTicker();
    ConnectionPool p =
        pool(PoolHealth.DEFAULT.withKeepalive(java.time.Duration.ofSeconds(1)), ticker, r);
    PoolEntry e = p.acquire();
    p.giveBack(e);
    StubDatabase.named(name).setValidateReturnsFalse(true);
    ticker.advance(java.time.Duration.ofSeconds(5).toNanos());

    p.maintain(ticker.nanoTime());

    assertThat(r.of("invalidate")).containsExactly("invalidate:" + e.id());
    assertThat(r.causes.get("invalidate:" + e.id()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("keepalive");
    Awaits.untilRecorded(r.events, "close:" + e.id());
  }

  @Test
  void prePingFindingADeadConnectionFiresInvalidateAndSoftInvalidate() {
    Recorder r = new Recorder();
    FakeTicker ticker = new FakeTicker();
    ConnectionPool p = pool(PoolHealth.DEFAULT.withPrePing(true), ticker, r);
    PoolEntry e = p.acquire();
    p.giveBack(e);
    StubDatabase.named(name).setValidateReturnsFalse(true);
    ticker.advance(java.time.Duration.ofSeconds(5).toNanos());

    PoolEntry fresh = p.acquire();

    assertThat(fresh.id()).isNotEqualTo(e.id());
    assertThat(r.events)
        .containsSubsequence(
            "invalidate:" + e.id(), "softInvalidate:" + name, "checkout:" + fresh.id());
    assertThat(r.of("checkout")).containsExactly("checkout:" + e.id(), "checkout:" + fresh.id());
    Awaits.untilRecorded(r.events, "close:" + e.id());
    p.giveBack(fresh);
  }

  @Test
  void softInvalidateAllFiresSoftInvalidateWithTheCause() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();
    p.giveBack(e);
    RuntimeException cause = new RuntimeException("failover");

    p.softInvalidateAll(cause);

    assertThat(r.events).contains("softInvalidate:" + name);
    assertThat(r.causes.get("softInvalidate")).isSameAs(cause);
    // the stale connection is replaced at its next checkout, and closed
    PoolEntry fresh = p.acquire();
    assertThat(fresh.id()).isNotEqualTo(e.id());
    Awaits.untilRecorded(r.events, "close:" + e.id());
    p.giveBack(fresh);
  }

  @Test
  void detachFiresAndTheConnectionIsNotClosed() throws SQLException {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();

    p.detach(e);

    assertThat(r.of("detach")).containsExactly("detach:" + e.id());
    assertThat(r.last.get("detach").connection()).isSameAs(e.raw());
    p.close();
    assertThat(r.events).contains("disposed:" + name).doesNotContain("close:" + e.id());
    assertThat(e.raw().isClosed()).isFalse();
    e.raw().close();
  }

  @Test
  void closeFiresDisposedAndClosesTheIdleConnections() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    p.giveBack(a);
    p.giveBack(b);

    p.close();

    assertThat(r.of("disposed")).containsExactly("disposed:" + name);
    Awaits.untilRecorded(r.events, "close:" + a.id());
    Awaits.untilRecorded(r.events, "close:" + b.id());
    p.close();
    assertThat(r.of("disposed")).as("disposed once").hasSize(1);
  }

  @Test
  void aConnectionBorrowedAtCloseIsClosedWhenItComesBack() {
    Recorder r = new Recorder();
    ConnectionPool p = pool(r);
    PoolEntry e = p.acquire();

    p.close();
    p.giveBack(e);

    assertThat(r.events)
        .containsSubsequence("disposed:" + name, "reset:" + e.id(), "checkin:" + e.id());
    assertThat(r.resets)
        .last()
        .extracting(EngineListener.ResetState::terminateOnly)
        .isEqualTo(true);
    Awaits.untilRecorded(r.events, "close:" + e.id());
  }

  @Test
  void aVetoedCheckoutHandsOutAFreshConnectionAndInvalidatesTheVetoedOne() {
    Recorder r = new Recorder();
    AtomicBoolean vetoed = new AtomicBoolean();
    EngineListener veto =
        new EngineListener() {
          @Override
          public void checkout(ConnectionEvent e) {
            if (vetoed.compareAndSet(false, true)) {
              throw new EngineListener.Veto("session setup failed");
            }
          }
        };
    ConnectionPool p = pool(veto, r);

    PoolEntry e = p.acquire();

    long refused = Long.parseLong(r.of("connect").get(0).substring("connect:".length()));
    assertThat(e.id()).isNotEqualTo(refused);
    assertThat(r.of("checkout"))
        .as("listeners after the vetoing one do not see the refused checkout")
        .containsExactly("checkout:" + e.id());
    assertThat(r.of("invalidate")).containsExactly("invalidate:" + refused);
    Throwable cause = r.causes.get("invalidate:" + refused);
    assertThat(cause)
        .isInstanceOf(PoolListener.CheckoutVeto.class)
        .hasMessageContaining("session setup failed");
    assertThat(cause.getCause()).isInstanceOf(EngineListener.Veto.class);
    Awaits.untilRecorded(r.events, "close:" + refused);
    assertThat(p.status().inUse()).isEqualTo(1);
    p.giveBack(e);
    assertThat(p.status().idle()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsFromEveryEventNeitherBreaksThePoolNorSilencesTheOthers() {
    Thrower thrower = new Thrower();
    Recorder r = new Recorder();
    ConnectionPool p = pool(thrower, r);

    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    assertThat(p.status().inUse()).isEqualTo(2);
    p.giveBack(a);
    PoolStatus s = p.status();
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.idle()).isEqualTo(1);
    assertThat(s.inUse()).isEqualTo(1);
    p.invalidate(b, new SQLException("boom", "08006"));
    p.softInvalidateAll(null);
    PoolEntry c = p.acquire();
    p.detach(c);
    Awaits.untilRecorded(r.events, "close:" + b.id());
    s = p.status();
    assertThat(s.inUse()).isZero();
    p.close();
    Awaits.untilRecorded(r.events, "close:" + a.id());

    assertThat(thrower.calls)
        .contains(
            "firstConnect",
            "connect",
            "checkout",
            "checkin",
            "reset",
            "invalidate",
            "softInvalidate",
            "close",
            "detach",
            "disposed");
    assertThat(r.events)
        .contains(
            "firstConnect:" + a.id(),
            "checkout:" + b.id(),
            "checkin:" + a.id(),
            "reset:" + a.id(),
            "invalidate:" + b.id(),
            "softInvalidate:" + name,
            "detach:" + c.id(),
            "disposed:" + name);
    assertThat(p.isClosed()).isTrue();
  }

  @Test
  void aThrowingPoolListenerIsContainedByThePoolToo() {
    PoolListener broken =
        new PoolListener() {
          @Override
          public void checkout(PoolEntry e) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void checkin(PoolEntry e) {
            throw new IllegalStateException("broken");
          }
        };
    ConnectionPool p = pool(broken);

    PoolEntry e = p.acquire();
    p.giveBack(e);

    assertThat(p.status().idle()).isEqualTo(1);
  }

  @Test
  void theAdapterKeepsACopyOfItsListeners() throws Exception {
    Recorder first = new Recorder();
    Recorder later = new Recorder();
    List<EngineListener> ls = new ArrayList<>(List.of(first));
    PoolListener adapter = ListenerAdapter.of(name, ls);
    ls.add(later);

    ConnectionPool p = pool(adapter);
    p.giveBack(p.acquire());

    assertThat(first.of("checkout")).hasSize(1);
    assertThat(later.events).isEmpty();
  }
}
