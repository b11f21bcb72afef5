package dev.cistern.cli;

import dev.cistern.Cistern;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code cistern} command: {@code demo}, {@code sql} and {@code verify}.
 *
 * <p>Every error ends as one line on standard error, {@code cistern: <what is wrong> — <what to
 * do>}, and a non-zero exit code (2 for bad input, 1 for a failure); {@code --debug} adds the stack
 * trace.
 */
@Command(
    name = "cistern",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Cistern: a database engine whose pool is fast and whose close leaves nothing open.")
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The top-level command, made by {@code run}; picocli fills in {@link #spec}. */
  Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command line: a subcommand ({@code demo}, {@code sql}, {@code verify}) and its
   *     options
   */
  public static void main(String[] args) {
    Charset cs = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
    System.exit(run(Cli.ofProcess(), out, err, args));
  }

  /**
   * Runs the command line in-process, writing to the given streams, and returns the exit code.
   *
   * @param out where the command's output goes
   * @param err where errors and usage go
   * @param args the command line: a subcommand and its options
   * @return the exit code: 0 on success, non-zero on failure or bad usage
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(new Cli(System.getenv(), false), out, err, args);
  }

  /** Runs the command line in-process with the given environment (for tests); never a terminal. */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    return run(new Cli(env, false), out, err, args);
  }

  static int run(Cli cli, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("demo", new DemoCommand(cli));
    cl.addSubcommand("sql", new SqlCommand(cli));
    cl.addSubcommand("verify", new VerifyCommand(cli));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    String footer = OptionHelp.footer();
    for (String name : new String[] {"demo", "sql", "verify"}) {
      cl.getSubcommands().get(name).getCommandSpec().usageMessage().footer(footer);
    }
    HelpLayout.apply(cl);
    boolean debug = Arrays.asList(args).contains("--debug");
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          String sub = ex.getCommandLine().getCommandName();
          String fix = "cistern".equals(sub) ? "cistern --help" : "cistern " + sub + " --help";
          err.println("cistern: " + usageProblem(ex) + " — see '" + fix + "'");
          if (debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return CliException.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          out.flush();
          err.println(cli.bad(Failures.line(ex)));
          if (debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return Failures.exitCode(ex);
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Says what is wrong with the arguments, with a "did you mean" where one is likely. */
  static String usageProblem(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      boolean option = arg.startsWith("-");
      String what =
          option
              ? "unknown option '" + arg + "'"
              : u.getCommandLine().getSubcommands().isEmpty()
                  ? "unexpected argument '" + arg + "'"
                  : "unknown command '" + arg + "'";
      List<String> candidates =
          option
              ? new ArrayList<>(u.getCommandLine().getCommandSpec().optionsMap().keySet())
              : new ArrayList<>(u.getCommandLine().getSubcommands().keySet());
      String near = Suggest.closest(option ? arg.split("=", 2)[0] : arg, candidates);
      return what + (near == null ? "" : " — did you mean '" + near + "'?");
    }
    if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o && o.typeInfo().isMap()) {
      String name = "-p".equals(o.shortestName()) ? "-p" : o.longestName();
      String example = "-p".equals(o.shortestName()) ? "-p id=42" : name + " poolSize=10";
      return name + " needs name=value, e.g. " + example;
    }
    return firstLine(ex.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "bad arguments";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the library version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cistern " + Cistern.version()};
    }
  }
}
