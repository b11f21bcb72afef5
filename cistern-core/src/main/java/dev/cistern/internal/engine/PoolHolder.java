package dev.cistern.internal.engine;

import dev.cistern.DisposalReport;
import dev.cistern.EngineClosedException;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of an engine its {@link java.lang.ref.Cleaner} action may hold: the engine's current
 * pool (replaced by {@code dispose()}) and whether the engine was closed. It never references the
 * engine itself, so the engine can become unreachable.
 */
public final class PoolHolder implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cistern.Engine");

  private final String name;
  private volatile Pool pool;
  private volatile boolean closed;

  /** Creates the holder for the named engine's first pool. */
  public PoolHolder(String name, Pool pool) {
    this.name = name;
    this.pool = pool;
  }

  /** Records the engine's new pool (after {@code dispose()}). */
  public void set(Pool pool) {
    this.pool = pool;
  }

  /** Records that the engine was closed explicitly: the cleanup action then does nothing. */
  public void markClosed() {
    closed = true;
  }

  /**
   * The cleanup action: runs when the engine became unreachable without being closed (or when it is
   * closed, then doing nothing). Closes the pool and aborts the connections still out, which nobody
   * can give back anymore, and logs a warning naming the engine.
   */
  @Override
  public void run() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    Pool p = pool;
    List<Throwable> errors = new ArrayList<>();
    int idle = 0;
    int aborted = 0;
    try {
      idle = p.status().idle();
      p.close();
      Executor direct = Runnable::run;
      for (PoolEntry e : p.borrowed()) {
        aborted++;
        try {
          e.raw().abort(direct);
        } catch (java.sql.SQLException | RuntimeException ex) {
          errors.add(ex);
        }
        p.invalidate(e, new EngineClosedException(name));
      }
    } catch (RuntimeException e) {
      errors.add(e);
    }
    DisposalReport r =
        new DisposalReport(
            name, idle, 0, aborted, Duration.ofNanos(System.nanoTime() - start), errors, List.of());
    LOG.warn(
        "engine '{}' became unreachable without close(); closed it now: {}. Close engines"
            + " (try-with-resources) when done with them.",
        name,
        r);
  }
}
