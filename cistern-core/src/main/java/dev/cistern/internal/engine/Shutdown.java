package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.DisposalReport;
import dev.cistern.EngineClosedException;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an engine ends: the one shutdown path, used by {@code Engine.close(grace)}, by the JVM
 * shutdown hook (through {@code close}) and by the {@link java.lang.ref.Cleaner} action for an
 * engine that became unreachable without being closed ({@link #run()}).
 *
 * <p>It holds what closing needs and nothing that references the engine, so the engine can become
 * unreachable: the current pool, the pools {@code dispose()} replaced while connections were still
 * out of them, and the outcome. Closing runs once: it closes every pool (idle connections close at
 * once), waits up to the grace period for borrowed connections to come back, aborts the rest
 * ({@link java.sql.Connection#abort}) and invalidates them, waits for the physical closes, and
 * builds the {@link DisposalReport}. An error on the way goes into the report (an {@link Error} is
 * rethrown by the first call, after everything else was done), and the report is always published,
 * so a second {@link #close} returns it at once, or waits for the first one to finish (sooner if
 * its own grace is shorter: it can only hurry the first one along).
 */
public final class Shutdown implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.LOGGER);

  /** How often the grace period looks for returned connections. */
  private static final long POLL_NANOS = 10_000_000L;

  /** A deadline that never comes. */
  private static final long NEVER = Long.MAX_VALUE;

  private final String name;
  private final Sockets sockets;
  private final Object lock = new Object();
  private Pool pool; // guarded by lock
  private final List<Pool> retired = new ArrayList<>(); // guarded by lock
  private CompletableFuture<DisposalReport> outcome; // guarded by lock; set once
  private volatile Runnable beforeAbort = () -> {};

  /**
   * When the running close stops waiting for borrowed connections (a {@link System#nanoTime}
   * reading, or {@link #NEVER}); a later close with a shorter grace moves it earlier.
   */
  private final AtomicLong deadline = new AtomicLong(NEVER);

  /** Creates the shutdown of the named engine, whose first pool is {@code pool}. */
  public Shutdown(String name, Pool pool) {
    this(name, pool, new Sockets());
  }

  /**
   * Creates the shutdown of the named engine, whose first pool is {@code pool}; {@code sockets}
   * cuts the connections whose driver's abort does not finish in time.
   */
  Shutdown(String name, Pool pool, Sockets sockets) {
    this.name = name;
    this.pool = pool;
    this.sockets = sockets;
  }

  /**
   * Records a new pool from {@code dispose()}; the old one is kept for closing while connections
   * are still out of it.
   *
   * @return false if the engine is closing or closed (the caller must close {@code fresh} itself)
   */
  public boolean replace(Pool old, Pool fresh) {
    synchronized (lock) {
      if (outcome != null) {
        return false;
      }
      pool = fresh;
      retired.removeIf(r -> r.borrowed().isEmpty());
      if (!old.borrowed().isEmpty()) {
        retired.add(old);
      }
      return true;
    }
  }

  /** Sets what runs just before connections are aborted (the engine stops its leak timer). */
  public void beforeAbort(Runnable r) {
    this.beforeAbort = r;
  }

  /** Returns true once a close has started. */
  public boolean isClosing() {
    synchronized (lock) {
      return outcome != null;
    }
  }

  /**
   * Closes the engine's pools, waiting up to {@code grace} for borrowed connections, and returns
   * the report; a second call returns the first call's report (waiting for it if it is still
   * running, and hurrying it along if this call's grace ends sooner). Exceptions met on the way go
   * into the report; an {@link Error} (an assertion in a listener, say) is recorded there too, the
   * shutdown goes on, and only then does this first call rethrow it.
   */
  public DisposalReport close(Duration grace) {
    Duration g = Durations.saturate(grace.isNegative() ? Duration.ZERO : grace);
    long until = deadlineAfter(g);
    CompletableFuture<DisposalReport> mine = null;
    CompletableFuture<DisposalReport> theirs;
    Pool current;
    List<Pool> older;
    synchronized (lock) {
      if (outcome == null) {
        outcome = mine = new CompletableFuture<>();
      }
      theirs = outcome;
      current = pool;
      older = List.copyOf(retired);
      retired.clear();
    }
    if (mine == null) {
      deadline.accumulateAndGet(until, Shutdown::earlier); // a shorter grace hurries the first
      return theirs.join(); // the first close never throws: it always completes this
    }
    deadline.set(until);
    DisposalReport r;
    try {
      r = closePools(current, older);
    } catch (Throwable e) { // publish a report whatever happened: later closes must not wait
      r = new DisposalReport(name, 0, 0, 0, Duration.ZERO, List.of(e), List.of());
    }
    mine.complete(r);
    for (Throwable t : r.errors()) {
      if (t instanceof Error error) { // e.g. an assertion in a listener: not to be swallowed
        throw error;
      }
    }
    return r;
  }

  /**
   * The {@link java.lang.ref.Cleaner} action: the engine became unreachable without {@code close()}
   * (or was closed, then this does nothing). Nobody can give its borrowed connections back any
   * more, so they are aborted at once; a warning names the engine.
   */
  @Override
  public void run() {
    if (isClosing()) {
      return;
    }
    DisposalReport r = close(Duration.ZERO);
    LOG.warn(
        "engine '{}' became unreachable without close(); closed it now: {}. Close engines"
            + " (try-with-resources) when done with them.",
        name,
        r);
  }

  private DisposalReport closePools(Pool current, List<Pool> older) {
    long start = System.nanoTime();
    List<Throwable> errors = new ArrayList<>();
    List<Pool> pools = new ArrayList<>(older);
    pools.add(current);
    int idle = 0;
    int borrowedAtStart = 0;
    for (Pool p : pools) {
      try {
        borrowedAtStart += p.borrowed().size();
        if (p == current) {
          idle = p.status().idle();
        }
        p.close();
      } catch (RuntimeException | Error e) {
        errors.add(e); // keep going: the borrowed connections must still be waited for or aborted
      }
    }
    while (anyBorrowed(pools, errors) && !passed(deadline.get())) {
      long d = deadline.get();
      long left = d == NEVER ? POLL_NANOS : d - System.nanoTime();
      LockSupport.parkNanos(Math.max(1, Math.min(POLL_NANOS, left)));
    }
    try {
      beforeAbort.run();
    } catch (RuntimeException | Error e) {
      errors.add(e);
    }
    List<String> leaked = new ArrayList<>();
    List<PoolEntry> toAbort = new ArrayList<>();
    List<Runnable> invalidations = new ArrayList<>();
    for (Pool p : pools) {
      for (PoolEntry e : borrowedOf(p, errors)) {
        leaked.add(LeakDetector.describe(e));
        LeakDetector.forget(e);
        toAbort.add(e);
        invalidations.add(
            () -> {
              try {
                p.invalidate(e, new EngineClosedException(name));
              } catch (RuntimeException | Error ex) {
                errors.add(ex);
              }
            });
      }
    }
    abort(toAbort, errors);
    invalidations.forEach(Runnable::run); // after the aborts, or while a blocked one goes on
    for (Pool p : pools) { // returned and aborted connections are closed when close() returns
      try {
        long d = deadline.get();
        if (!p.awaitClosed(closeWait())) {
          errors.add(
              new CisternException(
                  "engine '"
                      + name
                      + "': connections still closing "
                      + (d == NEVER
                          ? "after " + Pool.CLOSE_WAIT
                          : "a second after the grace period")));
        }
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    return new DisposalReport(
        name,
        idle,
        Math.max(0, borrowedAtStart - leaked.size()),
        leaked.size(),
        Duration.ofNanos(System.nanoTime() - start),
        errors,
        leaked);
  }

  /**
   * How long close waits for the drivers' aborts, after the grace period, before it goes on: half
   * of the second close may take beyond its grace.
   */
  static final Duration ABORT_WAIT = Duration.ofMillis(500);

  /**
   * Aborts the borrowed connections, one after the other as before, but on a thread of its own,
   * waiting for it at most {@link #ABORT_WAIT}: some drivers block in {@code abort} (MariaDB
   * Connector/J opens a new connection to {@code KILL} the session, which a dead network stalls),
   * and close must still end within its grace and a second. What is not aborted by then is closed
   * by the pool, and the thread finishes in the background.
   */
  private void abort(List<PoolEntry> entries, List<Throwable> errors) {
    if (entries.isEmpty()) {
      return;
    }
    List<Throwable> abortErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              for (PoolEntry e : entries) {
                try {
                  e.raw().abort(Runnable::run);
                } catch (java.sql.SQLException | RuntimeException ex) {
                  abortErrors.add(ex);
                }
                done.incrementAndGet();
              }
            },
            "cistern-abort-" + name);
    t.setDaemon(true);
    t.start();
    try {
      t.join(ABORT_WAIT.toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    synchronized (abortErrors) {
      errors.addAll(abortErrors);
    }
    // a driver blocked in abort (MariaDB's reads the socket while a statement's read is blocked on
    // a dead network): cut the sockets Cistern knows, which ends those reads and lets it go on
    for (int i = done.get(); i < entries.size(); i++) {
      sockets.cut(entries.get(i).raw());
    }
    int running = entries.size() - done.get();
    if (running > 0) {
      errors.add(
          new CisternException(
              "engine '"
                  + name
                  + "': "
                  + running
                  + " driver abort(s) not finished after "
                  + ABORT_WAIT.toMillis()
                  + " ms (the driver blocks in Connection.abort, e.g. on a dead network);"
                  + " they go on in the background"));
    }
  }

  /**
   * How long to wait for the physical closes: {@link Pool#CLOSE_WAIT}, but no later than a second
   * past the grace period, the most a close may take (a close that blocks on a dead network goes on
   * in the background).
   */
  private Duration closeWait() {
    long d = deadline.get();
    if (d == NEVER) {
      return Pool.CLOSE_WAIT;
    }
    long left = d + BEYOND_GRACE.minus(SLACK).toNanos() - System.nanoTime();
    Duration budget = Duration.ofNanos(Math.max(MIN_CLOSE_WAIT.toNanos(), left));
    return budget.compareTo(Pool.CLOSE_WAIT) < 0 ? budget : Pool.CLOSE_WAIT;
  }

  /** The most close takes beyond its grace period. */
  static final Duration BEYOND_GRACE = Duration.ofSeconds(1);

  /** What close keeps of its second for returning the report. */
  private static final Duration SLACK = Duration.ofMillis(100);

  /** The least close waits for the physical closes, even past its budget. */
  private static final Duration MIN_CLOSE_WAIT = Duration.ofMillis(100);

  private static boolean anyBorrowed(List<Pool> pools, List<Throwable> errors) {
    for (Pool p : pools) {
      if (!borrowedOf(p, errors).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static List<PoolEntry> borrowedOf(Pool p, List<Throwable> errors) {
    try {
      return p.borrowed();
    } catch (RuntimeException e) {
      if (!errors.contains(e)) {
        errors.add(e);
      }
      return List.of();
    }
  }

  /** Returns the deadline {@code grace} from now, or {@link #NEVER} if it would not fit. */
  private static long deadlineAfter(Duration grace) {
    long nanos = Durations.toNanos(grace);
    long now = System.nanoTime();
    return nanos >= NEVER - Math.max(0, now) ? NEVER : now + nanos;
  }

  private static boolean passed(long deadline) {
    return deadline != NEVER && System.nanoTime() - deadline >= 0;
  }

  private static long earlier(long a, long b) {
    if (a == NEVER) {
      return b;
    }
    if (b == NEVER) {
      return a;
    }
    return a - b <= 0 ? a : b;
  }
}
