package dev.cistern.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process and keeps its exit code and output. */
record CliRun(int code, String out, String err) {

  /** Runs with an empty environment. */
  static CliRun of(String... args) {
    return with(Map.of(), args);
  }

  /** Runs with the given environment variables. */
  static CliRun with(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(new HashMap<>(env), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Both streams, for assertions on everything printed. */
  String all() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
