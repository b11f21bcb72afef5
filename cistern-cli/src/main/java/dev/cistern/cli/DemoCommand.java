package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.DisposalReport;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.SqlConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cistern demo}: an engine made lazily, used hard by concurrent transactions, disposed,
 * leaking one connection on purpose, closed with a grace period, and the server asked whether any
 * session remains. Runs on embedded H2 unless {@code --url} names another database.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Show what Cistern is for, on an embedded H2 database (nothing to install): an engine",
      "created lazily, used by concurrent transactions, disposed, a leak found and named,",
      "closed with a grace period, and the server's own proof that no session remains."
    })
final class DemoCommand implements Callable<Integer> {
  private static final int ACCOUNTS = 20;
  private static final long OPENING_BALANCE = 1000;

  private final Cli cli;

  @Spec CommandSpec spec;

  @Mixin EngineOptions engineOptions;

  @picocli.CommandLine.Option(
      names = "--url",
      paramLabel = "URL",
      description = "Database to run on (default: a fresh in-memory H2 database).")
  String url;

  @picocli.CommandLine.Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @picocli.CommandLine.Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "3",
      description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
  double seconds;

  @picocli.CommandLine.Option(names = "--no-progress", description = "Plain lines, no bar.")
  boolean noProgress;

  /** Keeps the deliberately leaked connection reachable until the engine aborts it. */
  private final List<SqlConnection> leaked = new ArrayList<>();

  DemoCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || seconds <= 0 || seconds > 600) {
      throw CliException.usage("--threads must be at least 1 and --seconds between 0 and 600");
    }
    PrintWriter out = spec.commandLine().getOut();
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    DatabaseUrl db = engineOptions.url(url != null ? url : "h2:mem:cistern_demo_" + id, cli);
    Consumer<Engine.Builder> defaults = workloadDefaults(id);
    Consumer<Engine.Builder> leakDefaults = leakDefaults(id);
    String table = "cistern_demo_" + id;
    try (SessionCounter sessions = SessionCounter.open(db)) {
      Engine engine = engineOptions.builder(db, defaults).build();
      try {
        String name = engine.name();
        Cli.say(out, cli.bold("cistern demo") + " on " + db);
        Cli.say(
            out,
            "1. engine '"
                + name
                + "' created; nothing opened yet: "
                + sessions.count(name)
                + " server sessions");
        setUp(engine, table);
        Cli.say(
            out,
            "2. workload: "
                + threads
                + " threads moving money between "
                + ACCOUNTS
                + " accounts for "
                + seconds
                + " s, one transaction per transfer");
        long millis = Math.round(seconds * 1000);
        Workload.Outcome o;
        try (Progress p = Progress.of(cli, out, "transfers", millis, noProgress)) {
          o = Workload.run(engine, threads, millis, (c, n) -> transfer(c, table), p);
        }
        long total = total(engine, table);
        boolean balanced = total == ACCOUNTS * OPENING_BALANCE;
        Cli.say(
            out,
            String.format(
                Locale.ROOT,
                "   %d transactions committed (%.0f/s), %d failed; balances add up to %d: %s",
                o.committed(),
                o.perSecond(),
                o.failed(),
                total,
                balanced ? "yes" : "NO"));
        Cli.say(
            out,
            "   pool '"
                + name
                + "': "
                + PoolLine.full(engine.status())
                + "; server sessions: "
                + sessions.count(name));
        dropTable(engine, table);
        int before = sessions.count(name);
        long t0 = System.nanoTime();
        engine.dispose();
        int after = sessions.awaitZero(name, 5000);
        long took = (System.nanoTime() - t0) / 1_000_000L;
        Cli.say(
            out,
            "3. dispose(): idle connections closed at once: server sessions "
                + before
                + " -> "
                + after
                + " in "
                + took
                + " ms; the engine stays usable");
        Engine leaky = engineOptions.builder(db, leakDefaults).build();
        try {
          String leakyName = leaky.name();
          long threshold = leaky.option(Option.LEAK_DETECTION_THRESHOLD).toMillis();
          int leakLine = leakOne(leaky);
          Cli.say(
              out,
              "4. engine '"
                  + leakyName
                  + "' leaked a connection on purpose at DemoCommand.java:"
                  + leakLine
                  + " (server sessions: "
                  + sessions.count(leakyName)
                  + ")");
          Cli.say(
              out,
              "   leak detection, on for this engine only (leakDetectionThreshold "
                  + threshold
                  + "ms), logs it with the borrowing stack on standard error");
          Thread.sleep(Math.max(0, threshold) * 2 + 250);
          Duration grace = Duration.ofMillis(500);
          DisposalReport report = engine.close(grace);
          DisposalReport leakReport = leaky.close(grace);
          leaked.clear();
          Cli.say(out, "5. close(" + grace.toMillis() + "ms): " + report);
          Cli.say(out, "   close(" + grace.toMillis() + "ms): " + leakReport);
          for (String l : leakReport.leaked()) {
            Cli.say(out, "   leaked: " + summarize(l));
          }
          int remaining = sessions.awaitZero(name, 5000) + sessions.awaitZero(leakyName, 5000);
          List<String> problems = problems(remaining, o, total);
          if (!problems.isEmpty()) {
            Cli.say(out, cli.bad("FAILED: " + String.join("; ", problems)));
            return CliException.FAILURE;
          }
        } finally {
          leaky.close(Duration.ZERO);
        }
        Cli.say(out, cli.good("verified: 0 sessions remain on the server"));
        return 0;
      } finally {
        engine.close(Duration.ZERO); // a no-op once closed; else nothing is left behind
      }
    }
  }

  /**
   * The defaults of the engine that runs the workload: no leak detection, since under load a
   * transaction may be held past a short threshold, and that would be reported as a leak.
   */
  static Consumer<Engine.Builder> workloadDefaults(String id) {
    return b -> b.name("cistern-demo-" + id).poolSize(5, 0).option(Option.TRANSACTION_RETRIES, 5);
  }

  /** The defaults of the engine that leaks on purpose: leak detection at 200 ms, one connection. */
  static Consumer<Engine.Builder> leakDefaults(String id) {
    return b ->
        b.name("cistern-demo-" + id + "-leak")
            .poolSize(1, 0)
            .option(Option.LEAK_DETECTION_THRESHOLD, Duration.ofMillis(200));
  }

  /**
   * Returns what went wrong, empty if nothing: sessions left on the server, failed transactions (or
   * none committed), balances that do not add up to the opening total.
   */
  static List<String> problems(int remainingSessions, Workload.Outcome o, long total) {
    List<String> problems = new ArrayList<>();
    if (remainingSessions != 0) {
      problems.add(remainingSessions + " sessions remain on the server");
    }
    if (o.failed() > 0) {
      problems.add(
          o.failed()
              + " transactions failed"
              + (o.firstError() == null ? "" : ": " + Failures.line(o.firstError())));
    } else if (o.committed() == 0) {
      problems.add("no transaction committed");
    }
    if (total != ACCOUNTS * OPENING_BALANCE) {
      problems.add("the balances add up to " + total + ", not " + ACCOUNTS * OPENING_BALANCE);
    }
    return problems;
  }

  private static void setUp(Engine engine, String table) {
    engine.useTransaction(
        c -> {
          c.execute("create table " + table + " (id int primary key, balance bigint not null)");
          List<Map<String, ?>> rows = new ArrayList<>();
          for (int i = 1; i <= ACCOUNTS; i++) {
            rows.add(Map.of("id", i, "balance", OPENING_BALANCE));
          }
          c.executeMany("insert into " + table + " (id, balance) values (:id, :balance)", rows);
        });
  }

  /** Moves a small amount between two accounts, locking the lower id first (no deadlocks). */
  private static void transfer(SqlConnection c, String table) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int a = 1 + r.nextInt(ACCOUNTS);
    int b = 1 + (a + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    int amount = 1 + r.nextInt(10);
    String sql = "update " + table + " set balance = balance + :d where id = :id";
    int first = Math.min(a, b);
    int second = Math.max(a, b);
    c.execute(sql, Map.of("d", first == a ? -amount : amount, "id", first));
    c.execute(sql, Map.of("d", second == a ? -amount : amount, "id", second));
  }

  private static long total(Engine engine, String table) {
    try (SqlConnection c = engine.connect()) {
      return c.execute("select sum(balance) from " + table).scalar(Long.class);
    }
  }

  private static void dropTable(Engine engine, String table) {
    engine.useTransaction(c -> c.execute("drop table " + table));
  }

  /** Borrows a connection and never closes it; returns the line that borrowed it. */
  private int leakOne(Engine engine) {
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    leaked.add(engine.connect()); // the deliberate leak: never closed
    return line;
  }

  /** Returns the leak's first line and the demo's own frame, where the stack names it. */
  private static String summarize(String leak) {
    String[] lines = leak.split("\\R");
    String head = lines[0].strip();
    for (String l : lines) {
      if (l.contains("DemoCommand.java")) {
        return head + " at " + l.strip().replaceFirst("^at ", "");
      }
    }
    return head;
  }
}
