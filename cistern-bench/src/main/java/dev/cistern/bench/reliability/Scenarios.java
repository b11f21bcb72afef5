package dev.cistern.bench.reliability;

import java.util.List;

/**
 * The one list of reliability scenarios, in running order. To add one: write a class implementing
 * {@link Scenario} (one per scenario, like {@link CloseUnderLoad}), replace its {@link Planned}
 * entry here, and add a hand-written paragraph above its markers in docs/RELIABILITY.md.
 */
public final class Scenarios {
  private Scenarios() {}

  /** Every scenario, given the log capture scenarios that count log lines use. */
  public static List<Scenario> all(LogCapture logs) {
    return List.of(
        // EXTENSION POINT (scenario 1): a class using PrivatePostgres.terminateAllBackends() /
        // PrivateMariaDb.killAllConnections() under a 16-thread Load, pre-ping on and off
        new Planned(
            1,
            "kill-backends",
            "1. Kill every backend",
            "the private servers (PrivatePostgres/PrivateMariaDb.terminateAllBackends)"),
        // EXTENSION POINT (scenario 2): PrivatePostgres/PrivateMariaDb.restart() (fast) under a
        // 32-thread Load; hung = Load.Result.hung() with a bound of poolTimeout + 5 s
        new Planned(
            2, "restart", "2. Restart the server", "the private servers (restart, stop(fast))"),
        // EXTENSION POINT (scenario 3): FaultProxy.blackHole() for 20 s under load and at idle,
        // then Pool.close(grace) while black-holed, passThrough() and count sessions
        new Planned(3, "black-hole", "3. Black hole", "the fault proxy (FaultProxy.blackHole)"),
        // EXTENSION POINT (scenario 4): FaultProxy.failover(); time to the first success and
        // to full throughput from Load.Result's per-bucket successes
        new Planned(4, "failover", "4. Failover", "the fault proxy (FaultProxy.failover)"),
        new CloseUnderLoad(),
        // EXTENSION POINT (scenario 6): 200 Load threads at once, pool of 10, FaultProxy.latency
        // (200 ms connect, 0); wait p50/p99/max from Load.Result.latencyMillis()
        new Planned(
            6, "storm", "6. Connection storm", "the fault proxy (FaultProxy.latency on connect)"),
        new Leaks(logs));
  }
}
