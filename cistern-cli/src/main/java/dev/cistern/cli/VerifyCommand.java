package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.DisposalReport;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.SqlConnection;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cistern verify URL}: the closure check for a user's own database. Opens N connections
 * through an engine, runs a read-only workload, closes the engine, then asks the server how many
 * sessions carrying the engine's name remain. Exits 1 if any remain, any connection leaked, or the
 * server saw fewer sessions than connections were open at once. Refuses up front (exit 2) a
 * database whose count cannot show the engine's sessions ({@link SessionCounter#unobservable}) and
 * more connections than the pool may open.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that closing an engine leaves no session on your database server: open N",
      "connections, run a read-only workload, close, and ask the server. Exit 1 if any",
      "session remains, any connection leaked, or the server did not see the connections.",
      "PostgreSQL, MariaDB/MySQL and named H2 databases; not behind PgBouncer."
    })
final class VerifyCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec spec;

  @Mixin EngineOptions engineOptions;

  @Parameters(
      index = "0",
      paramLabel = "URL",
      description = "The database, e.g. postgresql://app@db/shop.")
  String url;

  @picocli.CommandLine.Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "10",
      description = "Connections to open at once (default: ${DEFAULT-VALUE}).")
  int connections;

  @picocli.CommandLine.Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "4",
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @picocli.CommandLine.Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "3",
      description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
  double seconds;

  @picocli.CommandLine.Option(
      names = "--grace",
      paramLabel = "D",
      defaultValue = "5s",
      description = "Grace period of close(), e.g. 500ms, 5s (default: ${DEFAULT-VALUE}).")
  String grace;

  @picocli.CommandLine.Option(names = "--no-progress", description = "Plain lines, no bar.")
  boolean noProgress;

  @picocli.CommandLine.Option(
      names = "--leak",
      paramLabel = "N",
      hidden = true,
      description = "Self-test: leak N connections on purpose, so the check must fail.")
  int leak;

  /** Keeps the deliberately leaked connections reachable until the engine aborts them. */
  private final List<SqlConnection> leaked = new ArrayList<>();

  VerifyCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    if (connections < 1 || threads < 1 || seconds < 0 || seconds > 3600 || leak < 0) {
      throw CliException.usage(
          "--connections and --threads must be at least 1, --seconds between 0 and 3600");
    }
    Duration graceTime = parseGrace();
    PrintWriter out = spec.commandLine().getOut();
    DatabaseUrl db = engineOptions.url(url, cli);
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Consumer<Engine.Builder> defaults =
        b ->
            b.name("cistern-verify-" + id)
                .poolSize(Math.max(connections, threads) + leak, 0)
                .option(Option.POOL_TIMEOUT, Duration.ofSeconds(10));
    Optional<String> unobservable = SessionCounter.unobservable(db);
    if (unobservable.isPresent()) {
      throw CliException.usage(unobservable.get());
    }
    Engine engine = engineOptions.builder(db, defaults).build();
    try {
      checkCapacity(engine);
      try (SessionCounter sessions = SessionCounter.open(db)) {
        String name = engine.name();
        Cli.say(out, cli.bold("cistern verify") + " " + db + " as engine '" + name + "'");
        Cli.say(
            out, "  before: " + sessions.count(name) + " sessions of this engine on the server");
        Cli.say(out, "  " + sizing(engine, sessions));
        int seen = openAtOnce(engine, sessions);
        Cli.say(
            out,
            "  opened "
                + connections
                + " connections at once: the server saw "
                + seen
                + (seen > connections ? " (other sessions share this database)" : ""));
        long millis = Math.round(seconds * 1000);
        Workload.Outcome o;
        try (Progress p = Progress.of(cli, out, "workload", millis, noProgress)) {
          o = Workload.run(engine, threads, millis, (c, n) -> c.execute("select 1").scalar(), p);
        }
        Cli.say(
            out,
            String.format(
                Locale.ROOT,
                "  workload: %d threads, %d transactions (%.0f/s), %d failed",
                threads,
                o.committed(),
                o.perSecond(),
                o.failed()));
        for (int i = 0; i < leak; i++) {
          leaked.add(engine.connect()); // --leak self-test: never closed
        }
        DisposalReport report = engine.close(graceTime);
        leaked.clear();
        Cli.say(out, "  " + report);
        int remaining = sessions.awaitZero(name, 5000);
        Cli.say(
            out, "  after close: " + remaining + " sessions of this engine remain on the server");
        List<String> problems = new ArrayList<>();
        if (seen < connections) {
          problems.add(
              "the server saw only "
                  + seen
                  + " sessions for the "
                  + connections
                  + " connections open at once (connections that share a session, or a count"
                  + " that cannot see this engine's sessions), so the check cannot prove that"
                  + " none remain");
        }
        if (remaining > 0) {
          problems.add(remaining + " sessions remain on the server");
        }
        if (report.aborted() > 0) {
          problems.add(
              report.aborted()
                  + " connections leaked (still borrowed when the "
                  + graceTime.toMillis()
                  + "ms grace ended, aborted): "
                  + first(report.leaked()));
        }
        if (!report.errors().isEmpty()) {
          problems.add(report.errors().size() + " errors while closing: " + report.errors().get(0));
        }
        if (o.failed() > 0 && o.firstError() != null) {
          problems.add(o.failed() + " transactions failed: " + Failures.line(o.firstError()));
        }
        if (!problems.isEmpty()) {
          Cli.say(out, cli.bad("FAILED: " + String.join("; ", problems)));
          return CliException.FAILURE;
        }
        Cli.say(out, cli.good("verified: 0 sessions remain on the server; no connection leaked"));
        return 0;
      }
    } finally {
      engine.close(Duration.ZERO); // a no-op once closed; else nothing is left behind
    }
  }

  /**
   * Refuses up front a check the pool cannot hold: more connections at once (or more deliberate
   * leaks) than {@code poolSize + maxOverflow}, which would wait for {@code poolTimeout} and fail.
   */
  private void checkCapacity(Engine engine) {
    PoolClass kind = engine.option(Option.POOL_CLASS);
    int need = Math.max(connections, leak);
    if (kind == PoolClass.QUEUE) {
      int size = engine.option(Option.POOL_SIZE);
      int overflow = engine.option(Option.MAX_OVERFLOW);
      if (size > 0 && overflow >= 0 && need > size + overflow) {
        String what = need == connections ? "--connections " + need : "--leak " + need;
        throw CliException.usage(
            what
                + " is more than the pool may open at once: poolSize "
                + size
                + " + maxOverflow "
                + overflow
                + " = "
                + (size + overflow)
                + " — lower "
                + (need == connections ? "--connections" : "--leak")
                + " to "
                + (size + overflow)
                + " or raise the pool (--pool-size "
                + need
                + ", or --option maxOverflow="
                + (need - size)
                + ")");
      }
    } else if ((kind == PoolClass.STATIC || kind == PoolClass.ASSERTION) && need > 1) {
      throw CliException.usage(
          "--connections "
              + connections
              + " needs as many connections at once, but poolClass "
              + kind
              + " holds one — use --connections 1 or poolClass QUEUE");
    }
  }

  /**
   * Returns the sizing line: the server's connection limit, the most connections the engine may
   * open, and that as a share of the limit, e.g. {@code server limit: max_connections 100 -
   * superuser_reserved_connections 3 = 97; this engine: poolSize 5 + maxOverflow 10 = 15 (15%)}.
   */
  static String sizing(Engine engine, SessionCounter sessions) {
    String server;
    OptionalInt available;
    try {
      Optional<String> limit = sessions.connectionLimit();
      available = sessions.availableConnections();
      server = limit.orElse("none stated by the server");
    } catch (SQLException e) {
      server = "cannot read (" + Failures.line(e) + ")";
      available = OptionalInt.empty();
    }
    String mine;
    int most = -1;
    PoolClass kind = engine.option(Option.POOL_CLASS);
    if (kind == PoolClass.QUEUE) {
      int size = engine.option(Option.POOL_SIZE);
      int overflow = engine.option(Option.MAX_OVERFLOW);
      if (size == 0 || overflow < 0) {
        mine = "poolSize " + size + " + maxOverflow " + overflow + ": no limit";
      } else {
        most = size + overflow;
        mine = "poolSize " + size + " + maxOverflow " + overflow + " = " + most;
      }
    } else {
      mine = "poolClass " + kind;
    }
    if (most >= 0 && available.isPresent() && available.getAsInt() > 0) {
      mine += " (" + Math.round(most * 100.0 / available.getAsInt()) + "%)";
    }
    return "server limit: " + server + "; this engine: " + mine;
  }

  private Duration parseGrace() {
    try {
      Duration d = Option.CLOSE_GRACE.parse(grace);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (IllegalArgumentException e) {
      throw CliException.usage("bad --grace '" + grace + "' — write a duration: 500ms, 5s, 1m");
    }
  }

  /** Borrows {@code connections} at once, counts the server's sessions, and returns them. */
  private int openAtOnce(Engine engine, SessionCounter sessions) throws Exception {
    List<SqlConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        SqlConnection c = engine.connect();
        open.add(c);
        c.execute("select 1").scalar();
        c.rollback();
      }
      return sessions.count(engine.name());
    } finally {
      for (SqlConnection c : open) {
        c.close();
      }
    }
  }

  private static String first(List<String> leaks) {
    if (leaks.isEmpty()) {
      return "";
    }
    return leaks.get(0).split("\\R")[0].strip() + (leaks.size() > 1 ? ", ..." : "");
  }
}
