package dev.cistern.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * The waits several test classes share, on Awaitility: for something only the garbage collector
 * brings about, and for a line or event that another thread records. Each gives up after {@link
 * #LIMIT} and names what it waited for.
 */
public final class Awaits {
  /** How long a wait lasts at most: long enough for a loaded 2-core machine. */
  public static final Duration LIMIT = Duration.ofSeconds(10);

  private Awaits() {}

  /**
   * Waits until {@code condition} holds, asking for a garbage collection before each look: for what
   * a {@code Cleaner} or a weak reference does once an object is unreachable.
   *
   * @param what what is awaited, for the failure message
   * @param condition the condition to wait for
   */
  public static void untilCollected(String what, BooleanSupplier condition) {
    await(what)
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              System.gc();
              return condition.getAsBoolean();
            });
  }

  /**
   * Waits until {@code recorded} (a thread-safe collection that another thread adds to) contains
   * {@code item}; the failure lists what was recorded.
   *
   * @param <T> the type of the recorded items
   * @param recorded the thread-safe collection another thread adds to
   * @param item the item to wait for
   */
  public static <T> void untilRecorded(Collection<T> recorded, T item) {
    await(String.valueOf(item))
        .atMost(LIMIT)
        .untilAsserted(
            () -> {
              if (!recorded.contains(item)) {
                throw new AssertionError(item + " not in " + recorded);
              }
            });
  }
}
