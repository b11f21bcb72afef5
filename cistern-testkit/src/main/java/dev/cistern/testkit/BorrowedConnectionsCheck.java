package dev.cistern.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit 5 extension that fails every test which ends with a connection still borrowed from a pool
 * it tracks. Register it with {@code @RegisterExtension} and hand it each pool the test creates:
 *
 * <pre>{@code
 * @RegisterExtension final BorrowedConnectionsCheck borrowed = new BorrowedConnectionsCheck();
 *
 * @Test void query() {
 *   Pool pool = borrowed.track(Pool.open(...), Pool::borrowedCount, Pool::name);
 *   ...
 * }
 * }</pre>
 *
 * <p>The testkit cannot see the engine's types, so tracking is generic: a pool is any object plus a
 * function reading how many connections are currently borrowed from it. After each test, every
 * tracked pool with a positive count yields {@code "test ended with N connection(s) still borrowed
 * from <description>"} and the test fails with all such messages. Then, unless {@link
 * #closeTrackedObjects(boolean) disabled}, tracked objects that are {@link AutoCloseable} are
 * closed (in reverse tracking order) and tracking is cleared, so a static instance starts every
 * test empty. Thread-safe.
 */
public final class BorrowedConnectionsCheck implements AfterEachCallback {
  private final List<Tracked<?>> tracked = new ArrayList<>();
  private volatile boolean closeTracked = true;

  /** Creates a check that closes {@link AutoCloseable} tracked objects after each test. */
  public BorrowedConnectionsCheck() {}

  /**
   * Whether tracked objects that are {@link AutoCloseable} are closed after each test (default
   * {@code true}).
   *
   * @return this
   */
  public BorrowedConnectionsCheck closeTrackedObjects(boolean close) {
    this.closeTracked = close;
    return this;
  }

  /**
   * Tracks a pool for the current test, described by its {@code toString()}.
   *
   * @return {@code pool}, for chaining
   */
  public <T> T track(T pool, ToIntFunction<? super T> borrowedCount) {
    return track(pool, borrowedCount, String::valueOf);
  }

  /**
   * Tracks a pool for the current test.
   *
   * @param pool the pool
   * @param borrowedCount reads how many connections are borrowed from it right now
   * @param describe names the pool in the failure message
   * @return {@code pool}, for chaining
   */
  public <T> T track(
      T pool, ToIntFunction<? super T> borrowedCount, Function<? super T, String> describe) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(borrowedCount, "borrowedCount");
    Objects.requireNonNull(describe, "describe");
    synchronized (tracked) {
      tracked.add(new Tracked<>(pool, borrowedCount, describe));
    }
    return pool;
  }

  /** How many pools are tracked for the current test. */
  public int trackedCount() {
    synchronized (tracked) {
      return tracked.size();
    }
  }

  /**
   * Checks every tracked pool, closes closeable ones if configured, clears tracking and fails the
   * test if any connection was still borrowed.
   */
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    List<Tracked<?>> pools;
    synchronized (tracked) {
      pools = new ArrayList<>(tracked);
      tracked.clear();
    }
    List<String> leaks = new ArrayList<>();
    for (Tracked<?> pool : pools) {
      int borrowed = pool.borrowed();
      if (borrowed > 0) {
        leaks.add(
            "test ended with "
                + borrowed
                + " connection(s) still borrowed from "
                + pool.description());
      }
    }
    Exception closeFailure = null;
    if (closeTracked) {
      for (int i = pools.size() - 1; i >= 0; i--) {
        if (pools.get(i).pool() instanceof AutoCloseable closeable) {
          try {
            closeable.close();
          } catch (Exception e) {
            if (closeFailure == null) {
              closeFailure = e;
            } else {
              closeFailure.addSuppressed(e);
            }
          }
        }
      }
    }
    if (!leaks.isEmpty()) {
      AssertionFailedError failure = new AssertionFailedError(String.join("; ", leaks));
      if (closeFailure != null) {
        failure.addSuppressed(closeFailure);
      }
      throw failure;
    }
    if (closeFailure != null) {
      throw closeFailure;
    }
  }

  private record Tracked<T>(
      T pool, ToIntFunction<? super T> counter, Function<? super T, String> describe) {
    int borrowed() {
      return counter.applyAsInt(pool);
    }

    String description() {
      return describe.apply(pool);
    }
  }
}
