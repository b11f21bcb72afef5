package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

class VerifyCommandTest {
  private static final String[] QUICK = {
    "--seconds", "0.5", "--connections", "6", "--threads", "3"
  };

  private static CliRun verify(String url, String... more) {
    String[] args = new String[2 + QUICK.length + more.length];
    args[0] = "verify";
    args[1] = url;
    System.arraycopy(QUICK, 0, args, 2, QUICK.length);
    System.arraycopy(more, 0, args, 2 + QUICK.length, more.length);
    return CliRun.of(args);
  }

  @Test
  void passesOnPostgres(@Postgres TestDatabase db) {
    CliRun r = verify(db.cisternUrl());
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("before: 0 sessions")
        .contains("opened 6 connections at once: the server saw 6")
        .contains("0 aborted")
        .contains("after close: 0 sessions")
        .endsWith(
            "verified: 0 sessions remain on the server; no connection leaked"
                + System.lineSeparator());
    assertThat(db.serverSessions()).isZero();
  }

  @Test
  void printsTheServerLimitAndTheEnginesShareOnPostgres(@Postgres TestDatabase db)
      throws Exception {
    int max;
    int reserved;
    try (java.sql.Connection c = db.openConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "select current_setting('max_connections')::int,"
                    + " current_setting('superuser_reserved_connections')::int")) {
      rs.next();
      max = rs.getInt(1);
      reserved = rs.getInt(2);
    }
    CliRun r = verify(db.cisternUrl());
    assertThat(r.code()).as("%s", r).isZero();
    int available = max - reserved;
    assertThat(r.out())
        .contains(
            "  server limit: max_connections "
                + max
                + " - superuser_reserved_connections "
                + reserved
                + " = "
                + available
                + "; this engine: poolSize 6 + maxOverflow 0 = 6 ("
                + Math.round(600.0 / available)
                + "%)"
                + System.lineSeparator());
  }

  @Test
  void printsTheServerLimitOnMariaDbAndNoneOnH2(@MariaDb TestDatabase db) {
    CliRun r = verify(db.cisternUrl());
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .containsPattern(
            "server limit: max_connections \\d+; this engine: poolSize 6 \\+ maxOverflow 0 = 6 \\(\\d+%\\)");

    CliRun h2 = verify("h2:mem:verify_h2_sizing");
    assertThat(h2.code()).as("%s", h2).isZero();
    assertThat(h2.out())
        .contains(
            "server limit: none stated by the server; this engine: poolSize 6 + maxOverflow 0 = 6"
                + System.lineSeparator());
  }

  @Test
  void passesOnMariaDb(@MariaDb TestDatabase db) {
    CliRun r = verify(db.cisternUrl());
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("opened 6 connections at once: the server saw 6")
        .contains("verified: 0 sessions remain on the server; no connection leaked");
    assertThat(db.serverSessions()).isZero();
  }

  @Test
  void passesOnH2() {
    CliRun r = verify("h2:mem:verify_h2");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).contains("verified: 0 sessions remain on the server");
  }

  @Test
  void failsWhenConnectionsWereLeakedOnPostgres(@Postgres TestDatabase db) {
    CliRun r = verify(db.cisternUrl(), "--leak", "2", "--grace", "200ms");
    assertThat(r.code()).as("%s", r).isEqualTo(1);
    assertThat(r.out())
        .contains("2 aborted")
        .contains(
            "FAILED: 2 connections leaked (still borrowed when the 200ms grace ended,"
                + " aborted)")
        .doesNotContain("verified:");
    assertThat(db.serverSessions()).isZero();
  }

  @Test
  void failsWhenConnectionsWereLeakedOnMariaDb(@MariaDb TestDatabase db) {
    CliRun r = verify(db.cisternUrl(), "--leak", "1", "--grace", "100ms");
    assertThat(r.code()).as("%s", r).isEqualTo(1);
    assertThat(r.out()).contains("FAILED: 1 connections leaked");
  }

  @Test
  void refusesADatabaseWithoutServerSessions() {
    CliRun r = verify("sqlite://");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "cistern: cannot count server sessions on sqlite — the check works on"
                + " PostgreSQL, MariaDB/MySQL and H2"
                + System.lineSeparator());
  }

  @Test
  void aBadGraceIsAUsageError() {
    CliRun r = verify("h2:mem:verify_grace", "--grace", "soon");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("cistern: bad --grace 'soon'");
  }

  @Test
  void refusesAUrlBehindPgBouncerUpFront() {
    for (String mode : new String[] {"transaction", "session"}) {
      // port 1: nothing listens there, so a refusal that connected first would fail differently
      CliRun r = verify("postgresql://postgres@127.0.0.1:1/test?pgbouncer=" + mode);
      assertThat(r.code()).as("%s", r).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "cistern: cannot observe this engine's sessions behind PgBouncer (pgbouncer="
                  + mode
                  + "): PostgreSQL sees PgBouncer's pooled server sessions, which stay open after"
                  + " the engine closes — run the check against PostgreSQL directly, without"
                  + " PgBouncer"
                  + System.lineSeparator());
    }
  }

  @Test
  void refusesAnAnonymousH2InMemoryDatabaseUpFront() {
    for (String url : new String[] {"h2:mem:", "jdbc:h2:mem:"}) {
      CliRun r = verify(url);
      assertThat(r.code()).as("%s", r).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "cistern: cannot observe the sessions of an anonymous in-memory H2 database ("
                  + url
                  + "): every connection to it opens a database of its own, which no other"
                  + " connection sees — name it, e.g. h2:mem:check"
                  + System.lineSeparator());
    }
  }

  @Test
  void failsWhenTheServerSeesFewerSessionsThanConnectionsOpened() {
    // one connection per thread: the six connections opened at once share one session
    CliRun r = verify("h2:mem:verify_fewer", "--option", "poolClass=SINGLETON_THREAD");
    assertThat(r.code()).as("%s", r).isEqualTo(1);
    assertThat(r.out())
        .contains("  opened 6 connections at once: the server saw 1" + System.lineSeparator())
        .contains("FAILED: the server saw only 1 sessions for the 6 connections open at once")
        .contains("so the check cannot prove that none remain")
        .doesNotContain("other sessions share")
        .doesNotContain("verified:");
  }

  @Test
  void refusesMoreConnectionsThanThePoolMayOpenUpFront() {
    CliRun r = CliRun.of("verify", "h2:mem:verify_small", "--pool-size", "3", "--seconds", "0.5");
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "cistern: --connections 10 is more than the pool may open at once: poolSize 3 +"
                + " maxOverflow 0 = 3 — lower --connections to 3 or raise the pool (--pool-size"
                + " 10, or --option maxOverflow=7)"
                + System.lineSeparator());

    CliRun overflow =
        verify("h2:mem:verify_small", "--pool-size", "2", "--option", "maxOverflow=3");
    assertThat(overflow.code()).as("%s", overflow).isEqualTo(2);
    assertThat(overflow.err())
        .startsWith(
            "cistern: --connections 6 is more than the pool may open at once: poolSize 2 +"
                + " maxOverflow 3 = 5 — lower --connections to 5");

    CliRun fits = verify("h2:mem:verify_fits", "--pool-size", "2", "--option", "maxOverflow=4");
    assertThat(fits.code()).as("%s", fits).isZero();
  }

  @Test
  void plainProgressLinesSayWhatEachNumberIs() {
    CliRun r =
        CliRun.of(
            "verify",
            "h2:mem:verify_lines",
            "--seconds",
            "1.2",
            "--connections",
            "6",
            "--threads",
            "3");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .containsPattern(
            "  \\d+\\.\\d s  \\d+ tx \\| open \\d+/6 \\(poolSize 6 \\+ maxOverflow 0\\), idle \\d+, in"
                + " use \\d+, waiting \\d+")
        .doesNotContain("size 6, overflow");
  }
}
