package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The options every command that makes an engine shares: {@code --option KEY=VALUE} for any {@link
 * Option}, dedicated flags for the common ones, and the password from a file or the environment
 * (never from the command line, never echoed).
 */
final class EngineOptions {
  /** The environment variable a password is read from when no password file is given. */
  static final String PASSWORD_ENV = "CISTERN_PASSWORD";

  @CommandLine.Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description = "Set an engine option (repeatable), e.g. --option poolTimeout=5s; see below.")
  Map<String, String> options = new LinkedHashMap<>();

  @CommandLine.Option(names = "--pool-size", paramLabel = "N", description = "Same as poolSize=N.")
  Integer poolSize;

  @CommandLine.Option(names = "--echo", description = "Same as echo=true: log every statement.")
  boolean echo;

  @CommandLine.Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from the first line of FILE (else from $CISTERN_PASSWORD).")
  Path passwordFile;

  @CommandLine.Option(names = "--debug", description = "Print the stack trace of an error.")
  boolean debug;

  /**
   * Parses the URL and puts in the password from {@code --password-file} (which wins over a
   * password in the URL) or {@code CISTERN_PASSWORD} (used when the URL has none).
   */
  DatabaseUrl url(String text, Cli cli) {
    DatabaseUrl url = DatabaseUrl.parse(text);
    if (passwordFile != null) {
      return url.withPassword(readPassword(passwordFile));
    }
    String env = cli.env(PASSWORD_ENV);
    if (env != null && url.password().isEmpty() && !url.isRawJdbc()) {
      return url.withPassword(env);
    }
    return url;
  }

  private static String readPassword(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        throw CliException.usage(
            "the password file " + file + " is empty — put the password on its first line");
      }
      return lines.get(0);
    } catch (IOException e) {
      throw CliException.usage(
          "cannot read the password file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ") — check the path and its permissions");
    }
  }

  /**
   * Starts an engine builder on the URL: the command's {@code defaults} first, then the options
   * given on the command line, which win.
   *
   * @throws CliException for an unknown option or a bad value, naming it
   */
  Engine.Builder builder(DatabaseUrl url, Consumer<Engine.Builder> defaults) {
    Engine.Builder b = Engine.builder(url);
    defaults.accept(b);
    try {
      options.forEach((k, v) -> b.optionText(Option.byName(k).orElseThrow(() -> unknown(k)), v));
      if (poolSize != null) {
        b.option(Option.POOL_SIZE, poolSize);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage() + " — see --help for the option's values");
    }
    if (echo) {
      b.option(Option.ECHO, true);
    }
    return b;
  }

  private static CliException unknown(String key) {
    String hint = Option.closest(key).map(o -> "did you mean '" + o.key() + "'? ").orElse("");
    return CliException.usage(
        "unknown engine option '" + key + "' — " + hint + "--help lists every option");
  }
}
