package dev.cistern;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Engine#close(Duration)} did to the engine's connections.
 *
 * @param engineName the engine
 * @param closedIdle idle connections closed at once
 * @param returnedDuringGrace borrowed connections that came back within the grace period (and were
 *     closed then)
 * @param aborted borrowed connections still out when the grace period ended, aborted with {@link
 *     java.sql.Connection#abort}
 * @param took how long closing took
 * @param errors errors met while closing; none was allowed to stop the closing
 * @param leaked for each aborted connection: {@code connection #3 borrowed by thread 'x'} and, when
 *     {@code leakDetectionThreshold} was on, the stack that borrowed it
 */
public record DisposalReport(
    String engineName,
    int closedIdle,
    int returnedDuringGrace,
    int aborted,
    Duration took,
    List<Throwable> errors,
    List<String> leaked) {

  /**
   * Copies the lists.
   *
   * @param engineName the engine's name
   * @param closedIdle idle connections closed at once
   * @param returnedDuringGrace borrowed connections that came back within the grace period
   * @param aborted borrowed connections aborted when the grace period ended
   * @param took how long closing took
   * @param errors errors met while closing (copied)
   * @param leaked one description per aborted connection (copied)
   */
  public DisposalReport {
    errors = List.copyOf(errors);
    leaked = List.copyOf(leaked);
  }

  /**
   * Returns true if every connection was closed without aborting one and without errors.
   *
   * @return true if nothing was aborted and no error occurred
   */
  public boolean isClean() {
    return aborted == 0 && errors.isEmpty();
  }

  /**
   * One line: {@code engine 'orders' closed: 3 idle, 2 returned during grace, 0 aborted in 12 ms}.
   */
  @Override
  public String toString() {
    return "engine '"
        + engineName
        + "' closed: "
        + closedIdle
        + " idle, "
        + returnedDuringGrace
        + " returned during grace, "
        + aborted
        + " aborted in "
        + took.toMillis()
        + " ms"
        + (errors.isEmpty() ? "" : ", " + errors.size() + " error(s)");
  }
}
