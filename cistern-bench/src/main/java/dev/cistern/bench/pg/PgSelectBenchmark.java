package dev.cistern.bench.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
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
 * A pgbench-like select-only workload on the loopback PostgreSQL ({@link PgSupport}): each
 * operation borrows a connection, runs {@code select abalance from cistern_bench.bench_accounts
 * where id = ?} for a random id among 100,000, reads the value and returns the connection.
 *
 * <p>{@code pool}: {@code cistern-execute} (Cistern's {@code connect()} + {@code execute(sql,
 * params).scalar}), {@code cistern-jdbc} (PreparedStatement through {@code engine.dataSource()}),
 * {@code hikari-jdbc} (PreparedStatement through HikariCP) and {@code nopool} (a new DriverManager
 * connection per operation). Pools hold {@value #POOL_SIZE} connections, all opened up front, in
 * auto-commit mode (Cistern: {@code isolationLevel=AUTOCOMMIT}, as pgbench runs), so no variant
 * pays a rollback on return. The thread count is set by the runner ({@code -t}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PgSelectBenchmark {
  /** Connections in each pool. */
  public static final int POOL_SIZE = 8;

  @Param({"cistern-execute", "cistern-jdbc", "hikari-jdbc", "nopool"})
  public String pool;

  private Engine engine;
  private HikariDataSource hikari;
  private DataSource dataSource;
  private Properties noPoolProps;

  /** Creates the table if missing and opens the pool with all its connections. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String reason = PgSupport.unreachableReason();
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    PgSupport.ensureTable();
    switch (pool) {
      case "cistern-execute":
      case "cistern-jdbc":
        engine =
            Engine.builder(PgSupport.cisternUrl())
                .name("cistern-pgselect")
                .option(Option.POOL_SIZE, POOL_SIZE)
                .option(Option.MAX_OVERFLOW, 0)
                .option(Option.MIN_IDLE, POOL_SIZE)
                .option(Option.ISOLATION_LEVEL, IsolationLevel.AUTOCOMMIT)
                .build();
        dataSource = engine.dataSource();
        awaitFull(() -> engine.status().idle());
        break;
      case "hikari-jdbc":
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(PgSupport.jdbcUrl());
        hc.setUsername(PgSupport.user());
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(POOL_SIZE);
        hc.setPoolName("hikari-pgselect");
        hc.addDataSourceProperty("ApplicationName", "hikari-pgselect");
        hikari = new HikariDataSource(hc);
        dataSource = hikari;
        awaitFull(() -> hikari.getHikariPoolMXBean().getIdleConnections());
        break;
      case "nopool":
        noPoolProps = new Properties();
        noPoolProps.setProperty("user", PgSupport.user());
        noPoolProps.setProperty("ApplicationName", "nopool-pgselect");
        break;
      default:
        throw new IllegalArgumentException("unknown pool " + pool);
    }
  }

  private static void awaitFull(java.util.function.IntSupplier idle) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (idle.getAsInt() < POOL_SIZE && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (engine != null) {
      engine.close(Duration.ofSeconds(5));
    }
    if (hikari != null) {
      hikari.close();
    }
  }

  /** One select by key; returns the balance read. */
  @Benchmark
  public int select() throws SQLException {
    int id = ThreadLocalRandom.current().nextInt(PgSupport.ROWS) + 1;
    switch (pool) {
      case "cistern-execute":
        try (SqlConnection c = engine.connect()) {
          return c.execute(PgSupport.SELECT_NAMED, Map.of("id", id)).scalar(Integer.class);
        }
      case "nopool":
        try (Connection c = DriverManager.getConnection(PgSupport.jdbcUrl(), noPoolProps)) {
          return select(c, id);
        }
      default:
        try (Connection c = dataSource.getConnection()) {
          return select(c, id);
        }
    }
  }

  private static int select(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PgSupport.SELECT_JDBC)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
