package dev.cistern.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a run's results into the report: {@code all.csv} beside the results, PNG charts, and the
 * generated tables of {@code docs/BENCHMARKS.md} (between {@code <!-- bench:NAME:start -->} and
 * {@code <!-- bench:NAME:end -->} markers; the rest of the file is left as it is).
 *
 * <p>Usage: {@code Report [--results DIR] [--doc FILE] [--charts DIR] [--mode quick|full]}.
 */
public final class Report {
  private Report() {}

  /** Runs the report; see the class comment for the arguments. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    Map<String, String> opt = new LinkedHashMap<>();
    opt.put("--results", "cistern-bench/results");
    opt.put("--doc", "docs/BENCHMARKS.md");
    opt.put("--charts", "docs/benchmarks");
    opt.put("--mode", "quick");
    for (int i = 0; i < args.length; i++) {
      if (!opt.containsKey(args[i]) || i + 1 >= args.length) {
        System.err.println(
            "usage: Report [--results DIR] [--doc FILE] [--charts DIR] [--mode quick|full]");
        System.exit(2);
      }
      opt.put(args[i], args[++i]);
    }
    int n =
        run(
            Path.of(opt.get("--results")),
            Path.of(opt.get("--doc")),
            Path.of(opt.get("--charts")),
            opt.get("--mode"));
    System.out.println("report: " + n + " results; wrote " + opt.get("--doc"));
  }

  /** Writes the CSV, the charts and the doc's tables; returns the number of results read. */
  public static int run(Path results, Path doc, Path charts, String mode) {
    System.setProperty("java.awt.headless", "true");
    Results r = Results.read(results);
    r.writeCsv(results.resolve("all.csv"));
    Charts.threadsChart(
        r,
        Goals.CYCLE,
        "Connection cycle (borrow + close), 32 connections",
        charts.resolve("cycle.png"));
    Charts.threadsChart(
        r,
        "CycleBenchmark.cycleEscaping",
        "Connection cycle, connection escaping to a Blackhole",
        charts.resolve("cycle-escaping.png"));
    Charts.barChart(
        r,
        Goals.CONTENDED,
        "Contended cycle: 16 threads, 4 connections",
        charts.resolve("contended.png"));
    Charts.latencyChart(
        r,
        Goals.LATENCY,
        "Borrow latency: 16 threads, 4 connections",
        charts.resolve("latency.png"));
    Charts.threadsChart(
        r,
        Goals.STATEMENT,
        "Statement cycle on a held connection",
        charts.resolve("statement.png"));
    String cycle25 = Goals.CYCLE + Results.onJdk("25");
    Charts.threadsChart(
        r,
        cycle25,
        "Connection cycle on JDK 25, 32 connections",
        charts.resolve("cycle-jdk25.png"));
    java.util.List<String> harnessCharts = Charts.harnessCharts(r, charts);
    Charts.oltpCharts(r, charts);

    Tables t = new Tables(r);
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("env", Environment.header(r, mode));
    sections.put("goals", new Goals(r).table());
    sections.put("cycle", t.throughput(Goals.CYCLE));
    sections.put("cycle-escaping", t.throughput("CycleBenchmark.cycleEscaping"));
    sections.put("cycle-jdk25", t.throughput(cycle25));
    sections.put("contended", t.throughput(Goals.CONTENDED));
    sections.put("latency", t.latency(Goals.LATENCY));
    sections.put("statement", t.throughput(Goals.STATEMENT));
    sections.put("oltp", t.oltp());
    sections.put("harness", t.harness(harnessCharts));
    try {
      String text =
          Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
      Files.writeString(doc, fill(text, sections), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r.jmh.size() + r.harness.size();
  }

  /**
   * Replaces the text between each section's markers; a section whose markers are missing is
   * appended at the end with its markers.
   */
  static String fill(String text, Map<String, String> sections) {
    String out = text;
    for (Map.Entry<String, String> e : sections.entrySet()) {
      String start = "<!-- bench:" + e.getKey() + ":start -->";
      String end = "<!-- bench:" + e.getKey() + ":end -->";
      String body = start + "\n" + e.getValue().stripTrailing() + "\n" + end;
      int a = out.indexOf(start);
      int z = a < 0 ? -1 : out.indexOf(end, a);
      if (a < 0 || z < 0) {
        out = out.stripTrailing() + "\n\n" + body + "\n";
      } else {
        out = out.substring(0, a) + body + out.substring(z + end.length());
      }
    }
    return out;
  }
}
