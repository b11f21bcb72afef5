package dev.cistern.internal.pool;

import dev.cistern.testkit.stub.StubDatabase;
import java.util.UUID;

/** A pool over a fresh stub database, for the proxy and pool tests. */
final class PoolFixture implements AutoCloseable {
  final String name = "proxy-" + UUID.randomUUID();
  final StubDatabase db = StubDatabase.named(name);
  final ConnectionPool pool;

  PoolFixture(PoolConfig config) {
    this(config, Ticker.SYSTEM);
  }

  PoolFixture(PoolConfig config, Ticker ticker) {
    pool = new ConnectionPool(config, () -> StubDatabase.named(name).connect(), ticker);
  }

  static PoolFixture withSize(int size) {
    return new PoolFixture(PoolConfig.defaults("t").withSize(size, 0));
  }

  ProxyConnection borrow() {
    return new ProxyConnection(pool.acquire(), pool);
  }

  @Override
  public void close() {
    pool.close();
    StubDatabase.reset(name);
  }
}
