package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.internal.dialect.SessionProbe;
import dev.cistern.internal.pool.ConnectionFactory;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.util.DaemonTimers;
import dev.cistern.internal.util.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lostRequestCheck} of one engine: tells a slow answer from a request the server never
 * received. A black-holed connection (a failover that left the old server's connections dead, a
 * network that drops packets) looks from the client exactly like a slow statement until its socket
 * timeout; the server knows better. When a borrowed connection has waited for the server longer
 * than the check's time, a probe opens a connection of its own and asks the server (through the
 * dialect's {@link SessionProbe}) what that connection's session is doing: a session the server
 * does not know, or shows idle for about as long as the client has waited, lost the request. Its
 * connection is aborted, its borrower's call fails saying why, and every connection opened before
 * it is replaced at its next checkout (a failover leaves them all dead). A session at work is left
 * alone and asked again after twice its wait, at most every {@value #MAX_RECHECK_SECONDS} s.
 *
 * <p>Waits are noted on the pool entry by the proxies ({@link PoolEntry#waitingSince()}); a single
 * daemon timer shared by all engines looks at them every {@value #TICK_MILLIS} ms, and a probe runs
 * on a thread of its own, one at a time per engine. The probe's connection is opened and closed
 * within the round; {@link #close()} aborts one still open.
 */
final class LostRequestCheck {
  static final long TICK_MILLIS = 250;
  static final long MAX_RECHECK_SECONDS = 30;

  /** How much shorter than the client's wait the server's idle time may be and still mean lost. */
  static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private static final Logger LOG = LoggerFactory.getLogger(EchoPoolListener.LOGGER);

  private final String engine;
  private final long afterNanos;
  private final SessionProbe probe;
  private final Sockets sockets;
  private final ConnectionFactory opener;

  /**
   * The engine's current pool (set again by {@code dispose()}); never a reference to the engine.
   */
  private volatile Pool pool;

  /** The server's session id of each physical connection, noted when it was opened. */
  private final Map<Connection, Long> sessions = Collections.synchronizedMap(new WeakHashMap<>());

  /** The next time each waiting entry may be asked about, by the start of its wait. */
  private final Map<PoolEntry, long[]> due = new ConcurrentHashMap<>();

  private final AtomicBoolean probing = new AtomicBoolean();
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private final Object lock = new Object();
  private ScheduledFuture<?> timer; // guarded by lock
  private volatile boolean closed;
  private volatile Connection probeConnection;

  /**
   * A check that asks the server about connections waiting longer than {@code after}.
   *
   * @param sockets the engine's sockets, to cut a lost connection's at once
   * @param opener opens the probe's connections (the engine's own connection factory)
   */
  LostRequestCheck(
      String engine,
      Duration after,
      SessionProbe probe,
      Sockets sockets,
      ConnectionFactory opener) {
    this.engine = engine;
    this.sockets = sockets;
    this.afterNanos = Math.max(1, Durations.toNanos(Durations.saturate(after)));
    this.probe = probe;
    this.opener = opener;
  }

  /** Sets the engine's current pool: at start and at each {@code dispose()}. */
  void pool(Pool current) {
    this.pool = current;
  }

  /**
   * Notes the session id of a connection just opened; a connection whose id cannot be read is never
   * asked about (and the error is logged at debug).
   */
  void register(Connection raw) {
    try {
      sessions.put(raw, probe.sessionId(raw));
      if (!raw.getAutoCommit()) {
        raw.rollback(); // the query must not leave a transaction open on a fresh connection
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("engine '{}': cannot read the session id of a new connection", engine, e);
    }
    ensureTimer();
  }

  private void ensureTimer() {
    synchronized (lock) {
      if (timer != null || closed) {
        return;
      }
      timer =
          Timer.TIMER.scheduleWithFixedDelay(
              this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      LOG.debug("engine '{}': lost-request check failed", engine, e);
    }
  }

  /** Looks at the borrowed connections now and, if some are due, starts a probe round. */
  void checkNow() {
    if (closed || probing.get()) {
      return;
    }
    long now = System.nanoTime();
    Pool p = pool;
    if (p == null) {
      return;
    }
    List<PoolEntry> borrowed = p.borrowed();
    Set<PoolEntry> seen = new HashSet<>(borrowed);
    due.keySet().retainAll(seen);
    List<Suspect> suspects = new ArrayList<>();
    for (PoolEntry e : borrowed) {
      long since = e.waitingSince();
      if (since == 0 || now - since < afterNanos) {
        continue;
      }
      long[] d =
          due.compute(e, (k, old) -> old != null && old[0] == since ? old : new long[] {since, 0});
      if (now < d[1]) {
        continue;
      }
      Long id = sessions.get(e.raw());
      if (id == null) {
        continue;
      }
      long waited = now - since;
      d[1] = now + Math.min(TimeUnit.SECONDS.toNanos(MAX_RECHECK_SECONDS), waited);
      suspects.add(new Suspect(p, e, since, waited, id));
    }
    if (suspects.isEmpty() || !probing.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> probe(suspects), "cistern-request-probe-" + engine);
    t.setDaemon(true);
    t.start();
  }

  /** One probe round: asks the server about the suspects and aborts those that lost a request. */
  void probe(List<Suspect> suspects) {
    try (Connection c = opener.create()) {
      probeConnection = c;
      if (closed) {
        return;
      }
      List<Long> ids = new ArrayList<>();
      suspects.forEach(s -> ids.add(s.id));
      Map<Long, Long> idle = probe.idleNanos(c, ids);
      rounds.incrementAndGet();
      for (Suspect s : suspects) {
        Long i = idle.get(s.id);
        if (i != null && (i < 0 || i < s.waited - SLACK_NANOS)) {
          continue; // at work, or idle for less time than the client waited: it got the request
        }
        if (s.entry.waitingSince() != s.since || closed) {
          continue; // answered meanwhile
        }
        abort(s, i);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("engine '{}': lost-request probe failed (the server may be down)", engine, e);
    } finally {
      probeConnection = null;
      probing.set(false);
    }
  }

  private void abort(Suspect s, Long idleNanos) {
    PoolEntry e = s.entry;
    String why =
        idleNanos == null
            ? "the server does not know its session " + s.id
            : "the server shows its session " + s.id + " idle for " + LeakLog.seconds(idleNanos);
    String reason =
        "engine '"
            + engine
            + "': connection #"
            + e.id()
            + " lost its request: it has waited "
            + LeakLog.seconds(s.waited)
            + " for the server's answer, but "
            + why
            + " (a failover, or a network that drops packets); aborted it, and connections"
            + " opened before it are replaced at their next checkout";
    LeakDetector.forget(e);
    e.abortReason(reason);
    aborted.incrementAndGet();
    LOG.warn(reason);
    CisternException cause = new CisternException(reason);
    // the read blocked on the lost request ends at once when its socket closes; the driver's own
    // abort then runs on a thread of its own, not waited for: MariaDB Connector/J's reads from the
    // socket until the blocked read ends (at its socket timeout, or never, without the cut)
    sockets.cut(e.raw());
    Thread t =
        new Thread(
            () -> {
              try {
                e.raw().abort(Runnable::run);
              } catch (SQLException | RuntimeException ex) {
                LOG.debug("engine '{}': aborting connection #{} failed", engine, e.id(), ex);
              }
            },
            "cistern-abort-" + engine + "-" + e.id());
    t.setDaemon(true);
    t.start();
    Pool p = s.pool; // the entry's own, even if dispose() replaced it since
    try {
      p.invalidate(e, cause);
      p.softInvalidateAll(cause);
    } catch (RuntimeException ex) {
      LOG.debug("engine '{}': invalidating connection #{} failed", engine, e.id(), ex);
    }
  }

  /** Stops the timer and aborts a probe connection still open; idempotent. */
  void close() {
    closed = true;
    synchronized (lock) {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
    Connection c = probeConnection;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        LOG.debug("engine '{}': aborting the probe connection failed", engine, e);
      }
    }
  }

  /** Returns how many probe rounds asked the server (for tests). */
  int rounds() {
    return rounds.get();
  }

  /** Returns how many connections were aborted as lost (for tests). */
  int aborted() {
    return aborted.get();
  }

  /** Returns true if the timer is scheduled (for tests). */
  boolean timerScheduled() {
    synchronized (lock) {
      return timer != null;
    }
  }

  /** A connection waiting too long, and what the probe needs to judge it. */
  static final class Suspect {
    final Pool pool;
    final PoolEntry entry;
    final long since;
    final long waited;
    final long id;

    Suspect(Pool pool, PoolEntry entry, long since, long waited, long id) {
      this.pool = pool;
      this.entry = entry;
      this.since = since;
      this.waited = waited;
      this.id = id;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "connection #%d (session %d, waited %.1f s)", entry.id(), id, waited / 1e9);
    }
  }

  /** The one timer of all engines' checks, started with the first. */
  private static final class Timer {
    static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private static ScheduledThreadPoolExecutor newTimer() {
      return DaemonTimers.create("cistern-request-check");
    }
  }
}
