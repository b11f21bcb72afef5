package dev.cistern.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code dev.cistern.ConnectionOpen}: the engine asked the driver for a physical connection. The
 * event's duration is the connect time. No URL is recorded, only the driver's error class and
 * message on failure.
 */
@Name("dev.cistern.ConnectionOpen")
@Label("Connection Open")
@Category({"Cistern", "Pool"})
@Description("The engine opened (or failed to open) a physical connection through the driver")
public final class ConnectionOpenEvent extends jdk.jfr.Event {
  /** The engine's name. */
  @Label("Engine")
  @Description("The name of the engine")
  String engine;

  /** True if the driver returned a connection. */
  @Label("Success")
  @Description("True if the driver returned a connection")
  boolean success;

  /** The failure's class name; null on success. */
  @Label("Failure Class")
  @Description("The class of the error the driver threw; empty on success")
  String failureClass;

  /** The failure's message; null on success. */
  @Label("Failure Message")
  @Description("The message of the error the driver threw; empty on success")
  String failureMessage;
}
