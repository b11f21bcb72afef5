package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.PoolClass;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolsTest {
  private final KindFixture fx = new KindFixture("pools");

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void everyKindMapsToItsPool() {
    Map<PoolClass, Class<? extends Pool>> expected = new EnumMap<>(PoolClass.class);
    expected.put(PoolClass.QUEUE, ConnectionPool.class);
    expected.put(PoolClass.NULL, NullPool.class);
    expected.put(PoolClass.STATIC, StaticPool.class);
    expected.put(PoolClass.SINGLETON_THREAD, SingletonThreadPool.class);
    expected.put(PoolClass.ASSERTION, AssertionPool.class);
    assertThat(expected.keySet()).containsExactlyInAnyOrder(PoolClass.values());
    PoolConfig config = PoolConfig.defaults("kinds");
    for (PoolClass kind : PoolClass.values()) {
      Pool p = fx.pool(kind, config);
      assertThat(p).isExactlyInstanceOf(expected.get(kind));
      assertThat(p.config()).isSameAs(config);
      PoolEntry e = p.acquire();
      p.giveBack(e);
      p.close();
      assertThat(p.isClosed()).isTrue();
    }
    // the queue pool closes on its background closer; the others closed theirs on this thread
    await().untilAsserted(() -> assertThat(fx.db.liveConnections()).isZero());
  }
}
