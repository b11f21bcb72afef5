package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.PoolClass;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.testkit.stub.StubConnection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StaticPoolTest {
  private final KindFixture fx = new KindFixture("static");
  private final StaticPool pool = (StaticPool) fx.pool(PoolClass.STATIC);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void concurrentHoldersShareOneConnection() throws Exception {
    int n = 3;
    CyclicBarrier allHolding = new CyclicBarrier(n);
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      List<Future<PoolEntry>> got = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        got.add(
            threads.submit(
                () -> {
                  PoolEntry e = pool.acquire();
                  allHolding.await(10, TimeUnit.SECONDS); // all three hold it at once
                  assertThat(pool.holders()).isEqualTo(n);
                  allHolding.await(10, TimeUnit.SECONDS);
                  pool.giveBack(e);
                  return e;
                }));
      }
      PoolEntry first = got.get(0).get(10, TimeUnit.SECONDS);
      for (Future<PoolEntry> f : got) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(fx.db.openedTotal()).isEqualTo(1);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(pool.holders()).isZero();
    assertThat(pool.status().idle()).isEqualTo(1);
    assertThat(fx.listener.count("checkout")).isEqualTo(3);
    assertThat(fx.listener.count("checkin")).isEqualTo(3);
    assertThat(fx.listener.count("reset")).isEqualTo(1);
  }

  @Test
  void givingBackNeverClosesIt() {
    for (int i = 0; i < 3; i++) {
      pool.giveBack(pool.acquire());
    }
    assertThat(fx.db.openedTotal()).isEqualTo(1);
    assertThat(fx.db.closedTotal()).isZero();
    assertThat(pool.status().size()).isEqualTo(1);
  }

  @Test
  void onlyTheLastHolderResets() throws SQLException {
    PoolEntry e1 = pool.acquire();
    ProxyConnection c1 = ProxyConnection.of(e1, pool);
    ProxyConnection c2 = ProxyConnection.of(pool.acquire(), pool);
    StubConnection raw = KindFixture.raw(e1);
    c1.setAutoCommit(false);
    try (Statement s = c1.createStatement()) {
      s.executeUpdate("insert into t values (1)");
    }
    c1.close();
    assertThat(raw.rollbacks()).isZero(); // c2 still shares the transaction
    assertThat(raw.getAutoCommit()).isFalse();
    c2.close();
    assertThat(raw.rollbacks()).isEqualTo(1);
    assertThat(raw.getAutoCommit()).isTrue();
    assertThat(raw.isClosed()).isFalse();
  }

  @Test
  void closeWaitsForTheLastHolder() {
    PoolEntry a = pool.acquire();
    PoolEntry b = pool.acquire();
    pool.close();
    assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class);
    pool.giveBack(a);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    pool.giveBack(b);
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(fx.listener.events).contains("close#1", "disposed");
  }

  @Test
  void closeWithNoHolderClosesAtOnce() {
    pool.giveBack(pool.acquire());
    pool.close();
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(pool.status().size()).isZero();
  }

  @Test
  void aVetoedCheckoutGetsAFreshConnection() {
    fx.listener.vetoes.set(1);
    PoolEntry e = pool.acquire();
    assertThat(e.id()).isEqualTo(2);
    assertThat(fx.db.openedTotal()).isEqualTo(2);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(pool.holders()).isEqualTo(1);
    pool.giveBack(e);
  }

  @Test
  void aFailingListenerDoesNotBreakCheckout() {
    fx.listener.failCheckouts = true;
    PoolEntry e = pool.acquire();
    assertThat(pool.acquire()).isSameAs(e);
    pool.giveBack(e);
    pool.giveBack(e);
    assertThat(pool.holders()).isZero();
  }

  @Test
  void invalidationReplacesTheConnection() {
    PoolEntry e = pool.acquire();
    pool.invalidate(e, null);
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    pool.giveBack(e); // ignored
    PoolEntry next = pool.acquire();
    assertThat(next).isNotSameAs(e);
    assertThat(pool.holders()).isEqualTo(1);
    pool.giveBack(next);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
  }

  @Test
  void softInvalidationReplacesItOnceNoOneHoldsIt() {
    PoolEntry e = pool.acquire();
    pool.softInvalidateAll(null);
    assertThat(pool.acquire()).isSameAs(e); // still held: keep sharing it
    pool.giveBack(e);
    pool.giveBack(e);
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    PoolEntry next = pool.acquire();
    assertThat(next).isNotSameAs(e);
    pool.giveBack(next);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(fx.listener.events).contains("softInvalidate");
  }

  @Test
  void detachHandsTheConnectionOver() throws SQLException {
    PoolEntry e = pool.acquire();
    pool.detach(e);
    assertThat(pool.status().size()).isZero();
    PoolEntry next = pool.acquire();
    assertThat(next).isNotSameAs(e);
    pool.giveBack(next);
    assertThat(KindFixture.raw(e).isClosed()).isFalse();
    e.raw().close();
  }

  @Test
  void aConnectionThatCannotBeResetIsInvalidated() throws SQLException {
    PoolEntry e = pool.acquire();
    ProxyConnection c = ProxyConnection.of(e, pool);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("insert into t values (1)");
    }
    KindFixture.raw(e).markBroken();
    c.close();
    assertThat(fx.listener.events).contains("invalidate#" + e.id(), "close#" + e.id());
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    PoolEntry next = pool.acquire();
    assertThat(next).isNotSameAs(e);
    pool.giveBack(next);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
  }
}
