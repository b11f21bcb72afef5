package dev.cistern.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The Markdown tables of the report, built from one run's results. */
final class Tables {
  /** The order pools are listed in; others follow in the order they were run. */
  static final List<String> ORDER =
      List.of(
          "cistern",
          "cistern-api",
          "cistern-pool",
          "hikari",
          "dbcp2",
          "c3p0",
          "tomcat",
          "vibur",
          "agroal",
          "floor");

  static final String HIKARI = "hikari";
  static final String FLOOR = "floor";

  private final Results r;

  Tables(Results r) {
    this.r = r;
  }

  /** Pools of a benchmark, in {@link #ORDER}. */
  List<String> pools(String benchmark) {
    Set<String> seen = new LinkedHashSet<>();
    r.of(benchmark).forEach(j -> seen.add(j.pool()));
    List<String> out = new ArrayList<>();
    for (String p : ORDER) {
      if (seen.remove(p)) {
        out.add(p);
      }
    }
    out.addAll(seen);
    return out;
  }

  List<Integer> threads(String benchmark) {
    return new ArrayList<>(
        new TreeSet<>(r.of(benchmark).stream().map(Results.Jmh::threads).toList()));
  }

  /** Score of {@code pool} divided by the score of {@code ref} at the same thread count. */
  double ratio(String benchmark, String pool, String ref, int threads) {
    Results.Jmh a = r.find(benchmark, pool, threads);
    Results.Jmh b = r.find(benchmark, ref, threads);
    if (a == null || b == null || b.score() == 0) {
      return Double.NaN;
    }
    return a.score() / b.score();
  }

  /**
   * Throughput per thread count with allocation, then the ratios to HikariCP and to the floor, as
   * two tables.
   */
  String throughput(String benchmark) {
    List<String> pools = pools(benchmark);
    if (pools.isEmpty()) {
      return "_No results for " + benchmark + " in this run._\n";
    }
    List<Integer> ts = threads(benchmark);
    String unit = unit(r.of(benchmark).get(0).unit());
    StringBuilder b = new StringBuilder();
    b.append("| Pool |");
    ts.forEach(t -> b.append(' ').append(t).append(t == 1 ? " thread |" : " threads |"));
    b.append(" B/op |\n|---|");
    ts.forEach(t -> b.append("---:|"));
    b.append("---:|\n");
    for (String p : pools) {
      b.append("| ").append(p).append(" |");
      double alloc = Double.NaN;
      for (int t : ts) {
        Results.Jmh j = r.find(benchmark, p, t);
        b.append(' ').append(j == null ? "" : scoreCell(j)).append(" |");
        if (j != null && !Double.isNaN(j.allocNorm())) {
          alloc = Double.isNaN(alloc) ? j.allocNorm() : Math.max(alloc, j.allocNorm());
        }
      }
      b.append(' ').append(bytes(alloc)).append(" |\n");
    }
    b.append("\nScores in ")
        .append(unit)
        .append(" (higher is better), ± the 99.9% confidence interval; B/op is the most")
        .append(" `gc.alloc.rate.norm` over the thread counts.\n\n");
    b.append("Ratio to HikariCP / ratio to floor (same run, same thread count):\n\n| Pool |");
    ts.forEach(t -> b.append(' ').append(t).append(t == 1 ? " thread |" : " threads |"));
    b.append("\n|---|");
    ts.forEach(t -> b.append("---:|"));
    b.append('\n');
    for (String p : pools) {
      b.append("| ").append(p).append(" |");
      for (int t : ts) {
        b.append(' ')
            .append(times(ratio(benchmark, p, HIKARI, t)))
            .append(" / ")
            .append(times(ratio(benchmark, p, FLOOR, t)))
            .append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Latency percentiles per pool, with p99.9 relative to HikariCP's. */
  String latency(String benchmark) {
    List<String> pools = pools(benchmark);
    if (pools.isEmpty()) {
      return "_No results for " + benchmark + " in this run._\n";
    }
    String unit = unit(r.of(benchmark).get(0).unit());
    Results.Jmh h = r.find(benchmark, HIKARI, 0);
    StringBuilder b = new StringBuilder();
    b.append("| Pool | p50 | p99 | p99.9 | p99.9 / HikariCP's | B/op |\n");
    b.append("|---|---:|---:|---:|---:|---:|\n");
    for (String p : pools) {
      Results.Jmh j = r.find(benchmark, p, 0);
      b.append("| ")
          .append(p)
          .append(" | ")
          .append(fmt(j.p50()))
          .append(" | ")
          .append(fmt(j.p99()))
          .append(" | ")
          .append(fmt(j.p999()))
          .append(" | ")
          .append(h == null || h.p999() == 0 ? "" : times(j.p999() / h.p999()))
          .append(" | ")
          .append(bytes(j.allocNorm()))
          .append(" |\n");
    }
    b.append("\nBorrow time in ").append(unit).append(" (lower is better).\n");
    return b.toString();
  }

  /** The harness results as one table. */
  String harness() {
    if (r.harness.isEmpty()) {
      return "_No harness results in this run._\n";
    }
    StringBuilder b = new StringBuilder("| Harness | Benchmark | Pool | Metric | Value | Unit |\n");
    b.append("|---|---|---|---|---:|---|\n");
    for (Results.Harness h : r.harness) {
      b.append("| ")
          .append(h.file().replaceAll("^harness-|\\.csv$", ""))
          .append(" | ")
          .append(h.benchmark())
          .append(" | ")
          .append(h.pool())
          .append(" | ")
          .append(h.metric())
          .append(" | ")
          .append(fmt(h.value()))
          .append(" | ")
          .append(h.unit())
          .append(" |\n");
    }
    Set<String> files = new LinkedHashSet<>();
    r.harness.forEach(h -> files.add(h.file().replaceAll("\\.csv$", "")));
    b.append('\n');
    files.forEach(
        f -> b.append("![").append(f).append("](benchmarks/").append(f).append(".png)\n"));
    return b.toString();
  }

  static String scoreCell(Results.Jmh j) {
    if (Double.isNaN(j.error()) || j.error() == 0) {
      return fmt(j.score());
    }
    return fmt(j.score()) + " ± " + fmt(j.error());
  }

  static String unit(String u) {
    return u.replace("us", "µs");
  }

  static String fmt(double d) {
    if (Double.isNaN(d)) {
      return "";
    }
    double a = Math.abs(d);
    String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.2f" : "%.3g";
    return String.format(Locale.ROOT, f, d);
  }

  static String times(double d) {
    if (Double.isNaN(d)) {
      return "–";
    }
    return String.format(Locale.ROOT, d < 0.1 ? "%.2g×" : "%.2f×", d);
  }

  static String bytes(double d) {
    if (Double.isNaN(d)) {
      return "";
    }
    return d < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", d);
  }
}
