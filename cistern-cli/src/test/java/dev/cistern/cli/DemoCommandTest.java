package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Option;
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
        .contains("1 aborted")
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
