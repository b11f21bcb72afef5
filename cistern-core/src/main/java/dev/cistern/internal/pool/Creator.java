package dev.cistern.internal.pool;

import dev.cistern.CannotConnectException;
import dev.cistern.DriverNotFoundException;
import dev.cistern.PoolTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens physical connections in the background, so that a borrower only ever waits on the pool.
 *
 * <p>It opens as many as there are waiters not already covered by an opening in progress, within
 * the pool's maximum, plus enough to keep {@code minIdle} idle. A failed attempt is retried after a
 * back-off that doubles from 10 ms to 500 ms while someone still needs the connection; the last
 * error is kept, and becomes the cause of the waiters' timeout. An error that retrying cannot fix
 * (the pool's {@link PoolSupport#permanentConnectError} test: a wrong password, an unknown
 * database) is not retried for a waiter: the longest waiter fails at once with {@link
 * CannotConnectException}, and each other waiter gets an attempt of its own. With poolTimeout 0
 * every failed attempt fails a waiter at once, as nobody may wait for a retry.
 *
 * <p>A connection the driver opened is always adopted by the pool or closed ({@link
 * ConnectionPool#added}); each opening counts once in {@link #pending} and holds one reserved slot
 * until it ends, however it ends.
 */
final class Creator {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");
  private static final long FIRST_BACKOFF_NANOS = 10_000_000L;
  private static final long MAX_BACKOFF_NANOS = 500_000_000L; // a failover is found within 0.5 s

  private final ConnectionPool pool;
  private final ConnectionFactory factory;
  private final ThreadPoolExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private volatile Throwable lastError;
  private volatile boolean shutdown;
  private volatile int minIdle;

  Creator(ConnectionPool pool, ConnectionFactory factory) {
    this.pool = pool;
    this.factory = factory;
    this.executor = Background.executor("creator", pool.config.name(), 2);
  }

  /** Makes sure enough openings are under way for {@code waiting} borrowers. */
  void request(int waiting) {
    // Claim each opening with a CAS on pending: two threads asking at once (a borrower and the
    // closer, say) must not both see pending == 0 and open two connections for one borrower.
    // And start at most what was missing at first: an opening that finishes meanwhile served
    // someone, so it must not be counted as still missing.
    int budget = waiting - pending.get();
    while (budget-- > 0 && !shutdown) {
      int p = pending.get();
      if (p >= waiting) {
        return;
      }
      if (!pending.compareAndSet(p, p + 1)) {
        budget++; // lost a race on the count, not an opening: try again
        continue;
      }
      if (!pool.reserveSlot()) {
        pending.decrementAndGet();
        // A close may have freed a slot between the failed reservation and the decrement, and
        // its own request seen this attempt pending and left the opening to it: look again.
        if (pool.canOpen()) {
          budget++;
          continue;
        }
        return;
      }
      launch();
    }
  }

  /** Keeps at least {@code n} connections idle from now on, opening them in the background. */
  void fillTo(int n) {
    minIdle = n;
    int needed = n - pool.idleCount() - pending.get();
    for (int i = 0; i < needed && !shutdown && pool.reserveSlot(); i++) {
      start();
    }
  }

  private void start() {
    pending.incrementAndGet();
    launch();
  }

  /** Runs one opening, already counted in pending and holding a reserved slot. */
  private void launch() {
    try {
      executor.execute(this::open);
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      pool.unreserveSlot();
      throw e;
    }
  }

  /** Opens one connection, retrying with back-off while it is still needed. */
  private void open() {
    long backoff = FIRST_BACKOFF_NANOS;
    while (true) {
      if (shutdown) {
        giveUp();
        return;
      }
      Connection c;
      try {
        c = factory.create();
      } catch (SQLException | RuntimeException e) {
        lastError = e;
        log.debug("pool '{}': opening a connection failed: {}", pool.config.name(), e.toString());
        if (failWaiter(e)) {
          giveUp(); // and the other waiters get attempts of their own
          return;
        }
        if (!stillNeeded()) {
          giveUp();
          return;
        }
        pool.ticker.park(this, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        continue;
      }
      lastError = null;
      try {
        pool.added(c); // adopts it, or closes it and frees its slot before throwing
      } catch (RuntimeException | Error e) {
        // Not retried here: a failure to adopt is a fault of the pool, not of the database, and
        // retrying at once could spin. The waiter it was for fails with the reason.
        lastError = e;
        // Fail the waiter before this opening stops counting: else a closer or borrower could see
        // the waiter unserved and nothing pending, and open a connection nobody will take.
        pool.waitQueue.failOne(
            w ->
                new CannotConnectException(
                    "pool '" + pool.config.name() + "' cannot adopt new connections", e));
        pending.decrementAndGet();
        // One failure per waiter, so this cannot spin; and a borrower that arrived meanwhile and
        // counted on this opening (it saw it pending) gets one of its own.
        request(pool.waitQueue.unserved());
        return;
      }
      // Only now: until the connection is idle or handed over, it still counts as coming.
      pending.decrementAndGet();
      // A borrower that arrived while this one was opening may have counted on it: look again.
      request(pool.waitQueue.unserved());
      return;
    }
  }

  /**
   * Fails the longest waiter with {@code e} if retrying cannot help it: the error is permanent, or
   * poolTimeout is 0 (no time for a retry). Returns true if a waiter was failed.
   */
  private boolean failWaiter(Throwable e) {
    boolean permanent = pool.support.permanentConnectError().test(e);
    if (!permanent && !pool.config.poolTimeout().isZero()) {
      return false;
    }
    return pool.waitQueue.failOne(
        w -> {
          if (e instanceof DriverNotFoundException d) {
            DriverNotFoundException again =
                new DriverNotFoundException(d.dialect(), d.driverClass(), d.mavenCoordinates());
            again.initCause(d);
            return again;
          }
          if (permanent) {
            return new CannotConnectException(
                "pool '" + pool.config.name() + "' cannot open connections", e);
          }
          return new PoolTimeoutException(
              pool.status(), Duration.ofNanos(pool.ticker.nanoTime() - w.since), e);
        });
  }

  private boolean stillNeeded() {
    return pool.waitQueue.unserved() > 0 || pool.idleCount() + pending.get() <= minIdle;
  }

  /**
   * Ends an opening that will not deliver. A borrower that arrived after the last look at the
   * waiters may have counted on it (it saw it pending and asked for nothing): it gets an opening of
   * its own, else it would wait for one that never comes.
   */
  private void giveUp() {
    pending.decrementAndGet();
    pool.unreserveSlot();
    if (!shutdown) {
      request(pool.waitQueue.unserved());
    }
  }

  /** Returns the error of the last failed attempt, or {@code null} after a success. */
  Throwable lastError() {
    return lastError;
  }

  /** Returns the number of openings under way. */
  int pending() {
    return pending.get();
  }

  /** Returns the id of the newest connection so far (0 if none). */
  long lastId() {
    return ids.get();
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  void shutdown() {
    shutdown = true;
    executor.shutdown();
  }
}
