package dev.cistern.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a tiny hand-written run. */
class ReportTest {
  @TempDir Path dir;

  private static String result(
      String bench, String mode, String pool, int threads, double score, double alloc) {
    return String.format(
        Locale.ROOT,
        "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.cistern.bench.%s\",\"mode\":\"%s\","
            + "\"threads\":%d,\"forks\":3,\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK\","
            + "\"vmVersion\":\"17.0.15+6\",\"params\":{\"pool\":\"%s\",\"tokens\":\"1000\"},"
            + "\"primaryMetric\":{\"score\":%s,\"scoreError\":\"NaN\",\"scorePercentiles\":"
            + "{\"0.0\":1.0,\"50.0\":%s,\"99.0\":%s,\"99.9\":%s,\"100.0\":99.0},"
            + "\"scoreUnit\":\"%s\",\"rawData\":[[1.0]]},\"secondaryMetrics\":"
            + "{\"gc.alloc.rate.norm\":{\"score\":%s,\"scoreError\":0.1,\"scoreUnit\":\"B/op\"}}}",
        bench,
        mode,
        threads,
        pool,
        score,
        score,
        score * 4,
        score * 10,
        mode.equals("sample") ? "us/op" : "ops/us",
        alloc);
  }

  @Test
  void writesCsvChartsAndTables() throws Exception {
    List<String> rs = new ArrayList<>();
    for (int t : new int[] {1, 2}) {
      rs.add(result("CycleBenchmark.cycle", "thrpt", "cistern", t, 20.0 * t, 0.0));
      rs.add(result("CycleBenchmark.cycle", "thrpt", "hikari", t, 8.0 * t, 56.0));
      rs.add(result("CycleBenchmark.cycle", "thrpt", "floor", t, 40.0 * t, 0.0));
    }
    rs.add(result("ContendedBenchmark.cycle", "thrpt", "cistern", 16, 1.0, 0.0));
    rs.add(result("ContendedBenchmark.cycle", "thrpt", "hikari", 16, 0.8, 56.0));
    rs.add(result("LatencyBenchmark.borrow", "sample", "cistern", 16, 2.0, 0.0));
    rs.add(result("LatencyBenchmark.borrow", "sample", "hikari", 16, 3.0, 56.0));
    rs.add(result("StatementBenchmark.statement", "thrpt", "cistern", 1, 5.0, 0.0));
    rs.add(result("StatementBenchmark.statement", "thrpt", "hikari", 1, 3.0, 0.0));
    Files.writeString(dir.resolve("run.json"), "[" + String.join(",\n", rs) + "]");
    Files.writeString(
        dir.resolve("harness-dispose.csv"),
        "benchmark,pool,metric,value,unit\ndispose,cistern,p50,1.5,ms\ndispose,hikari,p50,9.5,ms\n");
    Files.writeString(dir.resolve("not-jmh.json"), "{\"other\": true}");
    Path doc = dir.resolve("BENCHMARKS.md");
    Files.writeString(
        doc,
        "# Benchmarks\n\nIntro stays.\n\n<!-- bench:cycle:start -->\nold\n<!-- bench:cycle:end -->\n"
            + "\nOutro stays.\n");
    Path charts = dir.resolve("charts");

    int n = Report.run(dir, doc, charts, "quick");

    assertThat(n).isEqualTo(rs.size() + 2);
    String md = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(md).contains("Intro stays.", "Outro stays.").doesNotContain("\nold\n");
    assertThat(md).contains("| cistern | 20.0 | 40.0 | 0 |", "| hikari | 8.00 | 16.0 | 56 |");
    assertThat(md).contains("| cistern | 2.50× / 0.50× | 2.50× / 0.50× |");
    assertThat(md)
        .contains(
            "| Connection cycle ≥ 2× HikariCP at every thread count (cistern) | 2.50× at 1, 2.50× at 2 | **met** |",
            "| Contended cycle ≥ 2× HikariCP (cistern) | 1.25× at 16 | not met |",
            "| Contended p99.9 borrow time below HikariCP's (cistern) | 20.0 vs 30.0 µs/op | **met** |",
            "| Statement cycle ≥ 1.25× HikariCP (cistern) | 1.67× at 1 | **met** |",
            "0 B/op (HikariCP 56 B/op) | **met** |",
            "| Cistern-HikariCP comparisons with at least 3 forks | fewest forks: 3 | **met** |");
    assertThat(md).contains("| cistern | 2.00 | 8.00 | 20.0 | 0.67× | 0 |");
    assertThat(md).contains("| dispose | dispose | hikari | p50 | 9.50 | ms |");
    assertThat(md).contains("<!-- bench:env:start -->", "| Mode | quick |", "| JDK | 17.0.15");
    assertThat(md.indexOf("<!-- bench:cycle:start -->"))
        .isEqualTo(md.lastIndexOf("<!-- bench:cycle:start -->"));

    List<String> csv = Files.readAllLines(dir.resolve("all.csv"));
    assertThat(csv.get(0)).startsWith("benchmark,pool,threads,params,score,error,unit,alloc_b_op");
    assertThat(csv)
        .contains(
            "CycleBenchmark.cycle,hikari,2,tokens=1000,16.0,,ops/us,56.0,16.0,64.0,160.0,3",
            "harness:dispose/dispose,cistern,,p50,1.5,,ms,,,,,");
    for (String png :
        List.of(
            "cycle.png", "contended.png", "latency.png", "statement.png", "harness-dispose.png")) {
      assertThat(charts.resolve(png)).isNotEmptyFile();
    }
    assertThat(charts.resolve("cycle-escaping.png")).doesNotExist();

    // a second run replaces the sections instead of adding them again
    Report.run(dir, doc, charts, "full");
    String again = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(again).contains("| Mode | full |").doesNotContain("| Mode | quick |");
    assertThat(again.split("<!-- bench:goals:start -->", -1)).hasSize(2);
  }
}
