package dev.cistern.internal.util;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The single-thread daemon timers Cistern's background checks share across engines. */
public final class DaemonTimers {
  private DaemonTimers() {}

  /**
   * Makes a timer with one daemon thread named {@code threadName}, which never keeps the JVM alive
   * and drops cancelled tasks at once.
   */
  public static ScheduledThreadPoolExecutor create(String threadName) {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, threadName);
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
