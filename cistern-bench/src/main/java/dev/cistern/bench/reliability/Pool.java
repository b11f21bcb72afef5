package dev.cistern.bench.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cistern.DisposalReport;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.PoolStatus;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One pool under test, Cistern or HikariCP, built from the same {@link Settings}: the scenario only
 * sees a {@link DataSource}, the pool's counts and its close.
 *
 * <p>Cistern: {@code Engine.builder(url).name(name).poolSize(size, 0)} with {@code poolTimeout},
 * {@code poolPrePing}, {@code leakDetectionThreshold} and {@code reclaimLeaks}, no shutdown hook.
 * HikariCP: {@code maximumPoolSize = minimumIdle = size}, {@code connectionTimeout = poolTimeout},
 * {@code leakDetectionThreshold}, its default validation ({@code isValid} on a connection idle for
 * more than 500 ms; it has no pre-ping switch), and the pool's name as the session's application
 * name ({@code ApplicationName} on PostgreSQL, {@code connectionAttributes=program_name:NAME} on
 * MariaDB) so its sessions can be counted.
 */
public abstract class Pool implements AutoCloseable {
  /**
   * What both pools get.
   *
   * @param name the pool's name, also the sessions' application name
   * @param size connections in the pool (Cistern: no overflow)
   * @param poolTimeout the longest a borrow waits (HikariCP: {@code connectionTimeout}, at least
   *     250 ms)
   * @param prePing Cistern's {@code poolPrePing}; HikariCP always validates its own way
   * @param leakThreshold leak detection threshold, {@link Duration#ZERO} for off (HikariCP: at
   *     least 2 s)
   * @param reclaimLeaks Cistern's {@code reclaimLeaks}; HikariCP has nothing like it
   * @param statementTimeout Cistern's {@code statementTimeout} (see {@link #withStatementTimeout})
   * @param abandonTimeout Cistern's {@code abandonTimeout}, {@link Duration#ZERO} for off; HikariCP
   *     has nothing like it
   * @param lostRequestCheck Cistern's {@code lostRequestCheck}, {@link Duration#ZERO} for off;
   *     HikariCP has nothing like it
   */
  public record Settings(
      String name,
      int size,
      Duration poolTimeout,
      boolean prePing,
      Duration leakThreshold,
      boolean reclaimLeaks,
      Duration statementTimeout,
      Duration abandonTimeout,
      Duration lostRequestCheck) {

    /** Settings with pre-ping off, no leak detection, reclaim on, no statement timeout. */
    public static Settings of(String name, int size, Duration poolTimeout) {
      return new Settings(
          name,
          size,
          poolTimeout,
          false,
          Duration.ZERO,
          true,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO);
    }

    /** A copy with another leak threshold. */
    public Settings withLeakThreshold(Duration threshold) {
      return new Settings(
          name,
          size,
          poolTimeout,
          prePing,
          threshold,
          reclaimLeaks,
          statementTimeout,
          abandonTimeout,
          lostRequestCheck);
    }

    /** A copy with pre-ping on or off. */
    public Settings withPrePing(boolean on) {
      return new Settings(
          name,
          size,
          poolTimeout,
          on,
          leakThreshold,
          reclaimLeaks,
          statementTimeout,
          abandonTimeout,
          lostRequestCheck);
    }

    /**
     * A copy with a statement timeout ({@link Duration#ZERO}: none): Cistern's {@code
     * statementTimeout}; HikariCP has none, so it gets the driver's {@code socketTimeout} that
     * Cistern derives from it ({@link #socketTimeout}), as HikariCP's own advice for a dead network
     * is to set the driver's socket timeout.
     */
    public Settings withStatementTimeout(Duration timeout) {
      return new Settings(
          name,
          size,
          poolTimeout,
          prePing,
          leakThreshold,
          reclaimLeaks,
          timeout,
          abandonTimeout,
          lostRequestCheck);
    }

    /** A copy with Cistern's {@code abandonTimeout} ({@link Duration#ZERO}: off). */
    public Settings withAbandonTimeout(Duration timeout) {
      return new Settings(
          name,
          size,
          poolTimeout,
          prePing,
          leakThreshold,
          reclaimLeaks,
          statementTimeout,
          timeout,
          lostRequestCheck);
    }

    /** A copy with Cistern's {@code lostRequestCheck} ({@link Duration#ZERO}: off). */
    public Settings withLostRequestCheck(Duration check) {
      return new Settings(
          name,
          size,
          poolTimeout,
          prePing,
          leakThreshold,
          reclaimLeaks,
          statementTimeout,
          abandonTimeout,
          check);
    }

    /**
     * The socket timeout Cistern derives from the statement timeout (1.5 times it, at least 2 s
     * more), {@link Duration#ZERO} without one.
     */
    public Duration socketTimeout() {
      if (statementTimeout.isZero()) {
        return Duration.ZERO;
      }
      long ms = statementTimeout.toMillis();
      return Duration.ofMillis(Math.max(ms * 3 / 2, ms + 2000));
    }
  }

  /**
   * Where a pool connects.
   *
   * @param database which kind of server
   * @param cisternUrl the Cistern URL
   * @param jdbcUrl the JDBC URL without credentials (HikariCP)
   * @param user the user
   * @param password the password, possibly empty
   */
  public record Endpoint(
      Database database, String cisternUrl, String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
      return database.label() + " " + jdbcUrl;
    }
  }

  /**
   * The pool's connection counts now.
   *
   * @param active borrowed
   * @param idle open and free
   * @param total open
   */
  public record Counts(int active, int idle, int total) {}

  /**
   * What {@link #close(Duration)} did.
   *
   * @param millis how long the call took
   * @param aborted connections aborted (Cistern's report), -1 when the pool does not say
   * @param description one line for the doc
   */
  public record Closed(double millis, int aborted, String description) {}

  private final Target target;
  private final Settings settings;

  private Pool(Target target, Settings settings) {
    this.target = target;
    this.settings = settings;
  }

  /** Opens the pool of {@code target} on the scratch database. */
  public static Pool open(Target target, Scratch db, Settings settings) {
    return open(target, db.endpoint(), settings);
  }

  /** Opens the pool of {@code target} on {@code db}. */
  public static Pool open(Target target, Endpoint db, Settings settings) {
    return target == Target.CISTERN ? new Cistern(db, settings) : new Hikari(db, settings);
  }

  /** Which pool this is. */
  public Target target() {
    return target;
  }

  /** The settings it was built with. */
  public Settings settings() {
    return settings;
  }

  /** The application name its server sessions show. */
  public String applicationName() {
    return settings.name();
  }

  /** The pool's JDBC face. */
  public abstract DataSource dataSource();

  /** The pool's counts now. */
  public abstract Counts counts();

  /**
   * Closes the pool: Cistern {@code engine.close(grace)}; HikariCP {@code close()}, which has no
   * grace (it aborts borrowed connections at once and waits up to 10 s for them to go).
   */
  public abstract Closed close(Duration grace);

  /**
   * {@link #close(Duration)} on a daemon thread, waiting at most {@code bound} for it: a close that
   * does not return by then (e.g. a driver's {@code abort} blocked on a dead network) gives {@link
   * Closed#millis()} -1 and is left running, so the scenario can go on (and heal the network).
   */
  public Closed close(Duration grace, Duration bound) throws InterruptedException {
    java.util.concurrent.CompletableFuture<Closed> f =
        new java.util.concurrent.CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(close(grace));
              } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
              }
            },
            "rel-close-" + settings.name());
    t.setDaemon(true);
    t.start();
    try {
      return f.get(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return new Closed(-1, -1, "did not return within " + bound.toMillis() + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("close failed", e.getCause());
    }
  }

  /** Closes with a grace of 1 s; idempotent. */
  @Override
  public void close() {
    close(Duration.ofSeconds(1));
  }

  private static final class Cistern extends Pool {
    private final Engine engine;

    Cistern(Endpoint db, Settings s) {
      super(Target.CISTERN, s);
      var b =
          Engine.builder(db.cisternUrl())
              .name(s.name())
              .poolSize(s.size(), 0)
              .option(Option.POOL_TIMEOUT, s.poolTimeout())
              .option(Option.POOL_PRE_PING, s.prePing())
              .option(Option.LEAK_DETECTION_THRESHOLD, s.leakThreshold())
              .option(Option.RECLAIM_LEAKS, s.reclaimLeaks())
              .option(Option.ABANDON_TIMEOUT, s.abandonTimeout())
              .option(Option.LOST_REQUEST_CHECK, s.lostRequestCheck())
              .option(Option.SHUTDOWN_HOOK, false);
      if (!s.statementTimeout().isZero()) {
        b.option(Option.STATEMENT_TIMEOUT, s.statementTimeout());
      }
      engine = b.build();
    }

    @Override
    public DataSource dataSource() {
      return engine.dataSource();
    }

    @Override
    public Counts counts() {
      PoolStatus st = engine.status();
      return new Counts(st.inUse(), st.idle(), st.size());
    }

    @Override
    public Closed close(Duration grace) {
      long t0 = System.nanoTime();
      DisposalReport r = engine.close(grace);
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Closed(ms, r.aborted(), r.toString());
    }
  }

  private static final class Hikari extends Pool {
    private final HikariDataSource ds;

    Hikari(Endpoint db, Settings s) {
      super(Target.HIKARI, s);
      HikariConfig c = new HikariConfig();
      c.setJdbcUrl(db.jdbcUrl());
      c.setUsername(db.user());
      c.setPassword(db.password());
      c.setPoolName(s.name());
      c.setMaximumPoolSize(s.size());
      c.setMinimumIdle(s.size());
      c.setConnectionTimeout(Math.max(250, s.poolTimeout().toMillis()));
      if (!s.leakThreshold().isZero()) {
        c.setLeakDetectionThreshold(Math.max(2000, s.leakThreshold().toMillis()));
      }
      if (db.database() == Database.POSTGRESQL) {
        c.addDataSourceProperty("ApplicationName", s.name());
      } else {
        c.addDataSourceProperty("connectionAttributes", "program_name:" + s.name());
      }
      Duration socket = s.socketTimeout();
      if (!socket.isZero()) {
        // pgjdbc: whole seconds; MariaDB Connector/J: milliseconds
        c.addDataSourceProperty(
            "socketTimeout",
            db.database() == Database.POSTGRESQL
                ? String.valueOf((socket.toMillis() + 999) / 1000)
                : String.valueOf(socket.toMillis()));
      }
      ds = new HikariDataSource(c);
    }

    @Override
    public DataSource dataSource() {
      return ds;
    }

    @Override
    public Counts counts() {
      HikariPoolMXBean mx = ds.getHikariPoolMXBean();
      if (mx == null) {
        return new Counts(0, 0, 0);
      }
      return new Counts(
          mx.getActiveConnections(), mx.getIdleConnections(), mx.getTotalConnections());
    }

    @Override
    public Closed close(Duration grace) {
      if (ds.isClosed()) {
        return new Closed(0, -1, "already closed");
      }
      int active = counts().active();
      long t0 = System.nanoTime();
      ds.close();
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Closed(ms, -1, "HikariDataSource.close() with " + active + " borrowed");
    }
  }
}
