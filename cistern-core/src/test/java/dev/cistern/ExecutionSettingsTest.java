package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-statement settings ({@link SqlStatement#timeout}, {@link SqlStatement#fetchSize}) and the
 * {@link ExecutionOptions} value as a user sees them: validation, equality, the one-line text, and
 * an {@link EngineView}'s transaction on H2.
 */
class ExecutionSettingsTest {
  private final Engine engine =
      Engine.builder("h2:mem:settings_" + System.nanoTime() + "?user=sa")
          .option(Option.SHUTDOWN_HOOK, false)
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aStatementRefusesANegativeTimeoutOrFetchSizeAndRunsWithValidOnes() {
    try (SqlConnection c = engine.connect()) {
      SqlStatement s = c.sql("select :x as x").bind("x", 42);
      assertThatThrownBy(() -> s.timeout(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout must be zero or positive, got PT-1S");
      assertThatThrownBy(() -> s.fetchSize(-3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fetchSize must be zero or positive, got -3");
      assertThatThrownBy(() -> s.timeout(null)).isInstanceOf(NullPointerException.class);
      assertThat(s.timeout(Duration.ofSeconds(5)).fetchSize(10).execute().scalar(Integer.class))
          .isEqualTo(42);
      assertThat(s).hasToString("SqlStatement(select :x as x)");
    }
  }

  @Test
  void optionsAreValuesListingOnlyWhatIsSet() {
    ExecutionOptions none = ExecutionOptions.defaults();
    ExecutionOptions all =
        none.isolationLevel(IsolationLevel.SERIALIZABLE)
            .readOnly(true)
            .statementTimeout(Duration.ofSeconds(3))
            .fetchSize(50);
    assertThat(none).hasToString("ExecutionOptions()");
    assertThat(all)
        .hasToString(
            "ExecutionOptions(isolationLevel=SERIALIZABLE, readOnly=true, statementTimeout=PT3S,"
                + " fetchSize=50)");
    assertThat(none.statementTimeout(Duration.ofSeconds(3)))
        .hasToString("ExecutionOptions(statementTimeout=PT3S)");
    assertThat(all.readOnly()).isTrue();
    assertThat(all.statementTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(none.readOnly()).isNull();

    ExecutionOptions same =
        ExecutionOptions.defaults()
            .fetchSize(50)
            .statementTimeout(Duration.ofSeconds(3))
            .readOnly(true)
            .isolationLevel(IsolationLevel.SERIALIZABLE);
    assertThat(same).isEqualTo(all).hasSameHashCodeAs(all);
    assertThat(all).isNotEqualTo(none).isNotEqualTo(all.readOnly(false)).isNotEqualTo("x");
  }

  @Test
  void aViewsInTransactionRunsOnAConnectionWithItsOptionsAndCommits() {
    try (SqlConnection c = engine.connect()) {
      c.execute("create table notes (id int primary key)");
    }
    EngineView view =
        engine.withOptions(ExecutionOptions.defaults().isolationLevel(IsolationLevel.SERIALIZABLE));
    AtomicReference<IsolationLevel> seen = new AtomicReference<>();
    view.useTransaction(
        c -> {
          c.execute("insert into notes values (1)");
          seen.set(c.isolationLevel());
        });
    assertThat(seen.get()).isEqualTo(IsolationLevel.SERIALIZABLE);
    try (SqlConnection c = engine.connect()) {
      assertThat(c.execute("select count(*) from notes").scalar(Long.class)).isEqualTo(1L);
      assertThat(c.isolationLevel()).isNotEqualTo(IsolationLevel.SERIALIZABLE);
    }
    assertThat(view.toString())
        .isEqualTo(
            "EngineView(" + engine.name() + ", ExecutionOptions(isolationLevel=SERIALIZABLE))");
    assertThatThrownBy(() -> view.inTransaction(null)).isInstanceOf(NullPointerException.class);
  }
}
