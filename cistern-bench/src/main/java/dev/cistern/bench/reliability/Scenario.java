package dev.cistern.bench.reliability;

import java.io.PrintStream;
import java.util.List;

/**
 * One reliability scenario of issue 15: it runs on each {@link Target} and {@link Database} of the
 * {@link Context} and fills a {@link ScenarioReport} (figures, goals met or not, notes). Every
 * scenario is registered once in {@link Scenarios#ALL}.
 */
public interface Scenario {
  /** The scenario's number in issue 15, as used by {@code --only}. */
  int id();

  /** The short name: the CSV's {@code reliability-<name>.csv} and the doc's marker. */
  String name();

  /** The title of its section in docs/RELIABILITY.md. */
  String title();

  /**
   * Runs the scenario on every database and target of {@code ctx}, adding to {@code report}; a
   * database that cannot be used is noted in the report and skipped.
   */
  void run(Context ctx, ScenarioReport report) throws Exception;

  /**
   * Where and how a run happens.
   *
   * @param full the full run (else quick)
   * @param databases the servers to run on
   * @param targets the pools to run
   * @param trials overrides the scenario's own repetition count when positive
   * @param log progress lines
   */
  record Context(
      boolean full, List<Database> databases, List<Target> targets, int trials, PrintStream log) {

    /** {@code trials} if set, else {@code full} or {@code quick} by mode. */
    public int count(int quick, int full) {
      return trials > 0 ? trials : (this.full ? full : quick);
    }

    /** The mode's name. */
    public String mode() {
      return full ? "full" : "quick";
    }
  }
}
