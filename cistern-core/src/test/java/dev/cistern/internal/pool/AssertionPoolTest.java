package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternException;
import dev.cistern.PoolAssertionException;
import dev.cistern.PoolClass;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.testkit.stub.StubConnection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssertionPoolTest {
  private final KindFixture fx = new KindFixture("assertion");
  private final Pool pool = fx.pool(PoolClass.ASSERTION);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private PoolEntry checkOutInAHelper() {
    return pool.acquire();
  }

  @Test
  void aSecondCheckoutFailsShowingWhereTheFirstWasMade() {
    PoolEntry first = checkOutInAHelper();
    assertThatThrownBy(pool::acquire)
        .isInstanceOf(PoolAssertionException.class)
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("second checkout")
        .hasMessageContaining("checkOutInAHelper")
        .hasMessageContaining("aSecondCheckoutFailsShowingWhereTheFirstWasMade");
    pool.giveBack(first);
  }

  @Test
  void afterGiveBackANewCheckoutWorksOnTheSameConnection() {
    PoolEntry first = pool.acquire();
    pool.giveBack(first);
    PoolEntry second = pool.acquire();
    assertThat(second).isSameAs(first);
    pool.giveBack(second);
    assertThat(fx.db.openedTotal()).isEqualTo(1);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(pool.status().idle()).isEqualTo(1);
  }

  @Test
  void aSecondCheckoutFromAnotherThreadFailsToo() throws Exception {
    PoolEntry first = pool.acquire();
    assertThatThrownBy(() -> KindFixture.onOtherThread(pool::acquire))
        .isInstanceOf(PoolAssertionException.class);
    pool.giveBack(first);
  }

  @Test
  void closeClosesTheConnectionWhenItComesBack() {
    PoolEntry e = pool.acquire();
    pool.close();
    assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    pool.giveBack(e);
    assertThat(fx.db.liveConnections()).isZero();
  }

  @Test
  void closeWhenIdleClosesAtOnce() {
    pool.giveBack(pool.acquire());
    pool.close();
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(fx.listener.events).contains("disposed");
  }

  @Test
  void aVetoedCheckoutGetsAFreshConnection() {
    fx.listener.vetoes.set(1);
    PoolEntry e = pool.acquire();
    assertThat(e.id()).isEqualTo(2);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    pool.giveBack(e);
  }

  @Test
  void aFailingListenerDoesNotBreakCheckout() {
    fx.listener.failCheckouts = true;
    PoolEntry e = pool.acquire();
    pool.giveBack(e);
    assertThat(pool.acquire()).isSameAs(e);
    pool.giveBack(e);
  }

  @Test
  void rollsBackOnReturn() throws SQLException {
    StubConnection raw = KindFixture.dirtyCheckout(pool);
    assertThat(raw.rollbacks()).isEqualTo(1);
    assertThat(raw.isClosed()).isFalse();
  }

  @Test
  void invalidationAndDetachEndTheCheckout() throws SQLException {
    PoolEntry e = pool.acquire();
    pool.invalidate(e, null);
    assertThat(KindFixture.raw(e).isClosed()).isTrue();
    PoolEntry d = pool.acquire();
    assertThat(d).isNotSameAs(e);
    pool.detach(d);
    PoolEntry next = pool.acquire(); // not an assertion error: d left the pool
    assertThat(next).isNotSameAs(d);
    pool.giveBack(next);
    d.raw().close();
    assertThat(fx.db.liveConnections()).isEqualTo(1);
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
