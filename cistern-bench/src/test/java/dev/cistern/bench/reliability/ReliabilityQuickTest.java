package dev.cistern.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quick subset of the reliability scenarios in {@code ./mvnw verify}: scenarios 3 (a 2 s black
 * hole, statementTimeout 5 s), 5 and 7 once, with small counts, on Cistern and PostgreSQL,
 * asserting Cistern's goals. A goal missed here is a defect of Cistern, not of the test.
 */
class ReliabilityQuickTest {
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  private static Scenario.Context context(int trials) {
    return new Scenario.Context(
        false,
        List.of(Database.POSTGRESQL),
        List.of(Target.CISTERN),
        trials,
        new PrintStream(LOG, true, StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void postgres() {
    TestServers.shared().require(DatabaseKind.POSTGRESQL);
  }

  @Test
  void closeUnderLoadLosesNothingAndLeavesNoSession() throws Exception {
    Scenario s = new CloseUnderLoad();
    ScenarioReport r = new ScenarioReport(s, "quick");

    s.run(context(3), r);

    Database pg = Database.POSTGRESQL;
    assertThat(r.failures()).isEmpty();
    assertThat(r.value(pg, Target.CISTERN, "trials")).hasValue(3);
    assertThat(r.value(pg, Target.CISTERN, "tx_acked").getAsDouble()).isPositive();
    assertThat(r.value(pg, Target.CISTERN, "partial")).hasValue(0);
    assertThat(r.value(pg, Target.CISTERN, "acked_lost")).hasValue(0);
    assertThat(r.value(pg, Target.CISTERN, "committed_without_commit")).hasValue(0);
    assertThat(r.value(pg, Target.CISTERN, "sessions_1s")).hasValue(0);
    assertThat(r.value(pg, Target.CISTERN, "hung")).hasValue(0);
    assertThat(r.goals()).hasSize(5).allMatch(ScenarioReport.Goal::met, "goal met");
  }

  @Test
  void droppedConnectionsAreReclaimedAfterAGc() throws Exception {
    try (LogCapture logs = LogCapture.install()) {
      Scenario s = new Leaks(logs);
      ScenarioReport r = new ScenarioReport(s, "quick");

      s.run(context(200), r);

      Database pg = Database.POSTGRESQL;
      assertThat(r.failures()).isEmpty();
      assertThat(r.value(pg, Target.CISTERN, "gc_leaks").getAsDouble()).isPositive();
      assertThat(r.value(pg, Target.CISTERN, "gc_done")).hasValue(200);
      assertThat(r.value(pg, Target.CISTERN, "gc_timeouts")).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "gc_lost_after_gc")).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "nogc_lost_after_gc")).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "gc_warn_reclaimed").getAsDouble()).isPositive();
      assertThat(r.unmet()).isEmpty();
    }
  }

  @Test
  void blackHoleBoundsEveryBorrowAndCloseAndLeavesNoSession() throws Exception {
    Scenario s = new BlackHole(List.of("st5"));
    ScenarioReport r = new ScenarioReport(s, "quick");

    s.run(context(2), r);

    Database pg = Database.POSTGRESQL;
    assertThat(r.failures()).isEmpty();
    assertThat(r.value(pg, Target.CISTERN, "st5_idle_borrow_max")).isPresent();
    assertThat(r.value(pg, Target.CISTERN, "st5_hung")).hasValue(0);
    assertThat(r.value(pg, Target.CISTERN, "st5_sessions")).hasValue(0);
    assertThat(r.goals()).hasSize(4).allMatch(ScenarioReport.Goal::met, "goal met");
  }
}
