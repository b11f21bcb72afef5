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

  /** A result of the cycle measured on JDK 25, in a run whose other results are on JDK 17. */
  private static String onJdk25(String pool, int threads, double score) {
    return result("CycleBenchmark.cycle", "thrpt", pool, threads, score, 0.0)
        .replace("\"jdkVersion\":\"17.0.15\"", "\"jdkVersion\":\"25\"")
        .replace("\"vmVersion\":\"17.0.15+6\"", "\"vmVersion\":\"25+36-LTS\"");
  }

  @Test
  void resultsOfAnotherJdkAreKeptApart() throws Exception {
    List<String> rs = new ArrayList<>();
    rs.add(result("CycleBenchmark.cycle", "thrpt", "cistern", 1, 20.0, 0.0));
    rs.add(result("CycleBenchmark.cycle", "thrpt", "hikari", 1, 8.0, 56.0));
    rs.add(result("StatementBenchmark.statement", "thrpt", "cistern", 1, 5.0, 0.0));
    Files.writeString(dir.resolve("run.json"), "[" + String.join(",\n", rs) + "]");
    Files.writeString(
        dir.resolve("jdk25-cycle-t1.json"),
        "[" + onJdk25("cistern", 1, 30.0) + "," + onJdk25("hikari", 1, 10.0) + "]");
    Path doc = dir.resolve("BENCHMARKS.md");
    Files.writeString(doc, "# Benchmarks\n");

    Report.run(dir, doc, dir.resolve("charts"), "quick");

    String md = Files.readString(doc, StandardCharsets.UTF_8);
    String main = section(md, "cycle");
    String jdk25 = section(md, "cycle-jdk25");
    assertThat(main).contains("| cistern | 20.0 | 0 |").doesNotContain("30.0");
    assertThat(jdk25).contains("| cistern | 30.0 | 0 |", "| cistern | 3.00× /");
    assertThat(dir.resolve("charts").resolve("cycle-jdk25.png")).exists();
  }

  /** A pool measured at fewer thread counts than the others still gets its bars (no crash). */
  @Test
  void aPoolMissingAThreadCountIsChartedWithErrorBars() throws Exception {
    List<String> rs = new ArrayList<>();
    for (int t : new int[] {1, 2}) {
      rs.add(result("CycleBenchmark.cycle", "thrpt", "cistern", t, 20.0 * t, 0.0));
      rs.add(result("CycleBenchmark.cycle", "thrpt", "hikari", t, 8.0 * t, 0.0));
    }
    rs.add(result("CycleBenchmark.cycle", "thrpt", "cistern-lean", 2, 90.0, 0.0));
    Files.writeString(
        dir.resolve("run.json"), "[" + String.join(",\n", rs).replace("\"NaN\"", "0.5") + "]");
    Path doc = dir.resolve("BENCHMARKS.md");
    Files.writeString(doc, "# Benchmarks\n");

    Report.run(dir, doc, dir.resolve("charts"), "quick");

    assertThat(dir.resolve("charts").resolve("cycle.png")).exists();
    assertThat(section(Files.readString(doc, StandardCharsets.UTF_8), "cycle"))
        .contains("| cistern-lean |  | 90.0 ± 0.50 | 0 |");
  }

  private static String section(String md, String name) {
    int a = md.indexOf("<!-- bench:" + name + ":start -->");
    int z = md.indexOf("<!-- bench:" + name + ":end -->", a);
    assertThat(a).as("section " + name).isNotNegative();
    return md.substring(a, z);
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
            "| Contended cycle ≥ 1.2× HikariCP (cistern) | 1.25× at 16 | **met** |",
            "| Contended p99.9 borrow time ≤ 0.3× HikariCP's (cistern) | 20.0 vs 30.0 µs/op (0.67×) | not met |",
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

  @Test
  void realDatabaseTablesChartsAndGoals() throws Exception {
    StringBuilder csv = new StringBuilder("benchmark,pool,metric,value,unit\n");
    csv.append("oltp,all,pool_size,10,count\n");
    for (int t : new int[] {4, 64}) {
      for (String[] p :
          new String[][] {
            {"cistern-api", "1100"}, {"cistern-jdbc", "1200"}, {"hikari-jdbc", "1000"}
          }) {
        double tps = Double.parseDouble(p[1]) * (t == 4 ? 1 : 0.5);
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,tps_t%d,%s,tx/s%n", p[0], t, tps));
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,tps_err_t%d,50,tx/s%n", p[0], t));
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,p50_ms_t%d,2,ms%n", p[0], t));
        double p99 =
            p[0].equals("hikari-jdbc") ? 40 : p[0].equals("cistern-api") && t == 64 ? 50 : 20;
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,p99_ms_t%d,%s,ms%n", p[0], t, p99));
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,p99_err_ms_t%d,3,ms%n", p[0], t));
        csv.append(
            String.format(Locale.ROOT, "oltp-postgresql-tpcb,%s,errors_t%d,0,count%n", p[0], t));
        csv.append(
            String.format(
                Locale.ROOT,
                "oltp-postgresql-tpcb,%s,csw_per_tx_t%d,%s,count%n",
                p[0],
                t,
                p[0].equals("hikari-jdbc") ? "8.5" : "7"));
      }
    }
    csv.append("roundtrips-postgresql-tpcb,cistern-api,round_trips_per_tx,6,count\n");
    csv.append("roundtrips-postgresql-tpcb,cistern-api,work_per_tx,5,count\n");
    csv.append("roundtrips-postgresql-tpcb,cistern-api,commit_per_tx,1,count\n");
    csv.append("roundtrips-postgresql-tpcb,cistern-api,connects,2,count\n");
    csv.append("roundtrips-postgresql-tpcb,cistern-jdbc,round_trips_per_tx,6,count\n");
    csv.append("roundtrips-postgresql-tpcb,hikari-jdbc,round_trips_per_tx,6,count\n");
    csv.append("roundtrips-mariadb-select,cistern-api,round_trips_per_tx,4,count\n");
    csv.append("roundtrips-mariadb-select,cistern-jdbc,round_trips_per_tx,1,count\n");
    csv.append("roundtrips-mariadb-select,hikari-jdbc,round_trips_per_tx,1,count\n");
    Files.writeString(dir.resolve("harness-oltp.csv"), csv);
    Files.writeString(
        dir.resolve("harness-dispose.csv"),
        "benchmark,pool,metric,value,unit\ndispose,all,connections,100,count\n"
            + "dispose,cistern,p50,1.5,ms\ndispose,hikari,p50,9.5,ms\n"
            + "dispose,cistern,left,0,count\ndispose,hikari,left,3,count\n");
    Path doc = dir.resolve("BENCHMARKS.md");
    Path charts = dir.resolve("charts");

    Report.run(dir, doc, charts, "quick");

    String md = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(md)
        .contains(
            "**PostgreSQL TPC-B**",
            "| cistern-jdbc | 1200 ± 50.0 | 2.00 | 20.0 | 600 ± 50.0 | 2.00 | 20.0 |",
            "| cistern-api | 1.10× / 0.50× | 1.10× / 1.25× |",
            "| PostgreSQL TPC-B, cistern-jdbc: ≥ HikariCP throughput and lower p99 at every thread"
                + " count | 4 thr: 1.20× tx/s, p99 0.50×; 64 thr: 1.20× tx/s, p99 0.50× | **met** |",
            "| PostgreSQL TPC-B, cistern-api: ≥ HikariCP throughput and lower p99 at every thread"
                + " count | 4 thr: 1.10× tx/s, p99 0.50×; 64 thr: 1.10× tx/s, p99 1.25× | not met |",
            "| PostgreSQL TPC-B: Cistern adds no round trip over HikariCP (per transaction, on the"
                + " wire) | cistern-api 6.00, cistern-jdbc 6.00, hikari-jdbc 6.00 | **met** |",
            "| MariaDB select: Cistern adds no round trip over HikariCP (per transaction, on the wire)"
                + " | cistern-api 4.00, cistern-jdbc 1.00, hikari-jdbc 1.00 | not met |",
            "| PostgreSQL TPC-B | cistern-api | 6.00 | 5.00 | 0 | 1.00 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "Context switches of the client threads per transaction (Linux):",
            "| hikari-jdbc | 8.50 | 8.50 |");
    // the oltp rows have their own section, not the generic harness table
    assertThat(md).doesNotContain("| oltp | oltp-postgresql-tpcb");
    assertThat(md).contains("| dispose | dispose | hikari | left | 3.00 | count |");
    for (String png :
        List.of(
            "oltp-postgresql-tpcb-throughput.png",
            "oltp-postgresql-tpcb-latency.png",
            "oltp-roundtrips.png",
            "harness-dispose.png",
            "harness-dispose-count.png")) {
      assertThat(charts.resolve(png)).isNotEmptyFile();
    }
    assertThat(md)
        .contains(
            "![harness-dispose](benchmarks/harness-dispose.png)",
            "![harness-dispose-count](benchmarks/harness-dispose-count.png)");
  }

  @Test
  void everyPoolKeepsOneColourInEveryChart() {
    assertThat(Charts.colour("hikari")).isEqualTo(Charts.colour("hikari-jdbc"));
    assertThat(Charts.colour("cistern")).isEqualTo(Charts.colour("cistern-jdbc"));
    assertThat(Charts.colour("cistern")).isNotEqualTo(Charts.colour("hikari"));
    assertThat(Charts.colour("cistern-api")).isNotEqualTo(Charts.colour("cistern"));
    assertThat(Charts.colour("some-new-pool")).isEqualTo(Charts.colour("some-new-pool"));
  }
}
