package dev.cistern.cli;

import dev.cistern.PoolStatus;
import java.util.List;

/**
 * The pool status as the command line shows it, saying what each number is: {@code open 3/10
 * (poolSize 10 + maxOverflow 0), idle 1, in use 2, waiting 0}, where "open" counts the physical
 * connections open now and the number after the slash is the most the pool may open.
 */
final class PoolLine {
  private PoolLine() {}

  /**
   * The full line: {@code open 3/10 (poolSize 10 + maxOverflow 0), idle 1, in use 2, waiting 0}.
   */
  static String full(PoolStatus s) {
    return open(s) + " (" + limit(s) + "), idle " + s.idle() + ", in use " + rest(s);
  }

  /** The short line: {@code open 3/10, idle 1, in use 2, waiting 0}. */
  static String compact(PoolStatus s) {
    return open(s) + ", idle " + s.idle() + ", in use " + rest(s);
  }

  /** The shortest line: {@code open 3/10, in use 2}. */
  static String tiny(PoolStatus s) {
    return open(s) + ", in use " + s.inUse();
  }

  /**
   * The progress message of a workload in forms from longest to shortest, for a progress bar to
   * take the longest that fits: {@code 123 tx | open 3/10 (poolSize 10 + maxOverflow 0), ...}.
   */
  static List<String> progress(long transactions, PoolStatus s) {
    String tx = transactions + " tx";
    return List.of(tx + " | " + full(s), tx + " | " + compact(s), tx + " | " + tiny(s), tx);
  }

  private static String open(PoolStatus s) {
    return "open " + s.size() + (bounded(s) ? "/" + (s.poolSize() + s.maxOverflow()) : "");
  }

  private static String limit(PoolStatus s) {
    String overflow = s.maxOverflow() < 0 ? "unlimited" : Integer.toString(s.maxOverflow());
    return "poolSize " + s.poolSize() + " + maxOverflow " + overflow;
  }

  private static String rest(PoolStatus s) {
    return s.inUse() + ", waiting " + s.waiting();
  }

  private static boolean bounded(PoolStatus s) {
    return s.poolSize() > 0 && s.maxOverflow() >= 0;
  }
}
