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

  /**
   * The harness results other than the real-database ones ({@link #oltp}) as one table, then the
   * charts {@code charts} (file names in {@code benchmarks/}).
   */
  String harness(List<String> charts) {
    List<Results.Harness> rows =
        r.harness.stream().filter(h -> !h.file().equals(Oltp.FILE)).toList();
    if (rows.isEmpty()) {
      return "_No harness results in this run._\n";
    }
    StringBuilder b = new StringBuilder("| Harness | Benchmark | Pool | Metric | Value | Unit |\n");
    b.append("|---|---|---|---|---:|---|\n");
    for (Results.Harness h : rows) {
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
    b.append('\n');
    charts.forEach(
        f ->
            b.append("![")
                .append(f.replaceAll("\\.png$", ""))
                .append("](benchmarks/")
                .append(f)
                .append(")\n"));
    return b.toString();
  }

  /**
   * The real-database results: per database and workload, a table of throughput (mean ± standard
   * deviation over the rounds), p50 and p99 per thread count and path, with the ratio to HikariCP;
   * then the round trips per transaction counted on the wire, by kind.
   */
  String oltp() {
    Oltp o = new Oltp(r);
    if (o.isEmpty() && !o.hasRoundTrips()) {
      return "_No real-database results in this run._\n";
    }
    StringBuilder b = new StringBuilder();
    double rounds = o.setting("rounds");
    double measure = o.setting("measure_s");
    double counted = o.setting("counted_tx");
    if (!Double.isNaN(rounds) && !Double.isNaN(measure)) {
      b.append(
          String.format(
              Locale.ROOT,
              "_This run: %.0f rounds × %s s per point, pools of %.0f; round trips over %s"
                  + " transactions per path._%n%n",
              rounds,
              fmt(measure),
              o.setting("pool_size"),
              Double.isNaN(counted) ? "?" : String.format(Locale.ROOT, "%.0f", counted)));
    }
    for (Oltp.Point p : o.points("oltp")) {
      List<Integer> ts = o.threads(p);
      b.append("**").append(p.label()).append("**\n\n| Path |");
      ts.forEach(t -> b.append(" tx/s, ").append(t).append(" thr | p50 ms | p99 ms |"));
      b.append("\n|---|");
      ts.forEach(t -> b.append("---:|---:|---:|"));
      b.append('\n');
      for (String path : o.paths("oltp", p)) {
        b.append("| ").append(path).append(" |");
        for (int t : ts) {
          double tps = o.value(p, path, "tps", t);
          double err = o.value(p, path, "tps_err", t);
          double errors = o.value(p, path, "errors", t);
          b.append(' ')
              .append(fmt(tps))
              .append(Double.isNaN(err) || err == 0 ? "" : " ± " + fmt(err))
              .append(errors > 0 ? " (" + fmt(errors) + " failed)" : "")
              .append(" | ")
              .append(fmt(o.value(p, path, "p50_ms", t)))
              .append(" | ")
              .append(fmt(o.value(p, path, "p99_ms", t)))
              .append(" |");
        }
        b.append('\n');
      }
      b.append(
          "\nRatio to HikariCP (throughput ratio, higher is better / p99 ratio, lower is better):\n\n");
      b.append("| Path |");
      ts.forEach(t -> b.append(' ').append(t).append(" threads |"));
      b.append("\n|---|");
      ts.forEach(t -> b.append("---:|"));
      b.append('\n');
      for (String path : o.paths("oltp", p)) {
        if (path.equals(Oltp.HIKARI)) {
          continue;
        }
        b.append("| ").append(path).append(" |");
        for (int t : ts) {
          b.append(' ')
              .append(times(o.value(p, path, "tps", t) / o.value(p, Oltp.HIKARI, "tps", t)))
              .append(" / ")
              .append(times(o.value(p, path, "p99_ms", t) / o.value(p, Oltp.HIKARI, "p99_ms", t)))
              .append(" |");
        }
        b.append('\n');
      }
      boolean csw = false;
      for (String path : o.paths("oltp", p)) {
        for (int t : ts) {
          csw |= !Double.isNaN(o.value(p, path, "csw_per_tx", t));
        }
      }
      if (csw) {
        b.append("\nContext switches of the client threads per transaction (Linux):\n\n| Path |");
        ts.forEach(t -> b.append(' ').append(t).append(" threads |"));
        b.append("\n|---|");
        ts.forEach(t -> b.append("---:|"));
        b.append('\n');
        for (String path : o.paths("oltp", p)) {
          b.append("| ").append(path).append(" |");
          for (int t : ts) {
            b.append(' ').append(fmt(o.value(p, path, "csw_per_tx", t))).append(" |");
          }
          b.append('\n');
        }
      }
      b.append("\n![")
          .append(p.label())
          .append(" throughput](benchmarks/oltp-")
          .append(p.id())
          .append("-throughput.png)\n![")
          .append(p.label())
          .append(" latency](benchmarks/oltp-")
          .append(p.id())
          .append("-latency.png)\n\n");
    }
    if (o.hasRoundTrips()) {
      String[] kinds = {"begin", "commit", "rollback", "set", "validation", "reset", "prepare"};
      b.append(
          "**Round trips per transaction**, counted on the wire (one thread, after a warm-up):\n\n");
      b.append("| Database, workload | Path | round trips | work |");
      for (String k : kinds) {
        b.append(' ').append(k).append(" |");
      }
      b.append(" connections opened |\n|---|---|---:|---:|");
      for (int i = 0; i < kinds.length; i++) {
        b.append("---:|");
      }
      b.append("---:|\n");
      for (Oltp.Point p : o.points("roundtrips")) {
        for (String path : o.paths("roundtrips", p)) {
          b.append("| ")
              .append(p.label())
              .append(" | ")
              .append(path)
              .append(" | ")
              .append(perTx(o.roundTrips(p, path, "round_trips_per_tx")))
              .append(" | ")
              .append(perTx(o.roundTrips(p, path, "work_per_tx")))
              .append(" |");
          for (String k : kinds) {
            b.append(' ').append(perTx(o.roundTrips(p, path, k + "_per_tx"))).append(" |");
          }
          double opened = o.roundTrips(p, path, "connects");
          b.append(' ')
              .append(Double.isNaN(opened) ? "0" : String.format(Locale.ROOT, "%.0f", opened))
              .append(" |\n");
        }
      }
      b.append("\n![round trips](benchmarks/oltp-roundtrips.png)\n");
    }
    return b.toString();
  }

  /**
   * A count per transaction with two decimals (three below 0.01, so that a rare statement does not
   * show as 0.00), 0 when missing (a kind never seen).
   */
  static String perTx(double d) {
    if (Double.isNaN(d) || d == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, Math.abs(d) < 0.01 ? "%.3f" : "%.2f", d);
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
