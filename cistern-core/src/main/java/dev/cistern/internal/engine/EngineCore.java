package dev.cistern.internal.engine;

import dev.cistern.CannotConnectException;
import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import dev.cistern.DisposalReport;
import dev.cistern.DriverNotFoundException;
import dev.cistern.EngineClosedException;
import dev.cistern.EngineListener;
import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import dev.cistern.PgBouncerMode;
import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.jfr.JfrEvents;
import dev.cistern.internal.pool.ConnectionFactory;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolClosedException;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListeners;
import dev.cistern.internal.pool.Pools;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.internal.sql.Retry;
import dev.cistern.internal.sql.StatementRunner;
import dev.cistern.internal.util.Durations;
import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind the public {@code Engine}, which is a thin face over it (as OkHttp's {@code
 * ConnectionPool} is over {@code RealConnectionPool}): it turns the URL, the options and the
 * listeners into a pool, hands out connections from the current pool, replaces the pool on {@code
 * dispose()}, keeps the pools replaced while connections were still out of them, and ends through
 * the one {@link Shutdown}.
 *
 * <p>It never references the façade: what it hands out are proxies ({@link ProxyConnection}), and
 * where it needs the façade's work done it takes a function. It is also what {@link EngineRegistry}
 * holds weakly, so {@code closeAll()}, the JVM exit hook and the {@link Cleaner} for an engine
 * dropped without {@code close()} all close the core. Only the façade references it, so it becomes
 * unreachable exactly when the engine does.
 */
public final class EngineCore {
  private final DatabaseUrl url;
  private final EngineSettings settings;
  private final Dialect dialect;

  /** The listeners, which may change while the engine runs, and the engine-level events. */
  private final EngineEvents events;

  private final Supplier<Credentials> credentials;
  private final EngineHooks hooks;
  private final Object lifecycle = new Object[0];
  private volatile Pool pool;
  private volatile boolean closed;
  private final StatementRunner runner;
  private static final Logger CLOSE_LOG = LoggerFactory.getLogger(EngineRegistry.LOGGER);

  private final java.util.concurrent.atomic.AtomicBoolean closeLogged =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final LeakDetector leaks;

  /**
   * The engine's JMX bean's name while it is registered ({@code registerMbeans}): unregistered by
   * the shutdown, which also runs when the engine is dropped without close (its Cleaner).
   */
  private final java.util.concurrent.atomic.AtomicReference<javax.management.ObjectName> mbean =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** The socket under each connection the engine opened, where Cistern's factory made it. */
  private final Sockets sockets = new Sockets();

  /** The lostRequestCheck, or null when it is off or the dialect's server cannot say. */
  private final LostRequestCheck lostRequests;

  private final Shutdown shutdown;
  private final Cleaner.Cleanable registration;

  /** Whether checkouts refuse what would change the server session (pgbouncer=transaction). */
  private final boolean guardSession;

  /** The isolation level a fresh connection has, read once; null until first asked. */
  private volatile IsolationLevel defaultIsolation;

  private EngineCore(
      DatabaseUrl url,
      Map<Option<?>, Object> options,
      List<EngineListener> listeners,
      Supplier<Credentials> credentials,
      EngineHooks hooks) {
    Map<Option<?>, Object> all = new IdentityHashMap<>();
    all.putAll(url.options());
    all.putAll(options);
    this.settings = new EngineSettings(all);
    this.dialect = Dialects.forUrl(url);
    this.url = PgBouncerSupport.prepare(url, settings, dialect);
    this.guardSession = PgBouncerSupport.guardsSession(settings);
    this.events = new EngineEvents(settings.name(), settings.flag(Option.ECHO_POOL), listeners);
    this.credentials = credentials;
    this.hooks = hooks;
    this.lostRequests = lostRequestCheck();
    // before the pool: a timeout's message asks it who holds the connections
    this.leaks =
        LeakDetector.create(
            settings.name(),
            settings.duration(Option.LEAK_DETECTION_THRESHOLD),
            settings.duration(Option.ABANDON_TIMEOUT),
            settings.flag(Option.RECLAIM_LEAKS),
            hooks.leakClock(),
            hooks.leakLog(),
            events);
    // the sizing guard: once, on the first connection; it then leaves the listener set
    boolean behindPgBouncer = settings.get(Option.PGBOUNCER) != PgBouncerMode.NONE;
    events
        .poolListeners()
        .add(
            SizingCheck.create(
                settings,
                url,
                dialect,
                credentials,
                behindPgBouncer,
                hooks.engineLog() != null
                    ? hooks.engineLog()
                    : LoggerFactory.getLogger(EngineRegistry.LOGGER),
                events.poolListeners()));
    this.pool = newPool();
    leaks.pool(pool);
    if (lostRequests != null) {
      lostRequests.pool(pool);
    }
    this.runner =
        new StatementRunner(
            settings.sqlSettings(dialect),
            hooks.sqlLog() != null
                ? hooks.sqlLog()
                : LoggerFactory.getLogger(StatementRunner.LOGGER));
    this.shutdown = new Shutdown(settings.name(), pool, sockets);
    LeakDetector leakDetector = leaks; // locals: the shutdown must not hold this core (Cleaner)
    LostRequestCheck check = lostRequests;
    java.util.concurrent.atomic.AtomicReference<javax.management.ObjectName> bean = mbean;
    shutdown.beforeAbort(
        () -> {
          leakDetector.close();
          if (check != null) {
            check.close();
          }
          javax.management.ObjectName m = bean.getAndSet(null);
          if (m != null) {
            EngineMBeans.unregister(m);
          }
        });
    this.registration =
        EngineRegistry.register(
            this,
            settings.name(),
            settings.flag(Option.SHUTDOWN_HOOK),
            core -> ((EngineCore) core).close(((EngineCore) core).closeGrace()),
            shutdown);
  }

  /**
   * Makes the core of a new engine. It opens no connection, unless the {@code failFast} option is
   * on: then it opens one now on this thread (and closes it) and, if that fails, closes the engine
   * and throws at once, with the driver's reason in the message.
   *
   * @param options the builder's options; they override the URL's
   * @param hooks what tests replace ({@link EngineHooks#DEFAULT} otherwise)
   * @throws CannotConnectException with {@code failFast}, if the database cannot be reached
   * @throws DriverNotFoundException with {@code failFast}, if the JDBC driver is missing
   */
  public static EngineCore create(
      DatabaseUrl url,
      Map<Option<?>, Object> options,
      List<EngineListener> listeners,
      Supplier<Credentials> credentials,
      EngineHooks hooks) {
    EngineCore core =
        new EngineCore(
            Objects.requireNonNull(url, "url"),
            options,
            listeners,
            credentials,
            Objects.requireNonNull(hooks, "hooks"));
    if (core.settings.flag(Option.REGISTER_MBEANS)) {
      try {
        core.mbean.set(EngineMBeans.register(core));
      } catch (RuntimeException e) {
        core.close(Duration.ZERO); // nothing was opened: only the registrations are undone
        throw e;
      }
    }
    if (core.settings.flag(Option.FAIL_FAST)) {
      core.connectOnce();
    }
    return core;
  }

  /**
   * One attempt on this thread, not a borrow: a borrow retries errors that may heal until
   * poolTimeout, and failFast asks to know now, with the driver's reason.
   */
  private void connectOnce() {
    try (Connection probe =
        new DialectConnectionFactory(url, dialect, name(), credentials, settings.networkTimeouts())
            .create()) {
      // reachable, and the credentials work
    } catch (SQLException | RuntimeException ex) {
      close(Duration.ZERO);
      if (ex instanceof DriverNotFoundException) {
        throw (DriverNotFoundException) ex;
      }
      throw new CannotConnectException(
          "engine '" + name() + "' could not connect to " + url + " (failFast is on)", ex);
    }
  }

  /** Makes a pool from the settings; every pool dispatches to the engine's one listener set. */
  private Pool newPool() {
    return Pools.create(
        settings.poolClass(),
        settings.poolConfig(),
        connectionFactory(),
        hooks.ticker(),
        DialectPoolSupport.of(
                dialect, url, PoolListeners.dispatch(events.poolListeners(), settings.name()))
            .withHolders(leaks::describeHolders));
  }

  /** Adds a listener to the running engine; see {@code Engine.addListener}. */
  public void addListener(EngineListener l) {
    events.add(l);
  }

  /** Removes a listener; see {@code Engine.removeListener}. */
  public boolean removeListener(EngineListener l) {
    return events.remove(l);
  }

  /**
   * Opens connections through the dialect, then applies the isolationLevel and readOnly options.
   */
  private ConnectionFactory connectionFactory() {
    ConnectionFactory dialectOpen =
        new DialectConnectionFactory(url, dialect, name(), credentials, settings.networkTimeouts());
    // locals, not fields: the factory must not hold this core, or the Cleaner (which holds the
    // pool through the shutdown) would keep an unreachable engine alive
    Sockets socketsOf = sockets;
    LostRequestCheck check = lostRequests;
    EngineEvents ev = events;
    Ticker clock = hooks.ticker();
    String engineName = name();
    ConnectionFactory open =
        () -> {
          Object jfr = JfrEvents.openBegin(); // null unless a recording wants ConnectionOpen
          long start = clock.nanoTime(); // an opening takes milliseconds: always timed
          Connection c;
          try {
            c = socketsOf.open(dialectOpen);
          } catch (SQLException | RuntimeException e) {
            JfrEvents.openEnd(jfr, engineName, e);
            ev.connectAttempt(clock.nanoTime() - start, e);
            throw e;
          }
          JfrEvents.openEnd(jfr, engineName, null);
          ev.connectAttempt(clock.nanoTime() - start, null);
          if (check != null) {
            check.register(c); // reads the session id; never fails the connect
          }
          return c;
        };
    IsolationLevel isolation = settings.isolationLevel();
    boolean readOnly = settings.flag(Option.READ_ONLY);
    if (isolation == null && !readOnly) {
      return open;
    }
    return () -> {
      Connection c = open.create();
      try {
        if (isolation == IsolationLevel.AUTOCOMMIT) {
          c.setAutoCommit(true);
        } else if (isolation != null) {
          c.setTransactionIsolation(isolation.jdbcLevel());
        }
        if (readOnly) {
          c.setReadOnly(true);
        }
        return c;
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    };
  }

  /**
   * Makes the lostRequestCheck when the option is on and the dialect's server can say what its
   * sessions do; its probes connect as the engine does, under the application name {@code
   * <name>/probe}.
   */
  private LostRequestCheck lostRequestCheck() {
    Duration after = settings.duration(Option.LOST_REQUEST_CHECK);
    if (after.isZero()) {
      return null;
    }
    var probe = dialect.sessionProbe();
    if (probe.isEmpty()) {
      LoggerFactory.getLogger(EchoPoolListener.LOGGER)
          .info(
              "engine '{}': lostRequestCheck has no effect on {} (its server cannot say what its"
                  + " sessions do)",
              name(),
              dialect.name());
      return null;
    }
    return new LostRequestCheck(
        name(),
        after,
        probe.get(),
        sockets,
        new DialectConnectionFactory(
            url, dialect, name() + "/probe", credentials, settings.networkTimeouts()));
  }

  /** Returns true if a borrow now would read the clock for its wait (for tests). */
  boolean borrowTimedForTests() {
    return events.timed();
  }

  /** Returns the lostRequestCheck, or null when it is off (for tests). */
  LostRequestCheck lostRequestCheckForTests() {
    return lostRequests;
  }

  /** Returns the engine's name. */
  public String name() {
    return settings.name();
  }

  /** Returns the engine's URL. */
  public DatabaseUrl url() {
    return url;
  }

  /** Returns an option's value as the engine uses it (its default if not given). */
  public <T> T option(Option<T> option) {
    return settings.get(option);
  }

  /** Returns the {@code closeGrace} option. */
  public Duration closeGrace() {
    return settings.duration(Option.CLOSE_GRACE);
  }

  /** Returns the statement runner shared by the engine's connections. */
  public StatementRunner runner() {
    return runner;
  }

  /** Returns the leak detector. */
  public LeakDetector leakDetector() {
    return leaks;
  }

  /** Returns the current pool. */
  public Pool pool() {
    return pool;
  }

  /**
   * Borrows a connection from the current pool and returns its proxy, watched for leaks; a pool
   * replaced by {@code dispose()} meanwhile is left for the fresh one.
   *
   * @throws EngineClosedException if the engine is closed
   */
  public ProxyConnection checkout() {
    while (true) {
      if (closed) {
        throw new EngineClosedException(name());
      }
      Pool p = pool;
      try {
        PoolEntry entry;
        if (events.timed()) { // a listener or a JFR recording wants the wait: only then timed
          Ticker clock = hooks.ticker();
          Object jfr = JfrEvents.acquireBegin(); // null unless ConnectionAcquire is recorded
          long start = clock.nanoTime();
          try {
            entry = p.acquire();
          } catch (PoolTimeoutException e) {
            if (jfr != null) {
              JfrEvents.acquireEnd(jfr, name(), 0, true, p::status);
            }
            events.acquireTimeout(e);
            throw e;
          }
          long waited = clock.nanoTime() - start;
          if (jfr != null) {
            JfrEvents.acquireEnd(jfr, name(), entry.id(), false, p::status);
          }
          events.acquired(entry, waited);
        } else {
          entry = p.acquire();
        }
        ProxyConnection c = leaks.checkout(p, entry);
        c.sqlHooks(runner.hooks()); // handleError listeners, also for dataSource() borrowers
        if (guardSession) {
          c.guardSession();
        }
        if (lostRequests != null) {
          c.trackAwaits();
        }
        return c;
      } catch (PoolClosedException e) {
        if (closed) {
          throw new EngineClosedException(name());
        }
        // disposed meanwhile: try the fresh pool
      }
    }
  }

  /** Suspends the current pool. */
  public void suspend() {
    pool.suspend();
  }

  /** Resumes the current pool. */
  public void resume() {
    pool.resume();
  }

  /** Returns a snapshot of the current pool. */
  public PoolStatus status() {
    return pool.status();
  }

  /**
   * Replaces the pool with a fresh one (closing the old one's idle connections if {@code
   * closeConnections}); does nothing once the engine is closed.
   */
  public void dispose(boolean closeConnections) {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      Object jfr = JfrEvents.disposeBegin(); // null unless a recording wants EngineDispose
      Pool old = pool;
      Pool fresh = newPool();
      shutdown.replace(old, fresh); // close(grace) still waits for what is out of old, or aborts it
      pool = fresh;
      leaks.pool(fresh);
      if (lostRequests != null) {
        lostRequests.pool(fresh);
      }
      List<PoolEntry> out = old.borrowed();
      out.forEach(leaks::adoptBorrowed); // and reclaim works if the engine is dropped
      if (closeConnections) {
        old.close();
      }
      JfrEvents.disposeEnd(jfr, name(), closeConnections, out.size());
    }
  }

  /**
   * Closes the engine through its {@link Shutdown} and forgets it in the registry; see {@code
   * Engine.close(Duration)}.
   *
   * @throws IllegalArgumentException if {@code grace} is negative (nothing is closed then)
   */
  public DisposalReport close(Duration grace) {
    Duration g = Durations.check("grace", Objects.requireNonNull(grace, "grace"));
    synchronized (lifecycle) {
      closed = true; // from now on dispose() does nothing and checkout() throws
    }
    try {
      DisposalReport r = shutdown.close(g);
      if (!closeLogged.getAndSet(true)) { // once: a second close returns the same report
        if (r.isClean()) {
          CLOSE_LOG.debug("{}", r);
        } else {
          CLOSE_LOG.warn("{}", r);
        }
        events.engineClosed(r);
      }
      return r;
    } finally {
      registration.clean();
      EngineRegistry.deregister(this);
      javax.management.ObjectName m = mbean.getAndSet(null); // if the shutdown did not
      if (m != null) {
        EngineMBeans.unregister(m);
      }
    }
  }

  /**
   * Marks every open connection of the current pool stale, to be replaced at its next checkout
   * (borrowed ones when they come back); for JMX's {@code softEvict}.
   */
  public void softEvict() {
    pool.softInvalidateAll(new dev.cistern.CisternException("soft eviction requested (JMX)"));
  }

  /** Returns true once a close started. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Runs {@code attempt}, again after a serialization failure or deadlock as the {@code
   * transactionRetries} and {@code transactionRetryBackoff} options say.
   */
  public <T, X extends Exception> T retrying(Retry.Attempt<T, X> attempt) throws X {
    return Retry.run(
        settings.integer(Option.TRANSACTION_RETRIES),
        settings.duration(Option.TRANSACTION_RETRY_BACKOFF),
        name(),
        attempt);
  }

  /**
   * Returns the {@code isolationLevel} option if set, otherwise the level {@code fromAConnection}
   * reads, asked once (again only while it answers null).
   */
  public IsolationLevel defaultIsolationLevel(Supplier<IsolationLevel> fromAConnection) {
    IsolationLevel configured = settings.isolationLevel();
    if (configured != null) {
      return configured;
    }
    IsolationLevel known = defaultIsolation;
    if (known == null) {
      known = fromAConnection.get();
      defaultIsolation = known;
    }
    return known;
  }

  /** One line: {@code postgresql://app:***@db/shop, pool: size 5, idle 2, ...}. */
  @Override
  public String toString() {
    return url + ", pool: " + pool.status().counts() + (closed ? ", closed" : "");
  }
}
