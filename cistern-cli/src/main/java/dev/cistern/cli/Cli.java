package dev.cistern.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command needs to know about where it runs: its streams, the environment, and whether it
 * writes to a terminal (progress bars and colour only then; never colour when {@code NO_COLOR} is
 * set).
 */
final class Cli {
  private static final String RESET = "\u001b[0m";

  private final Map<String, String> env;
  private final boolean terminal;

  Cli(Map<String, String> env, boolean terminal) {
    this.env = Map.copyOf(env);
    this.terminal = terminal;
  }

  /** The context of the real process: its environment, a terminal if {@code System.console()}. */
  static Cli ofProcess() {
    return new Cli(System.getenv(), System.console() != null);
  }

  /** Returns an environment variable, or null. */
  String env(String name) {
    return env.get(name);
  }

  /** Returns true if the output is a terminal. */
  boolean terminal() {
    return terminal;
  }

  /** Returns true if ANSI colour may be used: on a terminal, with {@code NO_COLOR} unset. */
  boolean colour() {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  /** Returns the text in green (success) where colour is allowed. */
  String good(String text) {
    return paint("\u001b[32m", text);
  }

  /** Returns the text in red (failure) where colour is allowed. */
  String bad(String text) {
    return paint("\u001b[31m", text);
  }

  /** Returns the text in bold where colour is allowed. */
  String bold(String text) {
    return paint("\u001b[1m", text);
  }

  private String paint(String code, String text) {
    return colour() ? code + text + RESET : text;
  }

  /** Prints one line and flushes. */
  static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
