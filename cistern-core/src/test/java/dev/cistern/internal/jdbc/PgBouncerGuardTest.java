package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What PgBouncer's transaction mode forbids, read from SQL text before it is sent. */
class PgBouncerGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LISTEN orders",
        "  listen \"orders\"",
        "/* hint */ -- line\n LISTEN x",
        "select 1; LISTEN x",
        "SET search_path = app",
        "set statement_timeout to '1s'",
        "SET SESSION statement_timeout = 5",
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "RESET ALL",
        "PREPARE q AS select 1",
        "DECLARE c CURSOR WITH HOLD FOR select 1",
        "CREATE TEMP TABLE t (x int)",
        "create temporary table t as select 1",
        "select pg_advisory_lock(42)",
        "SELECT PG_TRY_ADVISORY_LOCK(1, 2)",
        "select pg_advisory_lock_shared(1)",
        "select pg_advisory_unlock_all()",
        "select set_config('search_path', 'app', false)",
        "select set_config('search_path', 'app', is_local)",
      })
  void refusesWhatChangesOrNeedsTheSession(String sql) {
    assertThatThrownBy(() -> PgBouncerGuard.checkSql(sql))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("pgbouncer=transaction")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState())
                    .isEqualTo("0A000"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select 1",
        "SET LOCAL statement_timeout = '1s'",
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "set constraints all deferred",
        "select 'LISTEN x; SET a = 1'",
        "select \"set\" from t",
        "select $$ LISTEN x $$",
        "select $tag$ select pg_advisory_lock(1) $tag$",
        "-- LISTEN x\nselect 1",
        "/* SET x = 1 /* nested */ */ select 1",
        "select pg_advisory_xact_lock(42)",
        "select pg_try_advisory_xact_lock(42)",
        "DECLARE c CURSOR FOR select 1",
        "CREATE TEMP TABLE t (x int) ON COMMIT DROP",
        "update settings set value = 1 where name = 'x'",
        "insert into t values ($1, 'it''s; LISTEN x')",
        "PREPARE TRANSACTION 'tx1'",
        "select E'it\\'s; LISTEN x'",
        "select set_config('search_path', 'a,b', true)",
        "select set_config('x', lower('Y'), TRUE)",
        "",
      })
  void letsTransactionScopedSqlThrough(String sql) {
    assertThatCode(() -> PgBouncerGuard.checkSql(sql)).doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void namesWhatToUseInstead() {
    assertThatThrownBy(() -> PgBouncerGuard.checkSql("SET search_path = app"))
        .hasMessageContaining("SET LOCAL");
    assertThatThrownBy(() -> PgBouncerGuard.checkSql("select pg_advisory_lock(1)"))
        .hasMessageContaining("pg_advisory_xact_lock");
    assertThatThrownBy(() -> PgBouncerGuard.checkSql("LISTEN x"))
        .hasMessageContaining("direct connection");
    assertThatCode(() -> PgBouncerGuard.checkSql(null)).doesNotThrowAnyException();
  }
}
