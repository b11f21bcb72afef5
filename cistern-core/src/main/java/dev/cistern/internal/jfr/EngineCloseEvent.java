package dev.cistern.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * {@code dev.cistern.EngineClose}: an engine was closed; the fields are its {@code DisposalReport}.
 */
@Name("dev.cistern.EngineClose")
@Label("Engine Close")
@Category({"Cistern", "Lifecycle"})
@Description("The engine was closed: what happened to its connections (its DisposalReport)")
public final class EngineCloseEvent extends jdk.jfr.Event {
  /** The engine's name. */
  @Label("Engine")
  @Description("The name of the engine")
  String engine;

  /** Idle connections closed at once. */
  @Label("Closed Idle")
  @Description("Idle connections closed at once")
  int closedIdle;

  /** Borrowed connections that came back within the grace period. */
  @Label("Returned During Grace")
  @Description("Borrowed connections that came back within the grace period")
  int returnedDuringGrace;

  /** Borrowed connections aborted when the grace period ended. */
  @Label("Aborted")
  @Description("Borrowed connections still out when the grace period ended, aborted")
  int aborted;

  /** How long closing took. */
  @Label("Took")
  @Description("How long closing took")
  @Timespan(Timespan.NANOSECONDS)
  long took;

  /** Errors met while closing. */
  @Label("Errors")
  @Description("Errors met while closing; none stopped the closing")
  int errors;

  /** True if nothing was aborted and there were no errors. */
  @Label("Clean")
  @Description("True if every connection was closed without aborting one and without errors")
  boolean clean;

  /** Each aborted connection's description, separated by blank lines; empty if none. */
  @Label("Leaked")
  @Description(
      "Each aborted connection: its number, its borrowing thread and, with"
          + " leakDetectionThreshold, its borrowing stack; separated by blank lines")
  String leaked;
}
