package dev.cistern.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The results of one run: JMH's JSON files and the harnesses' CSV files of a directory. */
final class Results {
  /** One JMH result: a benchmark method with one set of parameters and one thread count. */
  record Jmh(
      String benchmark,
      String mode,
      String pool,
      int threads,
      int forks,
      String params,
      double score,
      double error,
      String unit,
      double allocNorm,
      double p50,
      double p99,
      double p999,
      String jdk,
      String vm) {

    /** The class name, e.g. {@code CycleBenchmark}. */
    String group() {
      int dot = benchmark.indexOf('.');
      return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }
  }

  /** One line of a harness CSV: {@code benchmark,pool,metric,value,unit}. */
  record Harness(
      String file, String benchmark, String pool, String metric, double value, String unit) {}

  final List<Jmh> jmh = new ArrayList<>();
  final List<Harness> harness = new ArrayList<>();

  /** Reads every {@code *.json} (JMH) and {@code harness-*.csv} file in {@code dir}. */
  static Results read(Path dir) {
    Results r = new Results();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        String n = f.getFileName().toString();
        if (n.endsWith(".json")) {
          r.readJmh(f);
        } else if (n.startsWith("harness-") && n.endsWith(".csv")) {
          r.readHarness(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    r.tagOtherJdks();
    return r;
  }

  /** The major version of a JMH {@code jdkVersion} such as {@code 17.0.15} or {@code 25}. */
  static String major(String jdk) {
    int dot = jdk.indexOf('.');
    return dot < 0 ? jdk : jdk.substring(0, dot);
  }

  /** The suffix of a benchmark measured on another JDK than the run's main one. */
  static String onJdk(String major) {
    return " (JDK " + major + ")";
  }

  /**
   * Keeps results measured on another JDK than most of the run's apart: their benchmark gets the
   * suffix {@link #onJdk} ({@code CycleBenchmark.cycle (JDK 25)}), so the main tables and goals
   * never mix JDKs.
   */
  private void tagOtherJdks() {
    Map<String, Long> byJdk =
        jmh.stream().collect(Collectors.groupingBy(j -> major(j.jdk()), Collectors.counting()));
    String main =
        byJdk.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse("");
    jmh.replaceAll(
        j ->
            major(j.jdk()).equals(main)
                ? j
                : new Jmh(
                    j.benchmark() + onJdk(major(j.jdk())),
                    j.mode(),
                    j.pool(),
                    j.threads(),
                    j.forks(),
                    j.params(),
                    j.score(),
                    j.error(),
                    j.unit(),
                    j.allocNorm(),
                    j.p50(),
                    j.p99(),
                    j.p999(),
                    j.jdk(),
                    j.vm()));
  }

  @SuppressWarnings("unchecked")
  private void readJmh(Path f) {
    Object root;
    try {
      root = Json.parse(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      System.err.println("skipping " + f + ": " + e.getMessage());
      return;
    }
    if (!(root instanceof List)) {
      return;
    }
    for (Object o : (List<Object>) root) {
      if (o instanceof Map) {
        jmh.add(toJmh((Map<String, Object>) o));
      }
    }
  }

  private static Jmh toJmh(Map<String, Object> m) {
    String name = String.valueOf(m.get("benchmark"));
    String[] parts = name.split("\\.");
    String shortName =
        parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
    Map<String, Object> params = new TreeMap<>(Json.object(m, "params"));
    Object pool = params.remove("pool");
    String rest =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    Map<String, Object> primary = Json.object(m, "primaryMetric");
    Map<String, Object> pct = Json.object(primary, "scorePercentiles");
    Map<String, Object> alloc =
        Json.object(Json.object(m, "secondaryMetrics"), "gc.alloc.rate.norm");
    return new Jmh(
        shortName,
        String.valueOf(m.get("mode")),
        pool == null ? "" : String.valueOf(pool),
        (int) Json.number(m.get("threads")),
        (int) Json.number(m.get("forks")),
        rest,
        Json.number(primary.get("score")),
        Json.number(primary.get("scoreError")),
        String.valueOf(primary.get("scoreUnit")),
        alloc.isEmpty() ? Double.NaN : Json.number(alloc.get("score")),
        Json.number(pct.get("50.0")),
        Json.number(pct.get("99.0")),
        Json.number(pct.get("99.9")),
        String.valueOf(m.get("jdkVersion")),
        m.get("vmName") + " " + m.get("vmVersion"));
  }

  private void readHarness(Path f) {
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String file = f.getFileName().toString();
    for (int k = 1; k < lines.size(); k++) {
      String[] c = lines.get(k).split(",", -1);
      if (c.length < 5 || lines.get(k).isBlank()) {
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(c[3].trim());
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      harness.add(new Harness(file, c[0].trim(), c[1].trim(), c[2].trim(), v, c[4].trim()));
    }
  }

  /** The results of one benchmark method, e.g. {@code CycleBenchmark.cycle}. */
  List<Jmh> of(String benchmark) {
    return jmh.stream().filter(j -> j.benchmark().equals(benchmark)).collect(Collectors.toList());
  }

  /** The result of a benchmark for one pool and thread count (0: any), or null. */
  Jmh find(String benchmark, String pool, int threads) {
    for (Jmh j : jmh) {
      if (j.benchmark().equals(benchmark)
          && j.pool().equals(pool)
          && (threads == 0 || j.threads() == threads)) {
        return j;
      }
    }
    return null;
  }

  /** Writes every result, JMH and harness, as one CSV. */
  void writeCsv(Path file) {
    StringBuilder b =
        new StringBuilder(
            "benchmark,pool,threads,params,score,error,unit,alloc_b_op,p50,p99,p99_9,forks\n");
    for (Jmh j : jmh) {
      b.append(
          String.join(
              ",",
              j.benchmark(),
              j.pool(),
              Integer.toString(j.threads()),
              j.params(),
              num(j.score()),
              num(j.error()),
              j.unit(),
              num(j.allocNorm()),
              num(j.p50()),
              num(j.p99()),
              num(j.p999()),
              Integer.toString(j.forks())));
      b.append('\n');
    }
    for (Harness h : harness) {
      String bench =
          "harness:" + h.file().replaceAll("^harness-|\\.csv$", "") + "/" + h.benchmark();
      b.append(
          String.join(
              ",",
              bench,
              h.pool(),
              "",
              h.metric(),
              num(h.value()),
              "",
              h.unit(),
              "",
              "",
              "",
              "",
              ""));
      b.append('\n');
    }
    try {
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String num(double d) {
    return Double.isNaN(d) ? "" : String.valueOf(d);
  }
}
