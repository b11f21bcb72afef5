package dev.cistern.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.bench.reliability.HostileCase.Group;
import dev.cistern.bench.reliability.HostileCase.Outcome;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8 (hostile configuration) on Cistern and PostgreSQL, asserting Cistern's goals: no raw
 * exception, no hang, no password leaked, no typo'd key accepted, every URL query typo refused with
 * "did you mean". A goal missed here is a defect of Cistern, not of the test. Also the pieces the
 * classification rests on.
 */
class HostileTest {
  @BeforeAll
  static void postgres() {
    TestServers.shared().require(DatabaseKind.POSTGRESQL);
  }

  @Test
  void cisternMeetsEveryGoalOfTheHostileConfigurationScenario() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (LogCapture logs = LogCapture.install()) {
      Scenario s = new Hostile(logs);
      ScenarioReport r = new ScenarioReport(s, "quick");

      s.run(
          new Scenario.Context(
              false,
              List.of(Database.POSTGRESQL),
              List.of(Target.CISTERN),
              0,
              new PrintStream(log, true, StandardCharsets.UTF_8)),
          r);

      Database pg = Database.POSTGRESQL;
      String progress = log.toString(StandardCharsets.UTF_8);
      assertThat(r.failures()).isEmpty();
      assertThat(r.value(pg, Target.CISTERN, "cases").getAsDouble()).isGreaterThan(300);
      for (Group g : Group.values()) {
        assertThat(r.value(pg, Target.CISTERN, "cases_" + g.name().toLowerCase()).getAsDouble())
            .as(g.label)
            .isPositive();
      }
      assertThat(r.value(pg, Target.CISTERN, "refused").getAsDouble()).isPositive();
      assertThat(r.value(pg, Target.CISTERN, "honoured").getAsDouble()).isPositive();
      assertThat(r.value(pg, Target.CISTERN, "raw")).as(progress).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "hung")).as(progress).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "leaked")).as(progress).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "typo_accepted")).as(progress).hasValue(0);
      assertThat(r.value(pg, Target.CISTERN, "sessions_left")).hasValue(0);
      assertThat(r.goals()).hasSize(5);
      assertThat(r.unmet()).as(progress).isEmpty();
      assertThat(r.details()).singleElement().asString().startsWith("Notable cases");
    }
  }

  @Test
  void aWrapperOfANumberFormatExceptionIsRaw() {
    HostileCase c = aCase(List.of("maximumPoolSize"), "abc");
    NumberFormatException nfe = new NumberFormatException("For input string: \"abc\"");

    assertThat(c.classify(new RuntimeException(nfe))).isEqualTo(Outcome.RAW);
    assertThat(c.classify(new ArithmeticException("long overflow"))).isEqualTo(Outcome.RAW);
    assertThat(
            c.classify(
                new RuntimeException(
                    new java.lang.reflect.InvocationTargetException(
                        new IllegalArgumentException("maxPoolSize cannot be less than 1")))))
        .as("the message the caller sees names nothing")
        .isEqualTo(Outcome.RAW);
  }

  @Test
  void aRefusalNamingTheOptionOrTheValueIsClear() {
    HostileCase c = aCase(List.of("maximumPoolSize", "maxPoolSize"), "PT9999999H");

    assertThat(c.classify(new IllegalArgumentException("maxPoolSize cannot be less than 1")))
        .isEqualTo(Outcome.REFUSED);
    assertThat(c.classify(new IllegalStateException("bad value 'PT9999999H'")))
        .isEqualTo(Outcome.REFUSED);
    assertThat(c.classify(new IllegalArgumentException("bad value"))).isEqualTo(Outcome.RAW);
    assertThat(
            c.classify(
                new RuntimeException(
                    "Failed to initialize pool", new java.sql.SQLException("refused"))))
        .isEqualTo(Outcome.CONNECT_FAILED);
  }

  @Test
  void aPasswordIsFoundByAnyFourOfItsMarkersCharactersAndMaskedInTheDoc() {
    String leaked = "could not connect to postgresql://app:xx" + HostileText.CANARY.substring(2, 6);

    assertThat(HostileText.leaks(leaked)).isTrue();
    assertThat(HostileText.leaks("postgresql://app:***@127.0.0.1/test")).isFalse();
    assertThat(HostileText.mask(leaked)).doesNotContain(HostileText.CANARY.substring(2, 6));
    assertThat(Hostile.passwords())
        .allMatch(p -> p.contains(HostileText.CANARY))
        .extracting(Hostile::describe)
        .noneMatch(HostileText::leaks);
  }

  @Test
  void theNotableTableEscapesMarkdownAndControlCharacters() {
    assertThat(Hostile.cell("a|b\nc`d")).isEqualTo("a\\|b\\\\nc\\`d");
    assertThat(Hostile.notable(List.of(), 1)).isEqualTo("Notable cases: none.\n");
    assertThat(HostileText.pct("a b/\u00e9")).isEqualTo("a%20b%2F%C3%A9");
  }

  private static HostileCase aCase(List<String> names, String raw) {
    return new HostileCase(
        Target.HIKARI,
        Group.OPTION,
        "Properties",
        names.get(0),
        raw,
        names,
        raw,
        null,
        null,
        trial -> HostileCase.Verdict.HONOURED);
  }
}
