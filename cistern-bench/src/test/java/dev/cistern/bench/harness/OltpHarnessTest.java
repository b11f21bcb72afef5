package dev.cistern.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.bench.reliability.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real-database harness in a tiny configuration on the shared servers (skipped, or failed on
 * CI, when one is down, as every database test): the CSV's shape, and the round trips each path
 * sends, which are counts and not timings. Cistern's JDBC path must send no more round trips per
 * transaction than HikariCP with the same JDBC code.
 */
class OltpHarnessTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(Database.class)
  void measuresEveryPathAndCountsRoundTrips(Database db) throws Exception {
    dev.cistern.testkit.TestServers.shared().require(db.kind());
    OltpHarness h =
        new OltpHarness(
            new OltpHarness.Settings(
                List.of(2),
                1,
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                Duration.ofMillis(150),
                20,
                List.of(db)));

    int status = HarnessMain.runAll(List.of(h), dir, out);

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("harness-oltp.csv"));
    assertThat(lines).first().isEqualTo(HarnessCsv.HEADER);
    String id = OltpHarness.dbId(db);
    for (OltpHarness.Workload w : OltpHarness.Workload.values()) {
      for (OltpHarness.Path p : OltpHarness.Path.of(w)) {
        String prefix = "oltp-" + id + "-" + w.id() + "," + p.id() + ",";
        assertThat(lines)
            .as(prefix)
            .anyMatch(l -> l.startsWith(prefix + "tps_t2,"))
            .anyMatch(l -> l.startsWith(prefix + "p50_ms_t2,"))
            .anyMatch(l -> l.startsWith(prefix + "p99_ms_t2,"))
            .anyMatch(l -> l.startsWith(prefix + "errors_t2,0,"));
      }
    }
    HarnessCsv csv = read(lines);
    for (OltpHarness.Workload w : OltpHarness.Workload.values()) {
      String bench = "roundtrips-" + id + "-" + w.id();
      double work = w == OltpHarness.Workload.TPCB ? 5 : 1;
      for (OltpHarness.Path p : OltpHarness.Path.of(w)) {
        assertThat(csv.value(bench, p.id(), "work_per_tx")).as(bench + " " + p.id()).hasValue(work);
      }
      double hikari = csv.value(bench, "hikari-jdbc", "round_trips_per_tx").getAsDouble();
      double cistern = csv.value(bench, "cistern-jdbc", "round_trips_per_tx").getAsDouble();
      assertThat(hikari).as(bench).isGreaterThanOrEqualTo(work);
      assertThat(cistern)
          .as(bench + ": Cistern's JDBC path against HikariCP's")
          .isLessThanOrEqualTo(hikari + 0.1);
    }
    // the auto-commit view of the API sends the select alone
    assertThat(
            csv.value(
                "roundtrips-" + id + "-select", "cistern-api-autocommit", "round_trips_per_tx"))
        .hasValueCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
  }

  private static HarnessCsv read(List<String> lines) {
    HarnessCsv csv = new HarnessCsv("read");
    for (String l : lines.subList(1, lines.size())) {
      String[] c = l.split(",", -1);
      csv.add(c[0], c[1], c[2], Double.parseDouble(c[3]), c[4]);
    }
    return csv;
  }
}
