package dev.cistern.internal.engine;

import dev.cistern.LeakEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * The words of leak detection: the log lines an engine's {@link LeakDetector} writes (held too
 * long, returned after being reported, reclaimed) and the description of a borrowed connection in a
 * disposal report. Every line names the engine and the connection's number; none names the URL, so
 * no password can appear.
 */
final class LeakLog {
  private final String engine;
  private final Logger log;
  private final EngineEvents events;

  /** Logs to {@code log} and tells the listeners of {@code events} (may be null: none). */
  LeakLog(String engine, Logger log, EngineEvents events) {
    this.engine = engine;
    this.log = log;
    this.events = events;
  }

  private void tell(long id, LeakEvent.Kind kind, String thread, long heldNanos, Throwable stack) {
    if (events != null) {
      events.leak(new LeakEvent(engine, id, kind, thread, heldNanos, stack));
    }
  }

  /**
   * Warns that connection {@code id} has been held past the threshold, with its borrowing stack.
   */
  void heldTooLong(long id, long heldNanos, String thread, Duration threshold, Throwable stack) {
    log.warn(
        "engine '{}': connection #{} held for {} by thread '{}' (leakDetectionThreshold {});"
            + " borrowed at:",
        engine,
        id,
        seconds(heldNanos),
        thread,
        format(threshold),
        stack);
    tell(id, LeakEvent.Kind.HELD_TOO_LONG, thread, heldNanos, stack);
  }

  /** Notes that connection {@code id}, reported as leaked, came back after {@code heldNanos}. */
  void returnedAfterReport(long id, long heldNanos) {
    log.info(
        "engine '{}': connection #{} reported as leaked was returned after {}",
        engine,
        id,
        seconds(heldNanos));
  }

  /**
   * Warns that connection {@code id} became unreachable without being closed and was reclaimed;
   * {@code stack} is null when leak detection is off, {@code heldNanos} -1 when not known.
   */
  void reclaimed(long id, String thread, long heldNanos, Throwable stack) {
    if (stack != null) {
      log.warn(
          "engine '{}': connection #{} borrowed by thread '{}' became unreachable without being"
              + " closed; reclaimed it (physical connection closed); borrowed at:",
          engine,
          id,
          thread,
          stack);
    } else {
      log.warn(
          "engine '{}': connection #{} borrowed by thread '{}' became unreachable without being"
              + " closed; reclaimed it (physical connection closed); enable"
              + " leakDetectionThreshold to see where it was borrowed",
          engine,
          id,
          thread);
    }
    tell(id, LeakEvent.Kind.RECLAIMED, thread, heldNanos, stack);
  }

  /**
   * The reason a connection held past the abandon timeout was aborted: what its borrower's next
   * call says, and what the warning says.
   */
  String abandonReason(long id, long heldNanos, String thread, Duration timeout) {
    return "engine '"
        + engine
        + "': connection #"
        + id
        + " borrowed by thread '"
        + thread
        + "' was held for "
        + seconds(heldNanos)
        + ", longer than abandonTimeout "
        + format(timeout)
        + "; the engine aborted it (its transaction rolls back) and freed its slot."
        + " Close connections when done, or raise abandonTimeout above the longest legitimate"
        + " hold";
  }

  /**
   * Warns that connection {@code id} was abandoned and aborted, for {@code reason} ({@link
   * #abandonReason}); {@code stack} is null without detection.
   */
  void abandoned(long id, String thread, long heldNanos, String reason, Throwable stack) {
    if (stack != null) {
      log.warn("{}; borrowed at:", reason, stack);
    } else {
      log.warn("{} (enable leakDetectionThreshold to see where it was borrowed)", reason);
    }
    tell(id, LeakEvent.Kind.ABANDONED, thread, heldNanos, stack);
  }

  /** Notes (at debug) that aborting an abandoned connection failed; its slot is freed anyway. */
  void abortFailed(long id, Exception e) {
    log.debug("engine '{}': aborting abandoned connection #{} failed", engine, id, e);
  }

  /** Notes (at debug) that reclaiming a connection failed. */
  void reclaimFailed(RuntimeException e) {
    log.debug("engine '{}': reclaiming a leaked connection failed", engine, e);
  }

  /** Notes (at debug) that a timer's leak check failed. */
  void checkFailed(RuntimeException e) {
    log.debug("engine '{}': leak check failed", engine, e);
  }

  /**
   * Describes a borrowed connection for a disposal report: {@code connection #3 borrowed by thread
   * 'x'} and, when {@code stack} is not null, the borrowing stack on the following lines.
   */
  static String describe(long id, String thread, Throwable stack) {
    String s = "connection #" + id + " borrowed by thread '" + thread + "'";
    return stack == null ? s : s + "\n" + render(stack);
  }

  /** Describes a borrowed connection whose borrower is not known (not borrowed through connect). */
  static String describeUnknown(long id) {
    return "connection #" + id + " borrowed by an unknown thread (not through connect())";
  }

  /** A hold: {@code 250 ms} under a second, else seconds with one decimal ({@code 12.3 s}). */
  static String held(long nanos) {
    return nanos < 1_000_000_000L ? Math.max(0, nanos / 1_000_000) + " ms" : seconds(nanos);
  }

  /** Nanoseconds as seconds with one decimal: {@code 12.3 s}. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** A threshold as it is written in options: {@code 10s}, {@code 1500ms}, else ISO-8601. */
  static String format(Duration d) {
    if (d.toNanos() % 1_000_000_000L == 0) {
      return d.getSeconds() + "s";
    }
    if (d.toNanos() % 1_000_000L == 0) {
      return d.toMillis() + "ms";
    }
    return d.toString();
  }

  /** A throwable's stack as {@link Throwable#printStackTrace()} writes it. */
  static String render(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
