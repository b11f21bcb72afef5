package dev.cistern.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real primary and streaming replica, a failover and a drop: about 10 s. */
@Tag("slow")
class PrivatePostgresReplicaTest {

  @Test
  void replicaFollowsThePrimaryRefusesWritesAndTakesOverWhenPromoted() throws SQLException {
    PrivatePostgresTest.assumeAvailable();
    String primaryName;
    String replicaName;
    try (PrivatePostgres primary = PrivatePostgres.startPrimary()) {
      primaryName = primary.name();
      assertThat(primary.isInRecovery()).isFalse();
      try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres"))) {
        assertThat(query(c, "show wal_level")).isEqualTo("replica");
        assertThat(query(c, "show max_wal_senders")).isEqualTo("10");
        assertThat(query(c, "show wal_keep_size")).isEqualTo("64MB");
      }
      try (PrivatePostgres replica = primary.startReplica()) {
        replicaName = replica.name();
        assertThat(replica.port()).isNotEqualTo(primary.port());
        assertThat(replicaName).startsWith("cistern-").isNotEqualTo(primaryName);
        assertThat(replica.isInRecovery()).isTrue();
        assertThat(lsclusters())
            .contains(primaryName + " " + primary.port() + " online")
            .contains(replicaName + " " + replica.port() + " online,recovery");

        try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres"));
            Statement st = c.createStatement()) {
          st.execute("create table replicated (n int)");
          st.execute("insert into replicated values (42)");
          assertThat(query(c, "select count(*) from pg_stat_replication where state = 'streaming'"))
              .isEqualTo("1");
        }
        replica.awaitCaughtUp(primary);
        try (Connection c = DriverManager.getConnection(replica.jdbcUrl("postgres"))) {
          assertThat(query(c, "select n from replicated")).isEqualTo("42");
          assertThat(query(c, "show port")).isEqualTo(Integer.toString(replica.port()));
          assertThatThrownBy(() -> execute(c, "insert into replicated values (43)"))
              .isInstanceOfSatisfying(
                  SQLException.class,
                  e -> assertThat(e.getSQLState()).as(e.toString()).isEqualTo("25006"));
        }

        primary.stopImmediately();
        replica.promote();

        assertThat(replica.isInRecovery()).isFalse();
        try (Connection c = DriverManager.getConnection(replica.jdbcUrl("postgres"))) {
          execute(c, "insert into replicated values (43)");
          assertThat(query(c, "select sum(n) from replicated")).isEqualTo("85");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(primary.jdbcUrl("postgres")).close())
            .isInstanceOf(SQLException.class);
      }
    }
    String clusters = lsclusters();
    assertThat(clusters).doesNotContain(primaryName).doesNotContain(replicaName);
    assertThat(Path.of("/var/lib/postgresql/15", replicaName)).doesNotExist();
    assertThat(Path.of("/etc/postgresql/15", replicaName)).doesNotExist();
  }

  @Test
  void awaitCaughtUpSeesASeriesOfWrites() throws SQLException {
    PrivatePostgresTest.assumeAvailable();
    try (PrivatePostgres primary = PrivatePostgres.startPrimary();
        PrivatePostgres replica = primary.startReplica();
        Connection p = DriverManager.getConnection(primary.jdbcUrl("postgres"));
        Connection r = DriverManager.getConnection(replica.jdbcUrl("postgres"))) {
      execute(p, "create table series (n int)");
      for (int i = 1; i <= 5; i++) {
        execute(p, "insert into series select generate_series(1, 1000)");
        replica.awaitCaughtUp(primary);
        assertThat(query(r, "select count(*) from series")).isEqualTo(Integer.toString(i * 1000));
      }
      assertThatThrownBy(primary::promote).isInstanceOf(IllegalStateException.class);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** pg_lsclusters with runs of spaces folded to one: "15 NAME PORT STATUS ...". */
  private static String lsclusters() {
    return ServerSupport.run(Duration.ofSeconds(30), List.of("/usr/bin/pg_lsclusters"))
        .orThrow()
        .output()
        .replaceAll(" +", " ");
  }
}
