package dev.cistern.it.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.testkit.server.PrivatePostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failover to a promoted streaming replica under a 16-thread write load, for Cistern and, beside it
 * with the same multi-host URL, HikariCP: a private primary and a replica made with {@code
 * pg_basebackup} (synchronous replication, so that a commit the primary acknowledged is on the
 * replica), the primary stopped at once ({@code -m immediate}, as a crash), the replica promoted 3
 * s later (the time a failover decision takes). Measured from the moment the promotion completed:
 * the first successful commit, the first 200 ms at 80 % of the throughput before the failover, and
 * acknowledged commits missing on the new primary (must be 0). Each pool gets its own pair of
 * clusters; the whole test is bounded (each load runs at most 25 s).
 */
@Tag("scale")
class FailoverTest {
  static final int THREADS = 16;
  static final Duration BEFORE = Duration.ofMillis(1500);
  static final Duration DECISION = Duration.ofSeconds(3);
  static final Duration AFTER = Duration.ofSeconds(6);

  /** What one failover run measured. */
  record Figures(
      String pool,
      double baselineTps,
      long firstCommitMs,
      long fullThroughputMs,
      long acknowledged,
      long lost,
      long errors,
      String errorKinds) {
    @Override
    public String toString() {
      return String.format(
          "%s: before %.0f tx/s; first commit %d ms and full throughput %d ms after the promotion"
              + " completed; %d acknowledged, %d lost; %d errors %s",
          pool,
          baselineTps,
          firstCommitMs,
          fullThroughputMs,
          acknowledged,
          lost,
          errors,
          errorKinds);
    }
  }

  static String hosts(PrivatePostgres primary, PrivatePostgres replica) {
    return "127.0.0.1:" + primary.port() + ",127.0.0.1:" + replica.port();
  }

  static Figures failover(String pool, Function<String, DataSource> open, AutoCloseableFn close)
      throws Exception {
    try (PrivatePostgres primary = PrivatePostgres.startPrimary()) {
      try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres"))) {
        FailoverLoad.createTable(c);
      }
      try (PrivatePostgres replica = primary.startReplica()) {
        // synchronous replication, set after the base backup so that the replica, once promoted,
        // does not wait for a standby of its own
        try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres"));
            Statement s = c.createStatement()) {
          s.execute("alter system set synchronous_standby_names = '*'");
          s.execute("alter system set synchronous_commit = 'on'");
          s.execute("select pg_reload_conf()");
          Awaitility.await("the replica is a synchronous standby")
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> {
                    try (var rs =
                        s.executeQuery(
                            "select count(*) from pg_stat_replication where sync_state = 'sync'")) {
                      rs.next();
                      return rs.getInt(1) == 1;
                    }
                  });
        }
        replica.awaitCaughtUp(primary);
        DataSource ds = open.apply(hosts(primary, replica));
        FailoverLoad load = new FailoverLoad(ds, THREADS);
        try {
          load.start(Duration.ofSeconds(20));
          long t0 = System.nanoTime();
          TimeUnit.NANOSECONDS.sleep(BEFORE.toNanos()); // the load runs meanwhile
          long stopAt = System.nanoTime();
          double baseline = load.rate(t0 + BEFORE.toNanos() / 3, stopAt);
          primary.stop(false); // -m immediate: a crash
          // the time it takes to decide on a failover (an operator, Patroni's TTL): clients
          // meanwhile
          // find the old primary gone and the standby not yet writable
          TimeUnit.NANOSECONDS.sleep(DECISION.toNanos());
          replica.promote(); // returns once the replica accepts writes
          long promoted = System.nanoTime();
          TimeUnit.NANOSECONDS.sleep(AFTER.toNanos());
          long end = System.nanoTime();
          load.stop();
          long first = load.firstAckAfter(promoted);
          long full = load.fullThroughputAfter(promoted, baseline, 0.8, end);
          long lost;
          try (Connection c = DriverManager.getConnection(replica.jdbcUrl("postgres"))) {
            lost = load.lost(c);
          }
          Figures f =
              new Figures(
                  pool,
                  baseline,
                  first < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(first - promoted),
                  full < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(full - promoted),
                  load.acks().size(),
                  lost,
                  load.errors(),
                  load.errorKinds().toString());
          Scale.report("failover", f.toString());
          return f;
        } finally {
          load.stop();
          close.close();
        }
      }
    }
  }

  /** A close that may throw. */
  interface AutoCloseableFn {
    void close() throws Exception;
  }

  @Test
  void cisternReachesThePromotedReplicaWithoutLosingACommit() throws Exception {
    Scale.requirePrivateClusters();
    Engine[] engine = new Engine[1];
    Figures f =
        failover(
            "cistern",
            hosts -> {
              engine[0] =
                  Engine.builder(
                          "postgresql://postgres@"
                              + hosts
                              + "/postgres?targetServerType=primary&poolSize=10&maxOverflow=0")
                      .name("failover-cistern")
                      .build();
              return engine[0].dataSource();
            },
            () -> engine[0].close());
    assertThat(f.lost()).as(f.toString()).isZero();
    assertThat(f.firstCommitMs()).as("recovered at all: " + f).isNotNegative();
    // the goal is 2 s (docs/SCALING.md has the measured figures); bounded loosely here so that a
    // loaded CI machine does not fail a test about recovery, not speed
    assertThat(f.firstCommitMs()).as(f.toString()).isLessThan(10_000);
    assertThat(f.acknowledged()).isPositive();
  }

  @Test
  void hikariWithTheSameUrl() throws Exception {
    Scale.requirePrivateClusters();
    HikariDataSource[] ds = new HikariDataSource[1];
    Figures f =
        failover(
            "hikari",
            hosts -> {
              HikariConfig config = new HikariConfig();
              config.setJdbcUrl(
                  "jdbc:postgresql://"
                      + hosts
                      + "/postgres?targetServerType=primary&user=postgres");
              config.setMaximumPoolSize(10);
              config.setPoolName("failover-hikari");
              ds[0] = new HikariDataSource(config);
              return ds[0];
            },
            () -> ds[0].close());
    assertThat(f.lost()).as(f.toString()).isZero();
  }
}
