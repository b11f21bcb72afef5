package dev.cistern.bench.reliability;

import java.util.List;

/**
 * The one list of reliability scenarios, in running order. To add one: write a class implementing
 * {@link Scenario} (one per scenario, like {@link CloseUnderLoad}), add it here, and add a
 * hand-written paragraph above its markers in docs/RELIABILITY.md.
 */
public final class Scenarios {
  private Scenarios() {}

  /** Every scenario, given the log capture scenarios that count log lines use. */
  public static List<Scenario> all(LogCapture logs) {
    return List.of(
        new KillBackends(),
        new Restart(),
        new BlackHole(),
        new Failover(),
        new CloseUnderLoad(),
        new Storm(),
        new Leaks(logs),
        new Hostile(logs));
  }
}
