package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Engine;
import dev.cistern.Option;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoRunsOnEmbeddedH2AndVerifiesNoSessionRemains() {
    CliRun r = CliRun.of("demo", "--seconds", "1", "--threads", "4");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("nothing opened yet: 0 server sessions")
        .containsPattern("\\d+ transactions committed .*, 0 failed; balances add up to 20000: yes")
        .containsPattern(
            "dispose\\(\\): idle connections closed at once: server sessions \\d+ -> 0")
        .containsPattern(
            "leaked a connection on purpose at DemoCommand.java:\\d+ \\(server sessions: 1\\)")
        .containsPattern(
            "5\\. close\\(500ms\\): engine 'cistern-demo-[0-9a-f]+' closed: 0 idle, 0 returned"
                + " during grace, 0 aborted")
        .containsPattern(
            "close\\(500ms\\): engine 'cistern-demo-[0-9a-f]+-leak' closed: .*1 aborted")
        .containsPattern(
            "   pool 'cistern-demo-[0-9a-f]+': open \\d/5 \\(poolSize 5 \\+ maxOverflow 0\\), idle"
                + " \\d, in use \\d, waiting \\d; server sessions: \\d")
        .containsPattern(
            "leaked: connection #\\d+ borrowed by thread '.*' at dev.cistern.cli.DemoCommand.leakOne\\(DemoCommand.java:\\d+\\)")
        .endsWith("verified: 0 sessions remain on the server" + System.lineSeparator());
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void theLeakIsNamedByTheLineThatBorrowedIt() {
    CliRun r = CliRun.of("demo", "--seconds", "0.3", "--threads", "2");
    assertThat(r.code()).as("%s", r).isZero();
    String announced = r.out().replaceAll("(?s).*on purpose at (DemoCommand.java:\\d+).*", "$1");
    assertThat(r.out()).contains("leakOne(" + announced + ")");
  }

  @Test
  void leakDetectionIsOnOnlyForTheEngineThatLeaksOnPurpose() {
    Engine.Builder work = Engine.builder("h2:mem:demo_defaults");
    DemoCommand.workloadDefaults("ab").accept(work);
    Engine.Builder leak = Engine.builder("h2:mem:demo_defaults");
    DemoCommand.leakDefaults("ab").accept(leak);
    try (Engine w = work.build();
        Engine l = leak.build()) {
      assertThat(w.option(Option.LEAK_DETECTION_THRESHOLD)).isEqualTo(Duration.ZERO);
      assertThat(l.option(Option.LEAK_DETECTION_THRESHOLD)).isEqualTo(Duration.ofMillis(200));
      assertThat(w.name()).isEqualTo("cistern-demo-ab");
      assertThat(l.name()).isEqualTo("cistern-demo-ab-leak");
    }
  }

  @Test
  void failedTransactionsOrBalancesThatDoNotAddUpFailTheDemo() {
    Workload.Outcome clean = new Workload.Outcome(343, 0, 1000, null);
    assertThat(DemoCommand.problems(0, clean, 20_000)).isEmpty();

    Workload.Outcome failing =
        new Workload.Outcome(343, 2398, 1000, new IllegalStateException("Table not found"));
    assertThat(DemoCommand.problems(0, failing, 20_000))
        .containsExactly(
            "2398 transactions failed: cistern: Table not found — run with --debug"
                + " for details");
    assertThat(DemoCommand.problems(2, clean, 19_990))
        .containsExactly(
            "2 sessions remain on the server", "the balances add up to 19990, not 20000");
    assertThat(DemoCommand.problems(0, new Workload.Outcome(0, 0, 1000, null), 20_000))
        .containsExactly("no transaction committed");
  }

  @Test
  void demoRefusesAnAnonymousH2InMemoryDatabase() {
    CliRun r = CliRun.of("demo", "--url", "h2:mem:", "--seconds", "0.3");
    assertThat(r.code()).as("%s", r).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("cistern: cannot observe the sessions of an anonymous in-memory H2 database");
  }

  @Test
  void demoTakesEngineOptionsAndFailsOnAnUnknownOne() {
    CliRun r = CliRun.of("demo", "--option", "poolSize=2", "--option", "leakDetectionTreshold=1s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "cistern: unknown engine option 'leakDetectionTreshold' — did you mean"
                + " 'leakDetectionThreshold'? --help lists every option"
                + System.lineSeparator());
  }

  @Test
  void helpListsEveryEngineOptionWithItsDefault() {
    for (String command : new String[] {"demo", "sql", "verify"}) {
      CliRun r = CliRun.of(command, "--help");
      assertThat(r.code()).isZero();
      for (Option<?> o : Option.values()) {
        assertThat(r.out()).contains("  " + o.key() + " ");
      }
      assertThat(r.out()).contains("poolSize", "int = 5").contains("--password-file");
    }
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    assertThat(new Cli(Map.of(), true).colour()).isTrue();
    assertThat(new Cli(Map.of("NO_COLOR", "1"), true).colour()).isFalse();
    assertThat(new Cli(Map.of(), false).colour()).isFalse();
    assertThat(new Cli(Map.of("NO_COLOR", "1"), true).good("ok")).isEqualTo("ok");
  }

  @Test
  void unknownSubcommandExitsNonZeroWithUsage() {
    CliRun r = CliRun.of("nonsense");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command 'nonsense'");
  }
}
