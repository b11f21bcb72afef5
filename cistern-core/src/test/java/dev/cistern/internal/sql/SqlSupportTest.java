package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.StatementException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ParameterText, SqlErrors and Retry. */
class SqlSupportTest {
  private static SqlSettings settings(boolean hide, SqlSyntax syntax) {
    return new SqlSettings(
        "orders", "x", syntax, false, hide, Duration.ZERO, 0, 1000, 1000, true, false, true, false);
  }

  @Test
  void parametersRenderShortAndOneLine() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("s", "ann");
    p.put("n", 7);
    p.put("z", null);
    p.put("b", new byte[16]);
    p.put("ids", List.of(1, 2, 3));
    p.put("arr", new int[] {4, 5});
    p.put("long", "x".repeat(300));
    String text = ParameterText.of(p, false);
    assertThat(text)
        .startsWith("{s='ann', n=7, z=NULL, b=<16 bytes>, ids=[1, 2, 3], arr=[4, 5], long='xxx")
        .contains("(300 chars)")
        .hasSizeLessThan(220);
    assertThat(ParameterText.of(p, true)).isEqualTo("[hidden by hideParameters]");
    assertThat(ParameterText.of(Map.of("many", java.util.Collections.nCopies(50, 1)), false))
        .contains("(50 in all)");
    assertThat(ParameterText.sql("select\n  1\n\tfrom t")).isEqualTo("select 1 from t");
  }

  @Test
  void errorsCarryStateSqlParametersAndHints() {
    SQLException dup = new SQLException("duplicate key value (id)=(s3cr3t)", "23505", 0);
    StatementException e =
        SqlErrors.translate(
            dup,
            null,
            "insert into t values (:id)",
            Map.of("id", "s3cr3t"),
            settings(false, SqlSyntax.POSTGRES),
            true);
    assertThat(e.sqlState()).isEqualTo("23505");
    assertThat(e.sql()).isEqualTo("insert into t values (:id)");
    assertThat(e.getMessage())
        .contains("[SQLState 23505, code 0]")
        .contains("[engine 'orders']")
        .contains("[parameters: {id='s3cr3t'}]")
        .contains("unusable until rollback()");
    assertThat(e.getCause()).isSameAs(dup);

    StatementException hidden =
        SqlErrors.translate(
            dup,
            null,
            "insert into t values (:id)",
            Map.of("id", "s3cr3t"),
            settings(true, SqlSyntax.ANSI),
            true);
    assertThat(hidden.getMessage()).doesNotContain("s3cr3t").contains("(id)=(?)");
    assertThat(hidden.getCause().getMessage()).doesNotContain("s3cr3t");
    assertThat(hidden.getCause().getCause()).isNull();
    assertThat(hidden.parametersHidden()).isTrue();

    StatementException deadlock =
        SqlErrors.translate(
            new SQLException("Deadlock found", "40001", 1213),
            null,
            "update t set n = 1",
            Map.of(),
            settings(false, SqlSyntax.MYSQL),
            true);
    assertThat(deadlock.isRetryable()).isTrue();
    assertThat(deadlock.vendorCode()).isEqualTo(1213);
    assertThat(deadlock.getMessage()).contains("transactionRetries").doesNotContain("parameters");
  }

  @Test
  void retryPassesCheckedExceptionsThroughAndRetriesACheckedSerializationFailure()
      throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    String out =
        Retry.run(
            2,
            Duration.ZERO,
            "e",
            () -> {
              if (calls.incrementAndGet() < 2) {
                throw new SQLException("could not serialize", "40001");
              }
              return "done";
            });
    assertThat(out).isEqualTo("done");
    assertThat(calls).hasValue(2);

    java.io.IOException io = new java.io.IOException("not retryable");
    calls.set(0);
    assertThatThrownBy(
            () ->
                Retry.run(
                    3,
                    Duration.ZERO,
                    "e",
                    () -> {
                      calls.incrementAndGet();
                      throw io;
                    }))
        .isSameAs(io);
    assertThat(calls).hasValue(1);
  }

  @Test
  void retryRunsAgainOnlyForSerializationFailures() {
    AtomicInteger calls = new AtomicInteger();
    String out =
        Retry.run(
            3,
            Duration.ZERO,
            "e",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("conflict", "40P01"));
              }
              return "done";
            });
    assertThat(out).isEqualTo("done");
    assertThat(calls).hasValue(3);

    calls.set(0);
    assertThatThrownBy(
            () ->
                Retry.run(
                    2,
                    Duration.ZERO,
                    "e",
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException(new SQLException("conflict", "40001"));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(calls).as("first try and two retries").hasValue(3);

    calls.set(0);
    assertThatThrownBy(
            () ->
                Retry.run(
                    5,
                    Duration.ZERO,
                    "e",
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException(new SQLException("dup", "23505"));
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).as("not retryable").hasValue(1);
  }

  @Test
  void backoffDoublesWithJitter() {
    for (int i = 0; i < 100; i++) {
      assertThat(Retry.delayMillis(Duration.ofMillis(100), 0)).isBetween(50L, 100L);
      assertThat(Retry.delayMillis(Duration.ofMillis(100), 2)).isBetween(200L, 400L);
    }
    assertThat(Retry.delayMillis(Duration.ZERO, 3)).isZero();
  }
}
