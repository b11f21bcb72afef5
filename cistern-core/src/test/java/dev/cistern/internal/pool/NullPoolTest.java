package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternException;
import dev.cistern.PoolClass;
import dev.cistern.testkit.stub.StubConnection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NullPoolTest {
  private final KindFixture fx = new KindFixture("null");
  private final Pool pool = fx.pool(PoolClass.NULL);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void everyCheckoutOpensAndEveryReturnCloses() {
    for (int i = 0; i < 3; i++) {
      PoolEntry e = pool.acquire();
      assertThat(fx.db.liveConnections()).isEqualTo(1);
      pool.giveBack(e);
    }
    assertThat(fx.db.openedTotal()).isEqualTo(3);
    assertThat(fx.db.closedTotal()).isEqualTo(3);
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(pool.status().size()).isZero();
  }

  @Test
  void opensOnTheBorrowersThread() {
    pool.giveBack(pool.acquire());
    assertThat(fx.openingThreads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void statusCountsBorrowedConnectionsAndNothingIdle() {
    PoolEntry a = pool.acquire();
    PoolEntry b = pool.acquire();
    assertThat(a).isNotSameAs(b);
    assertThat(pool.status().size()).isEqualTo(2);
    assertThat(pool.status().inUse()).isEqualTo(2);
    assertThat(pool.status().idle()).isZero();
    pool.giveBack(a);
    pool.giveBack(b);
    assertThat(pool.status().size()).isZero();
  }

  @Test
  void eventsOfOneCycle() {
    PoolEntry e = pool.acquire();
    pool.giveBack(e);
    long id = e.id();
    assertThat(fx.listener.events)
        .containsExactly(
            "firstConnect#" + id,
            "connect#" + id,
            "checkout#" + id,
            "reset#" + id,
            "checkin#" + id,
            "close#" + id);
  }

  @Test
  void closeRefusesCheckoutsAndClosesBorrowedConnectionsOnReturn() {
    PoolEntry e = pool.acquire();
    pool.close();
    assertThat(pool.isClosed()).isTrue();
    assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    pool.giveBack(e);
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(fx.listener.events).contains("disposed");
  }

  @Test
  void aVetoedCheckoutGetsAFreshConnection() {
    fx.listener.vetoes.set(1);
    PoolEntry e = pool.acquire();
    assertThat(e.id()).isEqualTo(2);
    assertThat(fx.db.openedTotal()).isEqualTo(2);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
    assertThat(fx.listener.events).contains("invalidate#1", "close#1");
    pool.giveBack(e);
  }

  @Test
  void aListenerThatVetoesEverythingEndsInAnError() {
    fx.listener.vetoes.set(Integer.MAX_VALUE);
    assertThatThrownBy(pool::acquire)
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("refused")
        .hasCauseInstanceOf(PoolListener.CheckoutVeto.class);
    assertThat(fx.db.liveConnections()).isZero();
  }

  @Test
  void aFailingListenerDoesNotBreakCheckout() {
    fx.listener.failCheckouts = true;
    PoolEntry e = pool.acquire();
    assertThat(e.raw()).isNotNull();
    pool.giveBack(e);
    assertThat(fx.db.openedTotal()).isEqualTo(1);
  }

  @Test
  void rollsBackBeforeClosing() throws SQLException {
    StubConnection raw = KindFixture.dirtyCheckout(pool);
    assertThat(raw.rollbacks()).isEqualTo(1);
    assertThat(raw.isClosed()).isTrue();
  }

  @Test
  void invalidateClosesAndDetachLeavesOpen() throws SQLException {
    PoolEntry bad = pool.acquire();
    pool.invalidate(bad, new SQLException("gone", "08006"));
    assertThat(KindFixture.raw(bad).isClosed()).isTrue();
    pool.giveBack(bad); // ignored
    PoolEntry mine = pool.acquire();
    pool.detach(mine);
    pool.giveBack(mine); // ignored too
    assertThat(KindFixture.raw(mine).isClosed()).isFalse();
    assertThat(pool.status().size()).isZero();
    assertThat(fx.listener.events).contains("detach#" + mine.id());
    mine.raw().close();
    assertThat(fx.db.liveConnections()).isZero();
  }

  @Test
  void reportsDisconnectsPerTheSupport() {
    assertThat(pool.isDisconnect(new SQLException("x", "08S01"))).isTrue();
    assertThat(pool.isDisconnect(new SQLException("x", "42000"))).isFalse();
  }
}
