package dev.cistern.bench.reliability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the reliability scenarios of issue 15 on Cistern and HikariCP, on PostgreSQL and MariaDB,
 * writes {@code reliability-<name>.csv} per scenario and the generated sections of
 * docs/RELIABILITY.md.
 *
 * <pre>
 * java -cp cistern-bench/target/benchmarks.jar dev.cistern.bench.reliability.ReliabilityMain \
 *     [--quick|--full] [--only 5,7] [--trials N] [--db postgresql,mariadb] \
 *     [--out DIR] [--doc docs/RELIABILITY.md]
 * </pre>
 *
 * <p>Servers come from {@code CISTERN_TEST_POSTGRES_URL}/{@code CISTERN_TEST_MARIADB_URL} (default
 * the loopback servers); each run works in a scratch schema or database dropped afterwards. A
 * server that does not answer is skipped with one line. Exits with status 1 if a scenario failed or
 * a goal of Cistern was not met, 2 on bad arguments.
 */
public final class ReliabilityMain {
  private ReliabilityMain() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int status;
    try (LogCapture logs = LogCapture.install()) {
      status = run(args, System.out, logs);
    }
    System.exit(status);
  }

  /** Runs with the given arguments; returns the exit status. */
  public static int run(String[] args, PrintStream out, LogCapture logs) {
    boolean full = false;
    Path dir = Paths.get("cistern-bench/results");
    Path doc = null;
    int trials = 0;
    List<Scenario> registered = Scenarios.all(logs);
    Set<Integer> only = new LinkedHashSet<>();
    List<Database> dbs = new ArrayList<>(List.of(Database.values()));
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> full = false;
          case "--full" -> full = true;
          case "--out" -> dir = Paths.get(value(args, ++i, "--out needs a directory"));
          case "--doc" -> doc = Paths.get(value(args, ++i, "--doc needs a file"));
          case "--trials" -> trials = Integer.parseInt(value(args, ++i, "--trials needs N"));
          case "--only" -> {
            for (String s : value(args, ++i, "--only needs a list such as 5,7").split(",")) {
              int id = Integer.parseInt(s.strip());
              if (registered.stream().noneMatch(x -> x.id() == id)) {
                return usage(out, "no scenario " + id + " in --only");
              }
              only.add(id);
            }
          }
          case "--db" -> {
            dbs.clear();
            for (String s : value(args, ++i, "--db needs postgresql,mariadb").split(",")) {
              dbs.add(Database.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
            }
          }
          default -> {
            return usage(out, "unknown argument " + args[i]);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return usage(out, e.getMessage());
    }
    Scenario.Context ctx =
        new Scenario.Context(full, List.copyOf(dbs), List.of(Target.values()), trials, out);
    out.println(
        "Cistern reliability ("
            + ctx.mode()
            + ", JDK "
            + Runtime.version().feature()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cpus) -> "
            + dir.toAbsolutePath());
    Map<Database, String> versions = new EnumMap<>(Database.class);
    for (Database db : dbs) {
      versions.put(db, version(db));
    }
    int status = 0;
    List<ScenarioReport> reports = new ArrayList<>();
    for (Scenario s : registered) {
      if (!only.isEmpty() && !only.contains(s.id())) {
        continue;
      }
      ScenarioReport report = new ScenarioReport(s, ctx.mode());
      long start = System.nanoTime();
      try {
        s.run(ctx, report);
      } catch (Exception | Error e) {
        status = 1;
        report.failure("failed: " + e);
        out.println(s.name() + ": FAILED: " + e);
        e.printStackTrace(out);
      }
      reports.add(report);
      Path csv = report.writeCsv(dir);
      out.printf(
          "%s: %d goals, %d not met -> %s (%.1f s)%n",
          s.name(),
          report.goals().size(),
          report.unmet().size(),
          csv,
          (System.nanoTime() - start) / 1e9);
      for (ScenarioReport.Goal g : report.unmet()) {
        out.println(
            "  not met: "
                + g.target().label()
                + " "
                + g.database().label()
                + ": "
                + g.text()
                + " (measured "
                + g.measured()
                + ")");
        if (g.target() == Target.CISTERN) {
          status = 1;
        }
      }
    }
    if (doc != null) {
      try {
        ReliabilityDoc.write(doc, reports, dbs, versions);
        out.println("wrote " + doc);
      } catch (java.io.IOException e) {
        out.println("cannot write " + doc + ": " + e);
        status = 1;
      }
    }
    return status;
  }

  private static String version(Database db) {
    if (Scratch.unavailable(db).isPresent()) {
      return "not reachable";
    }
    try (Scratch s = Scratch.create(db)) {
      return s.serverVersion().lines().findFirst().orElse("?");
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  private static String value(String[] args, int i, String problem) {
    if (i >= args.length) {
      throw new IllegalArgumentException(problem);
    }
    return args[i];
  }

  private static int usage(PrintStream out, String problem) {
    out.println(problem);
    out.println(
        "usage: ReliabilityMain [--quick|--full] [--only 5,7] [--trials N]"
            + " [--db postgresql,mariadb] [--out DIR] [--doc docs/RELIABILITY.md]");
    return 2;
  }
}
