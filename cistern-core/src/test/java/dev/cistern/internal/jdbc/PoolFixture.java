package dev.cistern.internal.jdbc;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubDatabase;
import java.util.UUID;

/** A pool over a fresh stub database, for the proxy and pool tests. */
public final class PoolFixture implements AutoCloseable {
  public final String name = "proxy-" + UUID.randomUUID();
  public final StubDatabase db = StubDatabase.named(name);
  public final ConnectionPool pool;

  public PoolFixture(PoolConfig config) {
    this(config, Ticker.SYSTEM);
  }

  public PoolFixture(PoolConfig config, Ticker ticker) {
    pool = new ConnectionPool(config, () -> StubDatabase.named(name).connect(), ticker);
  }

  public static PoolFixture withSize(int size) {
    return new PoolFixture(PoolConfig.defaults("t").withSize(size, 0));
  }

  public ProxyConnection borrow() {
    return ProxyConnection.of(pool.acquire(), pool);
  }

  @Override
  public void close() {
    pool.close();
    StubDatabase.reset(name);
  }
}
