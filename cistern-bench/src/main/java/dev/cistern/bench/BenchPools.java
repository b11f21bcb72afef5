package dev.cistern.bench;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.ResetOnReturn;
import dev.cistern.internal.jdbc.JdbcDataSource;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.micrometer.CisternMetrics;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * Opens every pool of the benchmarks configured alike: at most {@code max} connections, {@code
 * minIdle} of them opened up front, auto-commit off, a 30 s connection timeout, and each pool's
 * default validation. Pools read the stub database by its JDBC URL, through {@link StubDriver}.
 *
 * <p>Cistern and c3p0 have no default auto-commit setting: their connections come in the driver's
 * mode (the stub's default, on); Cistern's {@code SqlConnection} turns auto-commit off at its first
 * statement. On the stub driver the mode is a field, so it costs nothing either way.
 */
public final class BenchPools {
  /** Every kind {@link #open} knows. */
  public static final List<String> KINDS =
      List.of(
          "cistern",
          "cistern-lean",
          "cistern-api",
          "cistern-metrics",
          "cistern-pool",
          "hikari",
          "hikari-metrics",
          "dbcp2",
          "c3p0",
          "tomcat",
          "vibur",
          "agroal");

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static {
    // keep the pools' start-up banners and per-connection INFO lines out of the JMH output
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("com.mchange.v2.log.MLog", "slf4j");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
  }

  private BenchPools() {}

  /** An open pool: its {@code DataSource}, how to close it and how many connections are idle. */
  public static final class Handle implements AutoCloseable {
    private final String kind;
    private final DataSource dataSource;
    private final Engine engine;
    private final IntSupplier idle;
    private final AutoCloseable closer;

    Handle(String kind, DataSource ds, Engine engine, IntSupplier idle, AutoCloseable closer) {
      this.kind = kind;
      this.dataSource = ds;
      this.engine = engine;
      this.idle = idle;
      this.closer = closer;
    }

    /** The pool's kind, as given to {@link #open}. */
    public String kind() {
      return kind;
    }

    /** The pool as a {@code DataSource}. */
    public DataSource dataSource() {
      return dataSource;
    }

    /** The Cistern engine, for kinds {@code cistern} and {@code cistern-api}; null otherwise. */
    public Engine engine() {
      return engine;
    }

    /** Idle connections in the pool now, or -1 if the pool does not tell cheaply. */
    public int idle() {
      return idle.getAsInt();
    }

    @Override
    public void close() {
      try {
        closer.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + kind, e);
      }
    }
  }

  /**
   * Opens a pool of the given kind and waits (up to 30 s) until the stub database behind {@code
   * jdbcUrl} has {@code minIdle} live connections.
   */
  public static Handle open(String kind, String jdbcUrl, int max, int minIdle) throws SQLException {
    StubDriver.register();
    Handle h = create(kind, jdbcUrl, max, minIdle);
    awaitLive(StubDatabase.named(dbName(jdbcUrl)), minIdle);
    return h;
  }

  private static Handle create(String kind, String url, int max, int minIdle) throws SQLException {
    switch (kind) {
      case "cistern":
      case "cistern-lean":
      case "cistern-api":
      case "cistern-metrics":
        {
          Engine e =
              Engine.builder(url)
                  .name("bench-" + kind)
                  .poolSize(max, 0)
                  .option(Option.MIN_IDLE, minIdle)
                  .option(Option.POOL_TIMEOUT, TIMEOUT)
                  .option(Option.SHUTDOWN_HOOK, false)
                  // cistern-lean: no reclaim of dropped connections, so a checkout allocates
                  // nothing
                  .option(Option.RECLAIM_LEAKS, !kind.equals("cistern-lean"))
                  .build();
          if (kind.equals("cistern-metrics")) {
            // the defaults plus Micrometer: what a borrow costs with the binder's listener
            new CisternMetrics(e).bindTo(new SimpleMeterRegistry());
          }
          e.connect().close(); // the engine is lazy: the first checkout starts the warm-up
          return new Handle(kind, e.dataSource(), e, () -> e.status().idle(), e::close);
        }
      case "cistern-pool":
        {
          StubDatabase db = StubDatabase.named(dbName(url));
          ConnectionPool p =
              new ConnectionPool(
                  new PoolConfig(
                      "bench",
                      max,
                      0,
                      TIMEOUT,
                      minIdle,
                      PoolConfig.Order.AFFINITY,
                      ResetOnReturn.ROLLBACK),
                  () -> {
                    Connection c = db.connect();
                    c.setAutoCommit(false);
                    return c;
                  },
                  Ticker.SYSTEM);
          return new Handle(
              kind, JdbcDataSource.forPool(p), null, () -> p.status().idle(), p::close);
        }
      case "hikari":
      case "hikari-metrics":
        {
          HikariConfig hc = new HikariConfig();
          hc.setJdbcUrl(url);
          hc.setPoolName("bench-" + kind);
          if (kind.equals("hikari-metrics")) {
            // HikariCP's own Micrometer tracker: acquire, usage and creation timers per borrow
            hc.setMetricRegistry(new SimpleMeterRegistry());
          }
          hc.setMaximumPoolSize(max);
          hc.setMinimumIdle(minIdle);
          hc.setAutoCommit(false);
          hc.setConnectionTimeout(TIMEOUT.toMillis());
          HikariDataSource ds = new HikariDataSource(hc);
          return new Handle(
              kind, ds, null, () -> ds.getHikariPoolMXBean().getIdleConnections(), ds::close);
        }
      case "dbcp2":
        {
          BasicDataSource ds = new BasicDataSource();
          ds.setDriverClassName(StubDriver.class.getName());
          ds.setUrl(url);
          ds.setMaxTotal(max);
          ds.setMaxIdle(max);
          ds.setMinIdle(minIdle);
          ds.setInitialSize(minIdle);
          ds.setMaxWait(TIMEOUT);
          ds.setDefaultAutoCommit(false);
          ds.getConnection().close(); // creates the pool and its initial connections
          return new Handle(kind, ds, null, ds::getNumIdle, ds::close);
        }
      case "c3p0":
        {
          ComboPooledDataSource ds = new ComboPooledDataSource();
          ds.setJdbcUrl(url);
          ds.setMaxPoolSize(max);
          ds.setMinPoolSize(minIdle);
          ds.setInitialPoolSize(minIdle);
          ds.setCheckoutTimeout((int) TIMEOUT.toMillis());
          ds.getConnection().close();
          return new Handle(kind, ds, null, () -> c3p0Idle(ds), ds::close);
        }
      case "tomcat":
        {
          PoolProperties p = new PoolProperties();
          p.setUrl(url);
          p.setDriverClassName(StubDriver.class.getName());
          p.setMaxActive(max);
          p.setMaxIdle(max);
          p.setMinIdle(minIdle);
          p.setInitialSize(minIdle);
          p.setMaxWait((int) TIMEOUT.toMillis());
          p.setDefaultAutoCommit(false);
          org.apache.tomcat.jdbc.pool.DataSource ds = new org.apache.tomcat.jdbc.pool.DataSource(p);
          ds.createPool();
          return new Handle(kind, ds, null, ds::getIdle, ds::close);
        }
      case "vibur":
        {
          ViburDBCPDataSource ds = new ViburDBCPDataSource();
          ds.setJdbcUrl(url);
          ds.setDriverClassName(StubDriver.class.getName());
          ds.setUsername("bench"); // Vibur passes user and password to the driver as properties
          ds.setPassword("");
          ds.setPoolMaxSize(max);
          ds.setPoolInitialSize(minIdle);
          ds.setDefaultAutoCommit(false);
          ds.setConnectionTimeoutInMs(TIMEOUT.toMillis());
          ds.start();
          return new Handle(kind, ds, null, () -> ds.getPool().remainingCreated(), ds::close);
        }
      case "agroal":
        {
          AgroalDataSourceConfigurationSupplier cfg =
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      cp ->
                          cp.maxSize(max)
                              .minSize(minIdle)
                              .initialSize(minIdle)
                              .acquisitionTimeout(TIMEOUT)
                              .connectionFactoryConfiguration(
                                  cf ->
                                      cf.jdbcUrl(url)
                                          .connectionProviderClass(StubDriver.class)
                                          .autoCommit(false)));
          AgroalDataSource ds = AgroalDataSource.from(cfg);
          return new Handle(kind, ds, null, () -> -1, ds::close);
        }
      default:
        throw new IllegalArgumentException("unknown pool kind " + kind + "; known: " + KINDS);
    }
  }

  /** Opens the floor pool: {@code max} stub connections, auto-commit off, in a bare slot array. */
  public static FloorPool floor(String jdbcUrl, int max) throws SQLException {
    StubDriver.register();
    StubDatabase db = StubDatabase.named(dbName(jdbcUrl));
    Connection[] cs = new Connection[max];
    for (int i = 0; i < max; i++) {
      cs[i] = db.connect();
      cs[i].setAutoCommit(false);
    }
    return new FloorPool(cs);
  }

  /** The stub database name in a {@code jdbc:stub:name[?params]} URL. */
  static String dbName(String jdbcUrl) {
    if (!jdbcUrl.startsWith(StubDriver.URL_PREFIX)) {
      throw new IllegalArgumentException("not a stub URL: " + jdbcUrl);
    }
    String rest = jdbcUrl.substring(StubDriver.URL_PREFIX.length());
    int q = rest.indexOf('?');
    return q < 0 ? rest : rest.substring(0, q);
  }

  private static void awaitLive(StubDatabase db, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (db.liveConnections() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "pool did not open " + n + " connections in 30 s: " + db.liveConnections());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static int c3p0Idle(ComboPooledDataSource ds) {
    try {
      return ds.getNumIdleConnectionsDefaultUser();
    } catch (SQLException e) {
      return -1;
    }
  }
}
