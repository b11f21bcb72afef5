package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recycle, idle timeout, keepalive, max uses, pre-ping, suspend: all on a fake clock. */
class PoolHealthTest {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  private final FakeTicker ticker = new FakeTicker();
  private final StubDatabase db = StubDatabase.named("health-" + System.nanoTime());
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicBoolean alive = new AtomicBoolean(true);
  private final List<ConnectionPool> pools = new ArrayList<>();

  private ConnectionPool pool(int size, int minIdle, PoolHealth health) {
    PoolSupport support =
        new PoolSupport(
            (c, timeout) -> {
              pings.incrementAndGet();
              return alive.get();
            },
            PoolSupport.DEFAULT.disconnect(),
            PoolListener.NONE);
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults("health").withSize(size, 0).withMinIdle(minIdle).withHealth(health),
            db::connect,
            ticker,
            support);
    pools.add(p);
    return p;
  }

  @AfterEach
  void tearDown() {
    pools.forEach(ConnectionPool::close);
    StubDatabase.reset(db.name());
  }

  private static PoolHealth health() {
    return PoolHealth.DEFAULT;
  }

  @Test
  void recycleReplacesAConnectionPastItsLifetimeAtCheckout() {
    ConnectionPool p = pool(1, 0, health().withRecycle(Duration.ofMinutes(30)));
    PoolEntry first = p.acquire();
    p.giveBack(first);
    ticker.advance(29 * MINUTE);
    PoolEntry again = p.acquire();
    assertThat(again).isSameAs(first);
    p.giveBack(again);
    ticker.advance(2 * MINUTE);
    PoolEntry fresh = p.acquire();
    assertThat(fresh.id()).isNotEqualTo(first.id());
    await("old one closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 1).as(p::toString).isTrue());
    p.giveBack(fresh);
  }

  @Test
  void recycleSpreadsExpiryOverTheLast2Point5PercentCappedAt30Seconds() {
    ConnectionPool p = pool(20, 0, health().withRecycle(Duration.ofHours(1)));
    List<PoolEntry> held = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      held.add(p.acquire());
    }
    Set<Long> expiries = new HashSet<>();
    for (PoolEntry e : held) {
      long life = e.maxAgeNanos;
      assertThat(life)
          .isBetween(Duration.ofHours(1).minusSeconds(30).toNanos(), Duration.ofHours(1).toNanos());
      expiries.add(life);
    }
    assertThat(expiries).as("not all expiring together").hasSizeGreaterThan(10);
    held.forEach(p::giveBack);
  }

  @Test
  void aBusyConnectionPastItsLifetimeIsRetiredWhenItComesBack() {
    ConnectionPool p = pool(1, 0, health().withRecycle(Duration.ofMinutes(30)));
    PoolEntry e = p.acquire();
    ticker.advance(31 * MINUTE);
    p.giveBack(e);
    assertThat(p.status().size()).isZero();
    await("closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 0).as(p::toString).isTrue());
  }

  @Test
  void idleTimeoutClosesIdleConnectionsAboveMinIdle() {
    ConnectionPool p = pool(3, 1, health().withIdleTimeout(Duration.ofMinutes(10)));
    List<PoolEntry> held = List.of(p.acquire(), p.acquire(), p.acquire());
    held.forEach(p::giveBack);
    p.maintain(ticker.nanoTime() + 9 * MINUTE);
    assertThat(p.status().idle()).isEqualTo(3);
    p.maintain(ticker.nanoTime() + 11 * MINUTE);
    assertThat(p.status().idle()).isEqualTo(1);
    await("two closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 1).as(p::toString).isTrue());
  }

  @Test
  void maintenanceRetiresSoftInvalidatedIdleConnectionsAndDoesNothingOnceClosed() {
    ConnectionPool p = pool(2, 0, health().withIdleTimeout(Duration.ofMinutes(10)));
    List<PoolEntry> held = List.of(p.acquire(), p.acquire());
    held.forEach(p::giveBack);
    p.softInvalidateAll(new IllegalStateException("failover"));

    p.maintain(ticker.nanoTime() + MINUTE); // long before the idle timeout

    assertThat(p.status().size()).as("both stale, both retired").isZero();
    await("both closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 0).as(p::toString).isTrue());

    PoolEntry fresh = p.acquire();
    p.giveBack(fresh);
    p.close();
    long opened = db.openedTotal();
    assertThatCode(() -> p.maintain(ticker.nanoTime() + 60 * MINUTE)).doesNotThrowAnyException();
    assertThat(db.openedTotal()).as("a closed pool is left alone").isEqualTo(opened);
  }

  @Test
  void keepalivePingsIdleConnectionsAndRetiresDeadOnes() {
    ConnectionPool p = pool(1, 0, health().withKeepalive(Duration.ofMinutes(2)));
    PoolEntry e = p.acquire();
    p.giveBack(e);
    long t0 = ticker.nanoTime();
    p.maintain(t0 + MINUTE);
    assertThat(pings).hasValue(0);
    p.maintain(t0 + 3 * MINUTE);
    assertThat(pings).hasValue(1);
    p.maintain(t0 + 4 * MINUTE);
    assertThat(pings).as("pinged a minute ago").hasValue(1);
    alive.set(false);
    p.maintain(t0 + 6 * MINUTE);
    assertThat(pings).hasValue(2);
    assertThat(p.status().size()).isZero();
    await("dead one closed")
        .untilAsserted(() -> assertThat(db.liveConnections() == 0).as(p::toString).isTrue());
  }

  @Test
  void maxUsesRetiresAConnectionAfterNCheckouts() {
    ConnectionPool p = pool(1, 0, health().withMaxUses(3));
    PoolEntry first = p.acquire();
    p.giveBack(first);
    p.giveBack(p.acquire());
    PoolEntry third = p.acquire();
    assertThat(third).isSameAs(first);
    assertThat(third.uses()).isEqualTo(3);
    p.giveBack(third);
    PoolEntry fourth = p.acquire();
    assertThat(fourth.id()).isNotEqualTo(first.id());
    assertThat(db.openedTotal()).isEqualTo(2);
    p.giveBack(fourth);
  }

  @Test
  void prePingSkipsNewAndRecentlyUsedConnectionsAndReplacesDeadOnesTransparently() {
    ConnectionPool p = pool(1, 0, health().withPrePing(true));
    PoolEntry first = p.acquire();
    assertThat(pings).as("a brand-new connection is not pinged").hasValue(0);
    p.giveBack(first);
    p.giveBack(p.acquire());
    assertThat(pings).as("used within 500 ms").hasValue(0);
    ticker.advance(Duration.ofSeconds(1).toNanos());
    p.giveBack(p.acquire());
    assertThat(pings).hasValue(1);
    ticker.advance(Duration.ofSeconds(1).toNanos());
    alive.set(false);
    PoolEntry replaced = p.acquire();
    assertThat(replaced.id()).isNotEqualTo(first.id());
    assertThat(pings).hasValue(2);
    p.giveBack(replaced);
  }

  @Test
  void softInvalidationReplacesOlderConnectionsAtTheirNextCheckout() {
    ConnectionPool p = pool(2, 0, health());
    PoolEntry a = p.acquire();
    PoolEntry b = p.acquire();
    p.giveBack(a);
    ticker.advance(1);
    p.softInvalidateAll(null);
    PoolEntry c = p.acquire();
    assertThat(c.id()).isNotIn(a.id(), b.id());
    p.giveBack(b);
    assertThat(p.status().size()).as("b was stale too: retired on return").isEqualTo(1);
    p.giveBack(c);
  }

  @Test
  void suspendedPoolMakesBorrowersWaitUntilResumed() throws Exception {
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults("s").withSize(1, 0),
            db::connect,
            Ticker.SYSTEM,
            PoolSupport.DEFAULT);
    pools.add(p);
    p.giveBack(p.acquire());
    p.suspend();
    AtomicReference<PoolEntry> got = new AtomicReference<>();
    Thread t = new Thread(() -> got.set(p.acquire()));
    t.start();
    await("waiting").until(() -> p.status().waiting() == 1);
    assertThat(got.get()).isNull();
    assertThat(p.isSuspended()).isTrue();
    p.resume();
    t.join(10_000);
    assertThat(got.get()).isNotNull();
    p.giveBack(got.get());
  }
}
