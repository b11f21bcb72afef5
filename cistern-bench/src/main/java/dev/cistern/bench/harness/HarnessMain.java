package dev.cistern.bench.harness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the harnesses outside JMH and writes one {@code harness-<name>.csv} each.
 *
 * <pre>
 * java -cp cistern-bench/target/benchmarks.jar dev.cistern.bench.harness.HarnessMain \
 *     --quick|--full --out DIR [--only dispose,spike,vthreads]
 * </pre>
 *
 * <p>{@code --quick} (the default) takes about three and a half minutes (the real-database {@code
 * oltp} harness about two of them); {@code --full} repeats more and runs longer. Parts that need
 * PostgreSQL, MariaDB or JDK 21+ print one line and are skipped when those are missing. Exits with
 * status 1 if a harness failed, 2 on bad arguments.
 */
public final class HarnessMain {
  /** Every harness name, in running order. */
  public static final List<String> NAMES = List.of("dispose", "spike", "vthreads", "oltp");

  private HarnessMain() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) {
    // the pools' INFO lines (one per pool started and shut) would drown the summary
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int status = run(args, System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs with the given arguments, printing to {@code out}; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    boolean full = false;
    Path dir = Paths.get("bench-results");
    Set<String> only = new LinkedHashSet<>(NAMES);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          full = false;
          break;
        case "--full":
          full = true;
          break;
        case "--out":
          if (++i >= args.length) {
            return usage(out, "--out needs a directory");
          }
          dir = Paths.get(args[i]);
          break;
        case "--only":
          if (++i >= args.length) {
            return usage(out, "--only needs a list such as dispose,spike");
          }
          only = new LinkedHashSet<>(Arrays.asList(args[i].split(",")));
          if (!NAMES.containsAll(only)) {
            return usage(out, "unknown harness in --only " + args[i]);
          }
          break;
        default:
          return usage(out, "unknown argument " + args[i]);
      }
    }
    List<Harness> harnesses = new ArrayList<>();
    for (String name : NAMES) {
      if (only.contains(name)) {
        harnesses.add(create(name, full));
      }
    }
    out.println(
        "Cistern harnesses ("
            + (full ? "full" : "quick")
            + ", JDK "
            + Runtime.version().feature()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cpus) -> "
            + dir.toAbsolutePath());
    return runAll(harnesses, dir, out);
  }

  /** Runs each harness, writes its CSV even when it failed part-way; returns the exit status. */
  public static int runAll(List<Harness> harnesses, Path dir, PrintStream out) {
    int status = 0;
    for (Harness h : harnesses) {
      HarnessCsv csv = new HarnessCsv(h.name());
      long start = System.nanoTime();
      try {
        h.run(csv, out);
      } catch (Exception | Error e) {
        status = 1;
        out.println(h.name() + ": FAILED: " + e);
        e.printStackTrace(out);
      }
      Path file = csv.write(dir);
      out.printf(
          "%s: %d rows -> %s (%.1f s)%n",
          h.name(), csv.size(), file, (System.nanoTime() - start) / 1e9);
    }
    return status;
  }

  static Harness create(String name, boolean full) {
    switch (name) {
      case "dispose":
        return full ? DisposeHarness.full() : DisposeHarness.quick();
      case "spike":
        return full ? SpikeHarness.full() : SpikeHarness.quick();
      case "vthreads":
        return full ? VirtualThreadHarness.full() : VirtualThreadHarness.quick();
      case "oltp":
        return full ? OltpHarness.full() : OltpHarness.quick();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static int usage(PrintStream out, String problem) {
    out.println(problem);
    out.println(
        "usage: HarnessMain --quick|--full --out DIR [--only " + String.join(",", NAMES) + "]");
    return 2;
  }
}
