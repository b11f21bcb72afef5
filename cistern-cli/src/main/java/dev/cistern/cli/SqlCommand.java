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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      "Run SQL statements (separated by ;) and print their results.",
      "Reads the SQL from the argument, from -f FILE, or from standard input.",
      "Each statement is committed; the first error stops the run with its SQLState and exit"
          + " code 1.",
      "With --json, several statements print one JSON array with one element per statement;"
          + " with --csv, an empty line separates their results."
    })
final class SqlCommand implements Callable<Integer> {
  /** {@code :name} as a parameter, not a PostgreSQL {@code ::} cast nor an escaped {@code \:}. */
  private static final String PARAM_BEFORE = "(?<![:\\\\\\w]):";

  /** The engine's message for a parameter the SQL does not use. */
  private static final Pattern UNUSED = Pattern.compile("^parameter \"([^\"]+)\" is not used in ");

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

  @picocli.CommandLine.Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description =
          "Bind :NAME in the SQL to VALUE, as text (repeatable); cast in SQL where a type is"
              + " needed, e.g. :id::int on PostgreSQL.")
  Map<String, String> params = new LinkedHashMap<>();

  @ArgGroup(exclusive = true)
  Format format;

  /** The output format flags, at most one. */
  static final class Format {
    @picocli.CommandLine.Option(
        names = "--csv",
        description = "Rows as CSV (RFC 4180); an empty line between results.")
    boolean csv;

    @picocli.CommandLine.Option(
        names = "--json",
        description = "Rows as a JSON array of objects; several statements: an array of those.")
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
    checkParams(statements);
    ResultFormat fmt =
        format == null ? ResultFormat.TABLE : format.csv ? ResultFormat.CSV : ResultFormat.JSON;
    PrintWriter out = spec.commandLine().getOut();
    DatabaseUrl db = engineOptions.url(url, cli);
    Engine engine = build(db);
    // several statements with --json: one array, an element per statement, closed even on error
    boolean jsonArray = fmt == ResultFormat.JSON && statements.size() > 1;
    if (jsonArray) {
      out.print("[");
    }
    int done = 0;
    try (SqlConnection c = connect(engine, db)) {
      for (String s : statements) {
        long start = System.nanoTime();
        Result r;
        try {
          r = execute(c, s);
        } catch (RuntimeException e) {
          c.rollback();
          throw SqlFailure.of(e, s, engine, db);
        }
        List<Row> rows = r.all();
        c.commit();
        long ms = (System.nanoTime() - start) / 1_000_000L;
        if (jsonArray) {
          out.print(done == 0 ? "\n  " : ",\n  ");
          out.print(jsonElement(r, rows));
          out.flush();
        } else {
          if (done > 0 && fmt == ResultFormat.CSV && isQuery(r)) {
            out.print("\r\n"); // an empty line between result sets
          }
          print(out, fmt, r, rows, ms);
        }
        done++;
      }
    } finally {
      if (jsonArray) {
        out.println(done == 0 ? "]" : "\n]");
        out.flush();
      }
      engine.close(Duration.ZERO);
    }
    return 0;
  }

  /** Builds the engine; with failFast it connects at once, so a SQLite file is checked here. */
  private Engine build(DatabaseUrl db) {
    try {
      return engineOptions
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
    } catch (RuntimeException e) {
      throw SqlFailure.of(e, null, null, db);
    }
  }

  /** Connects, turning a failure into one that names what the CLI can see (a SQLite file). */
  private static SqlConnection connect(Engine engine, DatabaseUrl db) {
    try {
      return engine.connect();
    } catch (RuntimeException e) {
      throw SqlFailure.of(e, null, engine, db);
    }
  }

  /** Refuses a -p that no statement uses: most likely a misspelt name. */
  private void checkParams(List<String> statements) {
    for (String name : params.keySet()) {
      boolean used = statements.stream().anyMatch(s -> uses(s, name));
      if (!used) {
        throw CliException.usage(
            "-p " + name + " is not used: no statement has :" + name + " — check the name");
      }
    }
  }

  /** The -p values this statement uses (the engine refuses a parameter the SQL does not use). */
  private Map<String, Object> paramsOf(String statement) {
    Map<String, Object> used = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (uses(statement, k)) {
            used.put(k, v);
          }
        });
    return used;
  }

  /**
   * Runs the statement with the -p values it uses. {@code :x} inside a string literal or comment
   * looks used to the pattern but not to the engine, which refuses it before running anything: it
   * is then left out and the statement tried again.
   */
  private Result execute(SqlConnection c, String statement) {
    Map<String, Object> values = paramsOf(statement);
    for (int attempt = 0; ; attempt++) {
      try {
        return c.execute(statement, values);
      } catch (IllegalArgumentException e) {
        Matcher m = UNUSED.matcher(String.valueOf(e.getMessage()));
        if (attempt >= params.size() || !m.find() || values.remove(m.group(1)) == null) {
          throw e;
        }
      }
    }
  }

  private static boolean uses(String statement, String name) {
    return Pattern.compile(PARAM_BEFORE + Pattern.quote(name) + "(?![\\w$])")
        .matcher(statement)
        .find();
  }

  private static boolean isQuery(Result r) {
    return r.rowCount() < 0 || !r.keys().isEmpty();
  }

  private static String jsonElement(Result r, List<Row> rows) {
    return isQuery(r)
        ? ResultFormat.jsonRows(r.keys(), rows, "  ")
        : "{\"rowsAffected\": " + r.rowCount() + "}";
  }

  private void print(PrintWriter out, ResultFormat fmt, Result r, List<Row> rows, long ms) {
    if (isQuery(r)) {
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
    if (cli.terminal()) {
      // on a terminal, say why nothing happens: the command waits for SQL typed in
      Cli.say(
          spec.commandLine().getErr(),
          "cistern: reading SQL from standard input; end with Ctrl-D, or pass it as an"
              + " argument: cistern sql URL 'select 1'");
    }
    InputStream in = System.in;
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
