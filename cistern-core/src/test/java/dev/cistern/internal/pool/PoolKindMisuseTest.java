package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternException;
import dev.cistern.PoolAssertionException;
import dev.cistern.PoolClass;
import dev.cistern.ResetOnReturn;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every pool kind does when it is used wrongly: a listener that refuses every connection, an
 * entry given back twice, a borrow after close. The pool must stay consistent and say what
 * happened.
 */
class PoolKindMisuseTest {
  private final KindFixture fx = new KindFixture("misuse");

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private Pool pool(PoolClass kind) {
    return fx.pool(kind, PoolConfig.defaults("misuse").withTimeout(Duration.ofSeconds(5)));
  }

  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void aListenerRefusingEveryConnectionFailsTheBorrowAfterThreeAndLeavesNothingBorrowed(
      PoolClass kind) {
    Pool p = pool(kind);
    fx.listener.vetoes.set(Integer.MAX_VALUE);

    assertThatThrownBy(p::acquire)
        .isInstanceOf(CisternException.class)
        .hasMessageStartingWith("pool 'misuse': a ")
        .hasMessageContaining("refused 3 connections in a row")
        .hasCauseInstanceOf(PoolListener.CheckoutVeto.class);
    assertThat(fx.listener.count("checkout")).isEqualTo(3);
    assertThat(p.borrowed()).isEmpty();
    assertThat(p.status().inUse()).isZero();

    fx.listener.vetoes.set(0);
    PoolEntry e = p.acquire();
    assertThat(p.borrowed()).containsExactly(e);
    p.giveBack(e);
  }

  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void aSecondGiveBackIsIgnoredAndTheEntryIsNotHandedOutTwice(PoolClass kind) {
    Pool p = pool(kind);
    PoolEntry e = p.acquire();
    p.giveBack(e);
    long checkins = fx.listener.count("checkin");

    p.giveBack(e);

    assertThat(fx.listener.count("checkin")).as("no second checkin").isEqualTo(checkins);
    assertThat(p.borrowed()).isEmpty();
    assertThat(p.status().inUse()).isZero();
    PoolEntry a = p.acquire();
    switch (kind) {
      case QUEUE, NULL -> {
        PoolEntry b = p.acquire();
        assertThat(b).as("one connection, two borrowers").isNotSameAs(a);
        assertThat(p.borrowed()).containsExactlyInAnyOrder(a, b);
        p.giveBack(b);
      }
      case STATIC, SINGLETON_THREAD -> {
        PoolEntry b = p.acquire(); // shared by design: one connection, counted twice
        assertThat(b).isSameAs(a);
        assertThat(p.borrowed()).containsExactly(a);
        p.giveBack(b);
        assertThat(p.borrowed()).as("still held once").containsExactly(a);
      }
      case ASSERTION ->
          assertThatThrownBy(p::acquire)
              .isInstanceOf(PoolAssertionException.class)
              .hasMessageContaining("a second checkout was attempted");
    }
    p.giveBack(a);
    assertThat(p.borrowed()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void aBorrowAfterCloseIsRefusedAndAnEntryBorrowedBeforeIsClosedOnReturn(PoolClass kind) {
    Pool p =
        fx.pool(
            kind,
            PoolConfig.defaults("misuse")
                .withTimeout(Duration.ofSeconds(5))
                .withResetOnReturn(ResetOnReturn.NONE));
    PoolEntry e = p.acquire();
    p.close();

    assertThat(p.isClosed()).isTrue();
    assertThatThrownBy(p::acquire)
        .isInstanceOf(PoolClosedException.class)
        .hasMessageContaining("misuse");
    p.giveBack(e);
    assertThat(p.awaitClosed(Duration.ofSeconds(10))).isTrue();
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(p.borrowed()).isEmpty();
  }
}
