package dev.cistern.bench.reliability;

/**
 * A scenario of issue 15 that is not written yet: it needs the fault proxy ({@code
 * dev.cistern.testkit.fault.FaultProxy}) or a private server ({@code
 * dev.cistern.testkit.server.PrivatePostgres}/{@code PrivateMariaDb}) of cistern-testkit. Running
 * it only notes, in its section of docs/RELIABILITY.md, what it will measure and what it waits for.
 * Replace its entry in {@link Scenarios#ALL} by the real class.
 *
 * @param id the number in issue 15
 * @param name the short name (CSV and doc marker)
 * @param title the section title
 * @param needs what it waits for
 */
public record Planned(int id, String name, String title, String needs) implements Scenario {
  @Override
  public void run(Context ctx, ScenarioReport report) {
    report.failure("not run yet: needs " + needs);
  }
}
