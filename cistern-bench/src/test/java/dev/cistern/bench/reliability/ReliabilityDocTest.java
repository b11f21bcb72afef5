package dev.cistern.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The goals table of a partial run keeps the rows of the scenarios it did not run; a section shows
 * a scenario's Markdown details after its goals.
 */
class ReliabilityDocTest {
  private static final String BEFORE =
      "\n56 of 64 goals met in this run.\n\n"
          + "| scenario | pool | database | goal | measured | |\n|---|---|---|---|---|---|\n"
          + "| 1 | Cistern | PostgreSQL | a | 1 | ✅ |\n"
          + "| 4 | Cistern | PostgreSQL | b | 2 | ❌ |\n"
          + "| 7 | Cistern | PostgreSQL | old seven | 3 | ❌ |\n"
          + "| 7 | HikariCP | PostgreSQL | old seven | 3 | ❌ |\n";

  @Test
  void aPartialRunReplacesOnlyItsOwnRowsAndCountsThemAll() {
    ScenarioReport seven = new ScenarioReport(new Leaks(null), "quick");
    seven.goal("new seven", Database.POSTGRESQL, Target.CISTERN, true, "0");
    String table = ReliabilityDoc.goals(List.of(seven), BEFORE);
    assertThat(table)
        .startsWith("2 of 3 goals met; the rows of scenario(s) 1, 4 are from an earlier run")
        .contains("| 1 | Cistern | PostgreSQL | a | 1 | ✅ |")
        .contains("| 4 | Cistern | PostgreSQL | b | 2 | ❌ |")
        .contains("| 7 | Cistern | PostgreSQL | new seven | 0 | ✅ |")
        .doesNotContain("old seven");
    assertThat(table.indexOf("| 4 |")).isLessThan(table.indexOf("| 7 |"));
  }

  @Test
  void aFullRunSaysSo() {
    ScenarioReport seven = new ScenarioReport(new Leaks(null), "quick");
    seven.goal("g", Database.MARIADB, Target.CISTERN, false, "9");
    assertThat(ReliabilityDoc.goals(List.of(seven), ""))
        .startsWith("0 of 1 goals met in this run.")
        .contains("| 7 | Cistern | MariaDB | g | 9 | ❌ |");
  }

  @Test
  void aSectionShowsItsDetailsAfterTheGoalsAndBeforeTheNotes() {
    ScenarioReport eight = new ScenarioReport(new Hostile(null), "quick");
    eight.goal("0 raw exceptions", Database.POSTGRESQL, Target.CISTERN, true, "0 of 3");
    eight.detail("| pool | case |\n|---|---|\n| HikariCP | x |\n");
    eight.note("observed");
    String section = ReliabilityDoc.section(eight, List.of(Database.POSTGRESQL));
    assertThat(section).contains("| HikariCP | x |\n\nObserved:");
    assertThat(section.indexOf("0 raw exceptions")).isLessThan(section.indexOf("| pool | case |"));
  }
}
