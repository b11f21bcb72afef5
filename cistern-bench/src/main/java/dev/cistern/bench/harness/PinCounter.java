package dev.cistern.bench.harness;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.consumer.RecordingStream;

/**
 * Counts {@code jdk.VirtualThreadPinned} JFR events (threshold 0: every pinned park) while open.
 * {@link #count()} is -1 where JFR streaming is unavailable.
 */
final class PinCounter implements AutoCloseable {
  static final String EVENT = "jdk.VirtualThreadPinned";

  private final RecordingStream stream;
  private final LongAdder events = new LongAdder();
  private boolean stopped;

  private PinCounter(RecordingStream stream) {
    this.stream = stream;
  }

  /** Starts counting; never throws (a failed start counts -1). */
  static PinCounter start() {
    try {
      RecordingStream rs = new RecordingStream();
      PinCounter counter = new PinCounter(rs);
      rs.enable(EVENT).withThreshold(Duration.ZERO);
      rs.onEvent(EVENT, e -> counter.events.increment());
      rs.startAsync();
      return counter;
    } catch (RuntimeException | Error e) {
      return new PinCounter(null);
    }
  }

  /** Stops the stream (delivering pending events where JDK 20+'s {@code stop()} exists). */
  long count() {
    if (stream == null) {
      return -1;
    }
    if (!stopped) {
      stopped = true;
      try {
        MethodHandle stop =
            MethodHandles.publicLookup()
                .findVirtual(RecordingStream.class, "stop", MethodType.methodType(boolean.class));
        boolean ignored = (boolean) stop.invoke(stream);
      } catch (Throwable e) {
        // before JDK 20: events not yet flushed may be missed
      }
    }
    return events.sum();
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
