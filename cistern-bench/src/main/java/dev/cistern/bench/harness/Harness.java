package dev.cistern.bench.harness;

import java.io.PrintStream;

/**
 * One measurement run outside JMH (shutdown cost, spikes, virtual threads): it fills a {@link
 * HarnessCsv} and prints a short human summary.
 */
public interface Harness {
  /** The short name, used on the command line and in {@code harness-<name>.csv}. */
  String name();

  /**
   * Runs the measurements, adding rows to {@code csv} and summary lines (and one-line notes on
   * skipped parts) to {@code out}.
   */
  void run(HarnessCsv csv, PrintStream out) throws Exception;
}
