package dev.cistern.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.ResetOnReturn;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolDataSource;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Connection cycle: borrow a connection and close it at once, on the stub driver (no I/O), for each
 * pool configured alike: at most 32 connections, all opened up front, auto-commit off. {@code
 * floor} is a bare CAS-claimed slot array: the least any pool can do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConnectionCycleBenchmark {
  static final int MAX_POOL = 32;

  @Param({"cistern", "hikari", "floor"})
  public String pool;

  private DataSource dataSource;
  private ConnectionPool cistern;
  private HikariDataSource hikari;
  private FloorPool floor;
  private String dbName;

  /** Opens the pool and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    StubDriver.register();
    dbName = "cycle-" + pool + "-" + System.nanoTime();
    StubDatabase db = StubDatabase.named(dbName);
    switch (pool) {
      case "cistern":
        cistern =
            new ConnectionPool(
                new PoolConfig(
                    "bench",
                    MAX_POOL,
                    0,
                    Duration.ofSeconds(30),
                    MAX_POOL,
                    false,
                    ResetOnReturn.ROLLBACK),
                () -> {
                  Connection c = db.connect();
                  c.setAutoCommit(false);
                  return c;
                },
                Ticker.SYSTEM);
        dataSource = new PoolDataSource(cistern);
        awaitIdle(() -> cistern.status().idle());
        break;
      case "hikari":
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(StubDriver.url(dbName));
        hc.setMaximumPoolSize(MAX_POOL);
        hc.setMinimumIdle(MAX_POOL);
        hc.setAutoCommit(false);
        hc.setConnectionTimeout(30_000);
        hc.setPoolName("bench");
        hikari = new HikariDataSource(hc);
        dataSource = hikari;
        awaitIdle(() -> hikari.getHikariPoolMXBean().getIdleConnections());
        break;
      case "floor":
        Connection[] cs = new Connection[MAX_POOL];
        for (int i = 0; i < MAX_POOL; i++) {
          cs[i] = db.connect();
          cs[i].setAutoCommit(false);
        }
        floor = new FloorPool(cs);
        break;
      default:
        throw new IllegalArgumentException("unknown pool " + pool);
    }
  }

  private static void awaitIdle(java.util.function.IntSupplier idle) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (idle.getAsInt() < MAX_POOL && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (cistern != null) {
      cistern.close();
    }
    if (hikari != null) {
      hikari.close();
    }
    StubDatabase.reset(dbName);
  }

  /** Per-thread start position for the floor pool, as a thread-affine pool would have. */
  @State(Scope.Thread)
  public static class ThreadHint {
    int hint = ThreadLocalRandom.current().nextInt(MAX_POOL);
  }

  /**
   * Borrow and close one connection. Nothing is returned to JMH: handing the proxy to a Blackhole
   * would force it onto the heap and hide whether a pool can borrow without allocating.
   */
  @Benchmark
  public void cycle(ThreadHint t) throws SQLException {
    if (floor != null) {
      int slot = floor.borrow(t.hint);
      floor.giveBack(slot);
      return;
    }
    Connection c = dataSource.getConnection();
    c.close();
  }
}
