package dev.cistern.cli;

import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** Returns the options given on the command line, typed and checked. */
  Map<Option, Object> parsed() {
    Map<Option, Object> m = new EnumMap<>(Option.class);
    options.forEach(
        (k, v) -> {
          Option o = Option.byName(k).orElseThrow(() -> unknown(k));
          try {
            m.put(o, o.parse(v));
          } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + " — see --help for the option's values");
          }
        });
    if (poolSize != null) {
      m.put(Option.POOL_SIZE, Option.POOL_SIZE.validate(poolSize));
    }
    if (echo) {
      m.put(Option.ECHO, true);
    }
    return m;
  }

  /** Starts an engine builder on the URL with the command line's options. */
  Engine.Builder builder(DatabaseUrl url, Map<Option, Object> defaults) {
    Engine.Builder b = Engine.builder(url);
    defaults.forEach(b::option);
    parsed().forEach(b::option);
    return b;
  }

  private static CliException unknown(String key) {
    String hint = Option.closest(key).map(o -> "did you mean '" + o.key() + "'? ").orElse("");
    return CliException.usage(
        "unknown engine option '" + key + "' — " + hint + "--help lists every option");
  }
}
