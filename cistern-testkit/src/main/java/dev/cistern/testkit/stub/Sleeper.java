package dev.cistern.testkit.stub;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Performs the delays injected by a {@link StubDatabase}. Tests replace the {@link #SYSTEM} sleeper
 * with a recording one so that delays can be verified without sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread with {@link TimeUnit#sleep}. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @param duration a positive duration
   * @throws InterruptedException if the thread is interrupted while sleeping
   */
  void sleep(Duration duration) throws InterruptedException;
}
