package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Cistern;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usage help fits 80 columns and says whole sentences; --version names the build. */
class HelpTest {
  private static final List<String[]> HELP =
      List.of(
          new String[] {"--help"},
          new String[] {"sql", "--help"},
          new String[] {"demo", "--help"},
          new String[] {"verify", "--help"},
          new String[] {"help"},
          new String[] {"help", "sql"});

  @Test
  void noLineOfAnyHelpIsLongerThan80() {
    for (String[] args : HELP) {
      CliRun r = CliRun.of(args);
      assertThat(r.code()).as("%s", r).isZero();
      assertThat(r.out().lines()).as(String.join(" ", args)).isNotEmpty();
      assertThat(r.out().lines().filter(l -> l.length() > 80)).as(String.join(" ", args)).isEmpty();
    }
  }

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    List<String> entries = commandList(CliRun.of("--help").out());
    assertThat(entries).hasSize(4);
    assertThat(entries).allSatisfy(e -> assertThat(e).endsWith("."));
    assertThat(entries.get(1))
        .isEqualTo("sql Run SQL statements (separated by ;) and print their results.");
  }

  @Test
  void aDescriptionIsWrappedAsOneParagraph() {
    String out = CliRun.of("sql", "--help").out();
    // picocli wrapped each description line on its own: "...Reads the SQL from the" / "the"
    assertThat(out.lines()).noneMatch(l -> l.strip().equals("the"));
    assertThat(out).contains("Engine options").contains("poolSize");
    // option rows of the engine table never wrap back to column 0
    int table = out.indexOf("Engine options");
    assertThat(out.substring(table).lines().skip(1).takeWhile(l -> !l.startsWith("Passwords")))
        .allSatisfy(l -> assertThat(l).matches("(|  .*)"));
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun r = CliRun.of("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out().strip())
        .isEqualTo("cistern " + Cistern.version())
        .isNotEqualTo("cistern dev");
  }

  @Test
  void summariesOfLongDescriptions() {
    assertThat(HelpLayout.summary("Do this, e.g. that. And more."))
        .isEqualTo("Do this, e.g. that.");
    assertThat(
            HelpLayout.summary(
                "Show what it is for, on an embedded database (nothing to install): an engine"
                    + " created lazily and closed."))
        .isEqualTo("Show what it is for, on an embedded database (nothing to install).");
    assertThat(HelpLayout.wrap("aa bb cc", 5)).containsExactly("aa bb", "cc");
  }

  /** The entries of the Commands: list, continuation lines joined. */
  private static List<String> commandList(String help) {
    List<String> entries = new ArrayList<>();
    boolean in = false;
    for (String line : help.lines().toList()) {
      if (line.equals("Commands:")) {
        in = true;
      } else if (in && line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip().replaceAll("\\s+", " "));
      } else if (in && line.startsWith("   ")) {
        int last = entries.size() - 1;
        entries.set(last, entries.get(last) + " " + line.strip());
      } else if (in) {
        break;
      }
    }
    return entries;
  }
}
