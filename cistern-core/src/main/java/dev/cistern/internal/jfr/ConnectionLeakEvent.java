package dev.cistern.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.cistern.ConnectionLeak}: the leak detection found a connection held too long,
 * reclaimed one that became unreachable, or aborted an abandoned one. No stack trace of its own (it
 * would be the leak detector's thread): the borrowing stack is a field.
 */
@Name("dev.cistern.ConnectionLeak")
@Label("Connection Leak")
@Category({"Cistern", "Leak Detection"})
@Description(
    "A borrowed connection held too long (HELD_TOO_LONG), reclaimed (RECLAIMED) or aborted"
        + " (ABANDONED)")
@StackTrace(false)
public final class ConnectionLeakEvent extends jdk.jfr.Event {
  /** The engine's name. */
  @Label("Engine")
  @Description("The name of the engine")
  String engine;

  /** The connection's number within its pool, from 1. */
  @Label("Connection Id")
  @Description("The connection's number within its pool, from 1")
  long connectionId;

  /** HELD_TOO_LONG, RECLAIMED or ABANDONED. */
  @Label("Kind")
  @Description("HELD_TOO_LONG (reported), RECLAIMED (unreachable, closed) or ABANDONED (aborted)")
  String kind;

  /** The name of the thread that borrowed the connection. */
  @Label("Borrowing Thread")
  @Description("The name of the thread that borrowed the connection")
  String threadName;

  /** How long it had been held; -1 when the engine does not know. */
  @Label("Held Time")
  @Description(
      "How long the connection had been held; -1 ns when not known (the default borrow"
          + " reads no clock)")
  @Timespan(Timespan.NANOSECONDS)
  long heldTime;

  /** The borrowing stack; empty unless leakDetectionThreshold is on. */
  @Label("Borrowed At")
  @Description("The stack that borrowed the connection; empty unless leakDetectionThreshold is on")
  String borrowedAt;
}
