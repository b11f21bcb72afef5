package dev.cistern.internal.pool;

import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** A pool over a fresh stub database, for the proxy tests. */
final class PoolFixture implements AutoCloseable {
  final String name = "proxy-" + UUID.randomUUID();
  final StubDatabase db = StubDatabase.named(name);
  final ConnectionPool pool;

  PoolFixture(PoolConfig config) {
    pool = new ConnectionPool(config, () -> StubDatabase.named(name).connect(), Ticker.SYSTEM);
  }

  static PoolFixture withSize(int size) {
    return new PoolFixture(PoolConfig.defaults("t").withSize(size, 0));
  }

  ProxyConnection borrow() {
    return new ProxyConnection(pool.acquire(), pool);
  }

  /** Polls until {@code value} returns {@code expected} or 10 s pass; returns the last value. */
  static int await(IntSupplier value, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int n = value.getAsInt();
    while (n != expected && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      n = value.getAsInt();
    }
    return n;
  }

  @Override
  public void close() {
    pool.close();
    StubDatabase.reset(name);
  }
}
