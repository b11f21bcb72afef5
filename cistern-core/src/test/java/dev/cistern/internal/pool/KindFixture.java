package dev.cistern.internal.pool;

import dev.cistern.PoolClass;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.testkit.stub.StubConnection;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Pools of the simple kinds over a fresh stub database, with a recording listener. */
final class KindFixture implements AutoCloseable {
  final String name;
  final StubDatabase db;
  final RecordingListener listener = new RecordingListener();
  final List<String> openingThreads = new CopyOnWriteArrayList<>();
  private final List<Pool> pools = new ArrayList<>();

  KindFixture(String prefix) {
    name = prefix + "-" + UUID.randomUUID();
    db = StubDatabase.named(name);
  }

  Pool pool(PoolClass kind, PoolConfig config) {
    Pool p =
        Pools.create(
            kind,
            config,
            () -> {
              openingThreads.add(Thread.currentThread().getName());
              return db.connect();
            },
            Ticker.SYSTEM,
            PoolSupport.DEFAULT.withListener(listener));
    pools.add(p);
    return p;
  }

  Pool pool(PoolClass kind) {
    return pool(kind, PoolConfig.defaults("t"));
  }

  static StubConnection raw(PoolEntry e) {
    return (StubConnection) e.raw();
  }

  /** Borrows through a proxy, turns auto-commit off, runs an update and gives it back. */
  static StubConnection dirtyCheckout(Pool pool) throws SQLException {
    PoolEntry e = pool.acquire();
    ProxyConnection c = ProxyConnection.of(e, pool);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("insert into t values (1)");
    }
    c.close();
    return raw(e);
  }

  /** Runs {@code body} on a new thread and waits for it; rethrows what it threw. */
  static <T> T onOtherThread(java.util.concurrent.Callable<T> body) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.set(body.call());
              } catch (Exception ex) {
                failure.set(ex);
              }
            });
    t.start();
    t.join(10_000);
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  @Override
  public void close() {
    pools.forEach(Pool::close);
    StubDatabase.reset(name);
  }
}
