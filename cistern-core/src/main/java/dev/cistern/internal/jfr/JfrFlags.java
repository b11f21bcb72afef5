package dev.cistern.internal.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Cistern events some running recording enables, one bit each, and the one-time DEBUG line
 * for a failure of the recorder. A class of its own, apart from {@link JfrEvents}: the recorder
 * listener writes here from whatever thread starts or stops a recording, and must never wait for
 * {@code JfrEvents}' initialization (which registers that listener) to finish.
 */
final class JfrFlags {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.engine");
  private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

  /** The bit of ConnectionAcquire. */
  static final int ACQUIRE = 1;

  /** The bit of ConnectionOpen. */
  static final int OPEN = 2;

  /** The bit of ConnectionLeak. */
  static final int LEAK = 4;

  /** The bit of EngineDispose. */
  static final int DISPOSE = 8;

  /** The bit of EngineClose. */
  static final int CLOSE = 16;

  /** The enabled events' bits; read and written opaquely through {@link #BITS}. */
  @SuppressWarnings("unused") // through BITS
  private static int enabled;

  /**
   * Opaque access to {@link #enabled}: a plain load on the borrow path (no fence), and a write that
   * every reader sees eventually, which is all flags that carry no data need.
   */
  private static final VarHandle BITS;

  static {
    try {
      BITS = MethodHandles.lookup().findStaticVarHandle(JfrFlags.class, "enabled", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private JfrFlags() {}

  /** Returns true if some running recording enables the event of {@code bit}. */
  static boolean on(int bit) {
    return ((int) BITS.getOpaque() & bit) != 0;
  }

  /** Sets the enabled events; only the recorder listener calls it. */
  static void set(int bits) {
    BITS.setOpaque(bits);
  }

  /** Logs the first failure of the Flight Recorder at DEBUG; the engine goes on. */
  static void failed(Throwable e) {
    if (!FAILURE_LOGGED.getAndSet(true)) {
      log.debug("a JDK Flight Recorder event failed; the engine goes on without it", e);
    }
  }
}
