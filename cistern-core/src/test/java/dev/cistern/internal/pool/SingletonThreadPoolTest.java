package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.PoolClass;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.testkit.stub.StubConnection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingletonThreadPoolTest {
  private final KindFixture fx = new KindFixture("thread");
  private final Pool pool = fx.pool(PoolClass.SINGLETON_THREAD);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private Pool sized(int poolSize) {
    return fx.pool(PoolClass.SINGLETON_THREAD, PoolConfig.defaults("t").withSize(poolSize, 0));
  }

  /** Checks a connection out and back in on a new thread; returns it. */
  private static PoolEntry cycleOnOtherThread(Pool p) throws Exception {
    return KindFixture.onOtherThread(
        () -> {
          PoolEntry e = p.acquire();
          p.giveBack(e);
          return e;
        });
  }

  @Test
  void theSameThreadGetsTheSameConnection() {
    PoolEntry first = pool.acquire();
    pool.giveBack(first);
    PoolEntry second = pool.acquire();
    pool.giveBack(second);
    assertThat(second).isSameAs(first);
    assertThat(fx.db.openedTotal()).isEqualTo(1);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(pool.status().idle()).isEqualTo(1);
  }

  @Test
  void nestedCheckoutsShareItAndOnlyTheOutermostReturnResets() throws SQLException {
    PoolEntry outer = pool.acquire();
    PoolEntry inner = pool.acquire();
    assertThat(inner).isSameAs(outer);
    pool.giveBack(inner);
    assertThat(pool.status().inUse()).isEqualTo(1);
    pool.giveBack(outer);
    assertThat(pool.status().idle()).isEqualTo(1);
    assertThat(fx.listener.count("checkout")).isEqualTo(1);
    assertThat(fx.listener.count("reset")).isEqualTo(1);
  }

  @Test
  void twoThreadsGetTwoConnections() throws Exception {
    PoolEntry mine = pool.acquire();
    PoolEntry theirs = cycleOnOtherThread(pool);
    assertThat(theirs).isNotSameAs(mine);
    assertThat(fx.openingThreads).hasSize(2).doesNotHaveDuplicates();
    pool.giveBack(mine);
    assertThat(fx.db.liveConnections()).isEqualTo(2);
    assertThat(pool.status().size()).isEqualTo(2);
  }

  @Test
  void beyondPoolSizeTheLeastRecentlyUsedIdleOneIsClosed() throws Exception {
    Pool p = sized(2);
    PoolEntry a = cycleOnOtherThread(p);
    PoolEntry b = cycleOnOtherThread(p);
    PoolEntry c = cycleOnOtherThread(p);
    assertThat(KindFixture.raw(a).isClosed()).isTrue();
    assertThat(KindFixture.raw(b).isClosed()).isFalse();
    assertThat(KindFixture.raw(c).isClosed()).isFalse();
    assertThat(fx.db.liveConnections()).isEqualTo(2);
    assertThat(p.status().size()).isEqualTo(2);
  }

  @Test
  void aThreadWhoseConnectionWasClosedGetsANewOne() throws Exception {
    Pool p = sized(1);
    PoolEntry mine = p.acquire();
    p.giveBack(mine);
    cycleOnOtherThread(p); // pushes mine out
    assertThat(KindFixture.raw(mine).isClosed()).isTrue();
    PoolEntry again = p.acquire();
    assertThat(again).isNotSameAs(mine);
    p.giveBack(again);
    assertThat(fx.db.openedTotal()).isEqualTo(3);
  }

  @Test
  void connectionsInUseAreNeverPushedOut() throws Exception {
    Pool p = sized(1);
    PoolEntry mine = p.acquire();
    cycleOnOtherThread(p);
    assertThat(KindFixture.raw(mine).isClosed()).isFalse();
    p.giveBack(mine);
    // mine is the one used last now; the other thread's idle one was the oldest
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(KindFixture.raw(mine).isClosed()).isFalse();
  }

  @Test
  void closeClosesIdleOnesNowAndHeldOnesOnReturn() throws Exception {
    cycleOnOtherThread(pool);
    PoolEntry mine = pool.acquire();
    pool.close();
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class);
    pool.giveBack(mine);
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(pool.status().size()).isZero();
  }

  @Test
  void aVetoedCheckoutGetsAFreshConnection() {
    fx.listener.vetoes.set(1);
    PoolEntry e = pool.acquire();
    assertThat(e.id()).isEqualTo(2);
    pool.giveBack(e);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(pool.acquire()).isSameAs(e);
    pool.giveBack(e);
  }

  @Test
  void aFailingListenerDoesNotBreakCheckout() {
    fx.listener.failCheckouts = true;
    PoolEntry e = pool.acquire();
    pool.giveBack(e);
    assertThat(pool.status().idle()).isEqualTo(1);
  }

  @Test
  void rollsBackOnReturnAndKeepsTheConnection() throws SQLException {
    StubConnection raw = KindFixture.dirtyCheckout(pool);
    assertThat(raw.rollbacks()).isEqualTo(1);
    assertThat(raw.getAutoCommit()).isTrue();
    assertThat(raw.isClosed()).isFalse();
  }

  @Test
  void softInvalidationReplacesItAtTheNextCheckout() {
    PoolEntry e = pool.acquire();
    pool.giveBack(e);
    pool.softInvalidateAll(null);
    PoolEntry next = pool.acquire();
    assertThat(next).isNotSameAs(e);
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    pool.giveBack(next);
  }

  @Test
  void invalidateAndDetachForgetTheConnection() throws SQLException {
    PoolEntry e = pool.acquire();
    pool.invalidate(e, null);
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    PoolEntry d = pool.acquire();
    assertThat(d).isNotSameAs(e);
    pool.detach(d);
    pool.giveBack(d);
    assertThat(pool.status().size()).isZero();
    assertThat(KindFixture.raw(d).isClosed()).isFalse();
    d.raw().close();
    assertThat(fx.db.liveConnections()).isZero();
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
