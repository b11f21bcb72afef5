package dev.cistern.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each harness in a tiny configuration on the stub driver: the CSVs' shape, never timings. */
class HarnessTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private List<String> runAndRead(Harness h) throws Exception {
    int status = HarnessMain.runAll(List.of(h), dir, out);
    assertThat(status).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("harness-" + h.name() + ".csv"));
    assertThat(lines).first().isEqualTo("benchmark,pool,metric,value,unit");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(line).hasSize(5);
      assertThat(Double.parseDouble(cells[3])).as(line).isNotNaN();
    }
    return lines;
  }

  private static List<String> keys(List<String> lines) {
    return lines.stream()
        .skip(1)
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)))
        .collect(Collectors.toList());
  }

  @Test
  void disposeOnStub() throws Exception {
    List<String> lines = runAndRead(new DisposeHarness(10, 2, 1, 0));
    List<String> keys = keys(lines);
    for (String bench : List.of("dispose-stub", "dispose-stub-closedelay1ms")) {
      assertThat(keys)
          .contains(
              bench + ",all,connections",
              bench + ",cistern,dispose_ms_p50",
              bench + ",cistern,dispose_ms_max",
              bench + ",cistern,close_ms_p50",
              bench + ",cistern,close_sessions_left_max",
              bench + ",cistern,close_drained_ms_p50",
              bench + ",hikari,close_ms_p50",
              bench + ",hikari,close_ms_max",
              bench + ",hikari,close_sessions_left_max");
    }
    assertThat(keys).noneMatch(k -> k.startsWith("dispose-pg"));
    assertThat(lines).contains("dispose-stub,all,connections,10,count");
  }

  @Test
  void spikeOnStub() throws Exception {
    List<String> lines =
        runAndRead(
            new SpikeHarness(
                5, 1, Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMillis(300)));
    assertThat(keys(lines))
        .contains(
            "spike,cistern,wait_ms_p50",
            "spike,cistern,wait_ms_p99",
            "spike,cistern,wait_ms_max",
            "spike,cistern,opened_total",
            "spike,hikari,wait_ms_p50",
            "spike,hikari,wait_ms_p99",
            "spike,hikari,wait_ms_max",
            "spike,hikari,opened_total");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("spike (5 threads");
  }

  @Test
  void virtualThreadsRunOrSkipWithOneLine() throws Exception {
    List<String> lines =
        runAndRead(
            new VirtualThreadHarness(
                100, 4, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofMillis(200)));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    if (VirtualThreadHarness.virtualExecutorFactory() == null) {
      assertThat(printed).contains("vthreads: skipped, virtual threads need JDK 21+");
      assertThat(lines).hasSize(1);
    } else {
      assertThat(keys(lines))
          .contains(
              "vthreads,cistern,ops_per_s",
              "vthreads,cistern,cpu_us_per_op",
              "vthreads,hikari,ops_per_s",
              "vthreads,hikari,cpu_us_per_op");
    }
  }

  @Test
  void badArgumentsGiveUsage() {
    assertThat(HarnessMain.run(new String[] {"--only", "nope"}, out)).isEqualTo(2);
    assertThat(HarnessMain.run(new String[] {"--frobnicate"}, out)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: HarnessMain");
  }

  @Test
  void csvFormatsNumbers() {
    assertThat(HarnessCsv.format(3.0)).isEqualTo("3");
    assertThat(HarnessCsv.format(1.23456)).isEqualTo("1.235");
    assertThat(Stats.percentile(new double[] {5, 1, 3, 2, 4}, 50)).isEqualTo(3);
    assertThat(Stats.percentile(new double[] {5, 1, 3, 2, 4}, 99)).isEqualTo(5);
  }
}
