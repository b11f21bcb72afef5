package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.Result;
import dev.cistern.Row;
import dev.cistern.SqlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cistern sql URL [SQL | -f FILE]}: runs statements one by one on one connection, committing
 * each, and prints each result: a table, CSV or JSON for rows, a count for updates. Stops at the
 * first error with exit code 1.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL statements (separated by ;) and print their results. Reads the SQL from the",
      "argument, from -f FILE, or from standard input. Each statement is committed; the first",
      "error stops the run with its SQLState and exit code 1."
    })
final class SqlCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec spec;

  @Mixin EngineOptions engineOptions;

  @Parameters(index = "0", paramLabel = "URL", description = "The database, e.g. h2:mem:x.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SQL", description = "Statements to run.")
  String sql;

  @picocli.CommandLine.Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the statements from FILE.")
  Path file;

  @ArgGroup(exclusive = true)
  Format format;

  /** The output format flags, at most one. */
  static final class Format {
    @picocli.CommandLine.Option(names = "--csv", description = "Rows as CSV (RFC 4180).")
    boolean csv;

    @picocli.CommandLine.Option(names = "--json", description = "Rows as a JSON array of objects.")
    boolean json;
  }

  SqlCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    List<String> statements = SqlScript.split(source());
    if (statements.isEmpty()) {
      throw CliException.usage("no SQL statement given — pass it as an argument or with -f FILE");
    }
    ResultFormat fmt =
        format == null ? ResultFormat.TABLE : format.csv ? ResultFormat.CSV : ResultFormat.JSON;
    PrintWriter out = spec.commandLine().getOut();
    DatabaseUrl db = engineOptions.url(url, cli);
    Engine engine =
        engineOptions
            .builder(
                db,
                b ->
                    b.name("cistern-sql")
                        .option(Option.POOL_SIZE, 1)
                        .option(Option.POOL_TIMEOUT, Duration.ofSeconds(10))
                        .option(Option.SHUTDOWN_HOOK, false)
                        // fail at once, with the driver's reason, not after the pool's timeout
                        .option(Option.FAIL_FAST, true))
            .build();
    try (SqlConnection c = engine.connect()) {
      for (String s : statements) {
        long start = System.nanoTime();
        Result r;
        try {
          r = c.execute(s);
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
        List<Row> rows = r.all();
        c.commit();
        long ms = (System.nanoTime() - start) / 1_000_000L;
        print(out, fmt, r, rows, ms);
      }
    } finally {
      engine.close(Duration.ZERO);
    }
    return 0;
  }

  private void print(PrintWriter out, ResultFormat fmt, Result r, List<Row> rows, long ms) {
    boolean query = r.rowCount() < 0 || !r.keys().isEmpty();
    if (query) {
      fmt.write(out, r.keys(), rows);
      if (fmt == ResultFormat.TABLE) {
        Cli.say(
            out, "(" + rows.size() + (rows.size() == 1 ? " row" : " rows") + ", " + ms + " ms)");
      }
    } else if (fmt == ResultFormat.JSON) {
      Cli.say(out, "{\"rowsAffected\": " + r.rowCount() + "}");
    } else if (fmt == ResultFormat.TABLE) {
      Cli.say(
          out, r.rowCount() + (r.rowCount() == 1 ? " row" : " rows") + " affected (" + ms + " ms)");
    }
  }

  private String source() throws IOException {
    if (file != null && sql != null) {
      throw CliException.usage("give the SQL either as an argument or with -f FILE, not both");
    }
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw CliException.usage("cannot read the SQL file " + file + " — check the path");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    if (sql != null) {
      return sql;
    }
    InputStream in = System.in;
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
