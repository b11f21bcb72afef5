package dev.cistern.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * {@code dev.cistern.ConnectionAcquire}: a borrow through an engine that took at least the
 * threshold (10 ms by default), or timed out. The event's duration is the wait; its stack trace is
 * the borrower's.
 */
@Name("dev.cistern.ConnectionAcquire")
@Label("Connection Acquire")
@Category({"Cistern", "Pool"})
@Description("A borrow of a pooled connection that waited at least the threshold, or timed out")
@Threshold("10 ms")
public final class ConnectionAcquireEvent extends jdk.jfr.Event {
  /** The engine's name. */
  @Label("Engine")
  @Description("The name of the engine")
  String engine;

  /** The connection's number within its pool, from 1; 0 when the borrow timed out. */
  @Label("Connection Id")
  @Description("The connection's number within its pool, from 1; 0 when the borrow timed out")
  long connectionId;

  /** True if the borrow timed out (the borrower got a PoolTimeoutException). */
  @Label("Timed Out")
  @Description("True if the borrow timed out and the borrower got a PoolTimeoutException")
  boolean timedOut;

  /** Physical connections open when the borrow ended. */
  @Label("Pool Size")
  @Description("Physical connections open when the borrow ended")
  int size;

  /** Idle connections when the borrow ended. */
  @Label("Idle")
  @Description("Connections open and waiting to be borrowed when the borrow ended")
  int idle;

  /** Borrowed connections when the borrow ended. */
  @Label("In Use")
  @Description("Connections borrowed when the borrow ended")
  int inUse;

  /** Other borrowers waiting when the borrow ended. */
  @Label("Waiting")
  @Description("Borrowers waiting for a connection when the borrow ended")
  int waiting;
}
