package dev.cistern;

import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.engine.EngineDataSource;
import dev.cistern.internal.engine.EngineSettings;
import dev.cistern.internal.engine.LeakDetector;
import dev.cistern.internal.pool.ConnectionFactory;
import dev.cistern.internal.pool.DialectConnectionFactory;
import dev.cistern.internal.pool.DialectPoolSupport;
import dev.cistern.internal.pool.EchoPoolListener;
import dev.cistern.internal.pool.ListenerAdapter;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListener;
import dev.cistern.internal.pool.PoolListeners;
import dev.cistern.internal.pool.Pools;
import dev.cistern.internal.pool.Ticker;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The entry point to one database: made from a URL, it owns a connection pool and hands out
 * connections. Creating an engine opens nothing; the first {@link #connect()} opens the first
 * connection.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create("postgresql://app:secret@localhost/shop")) {
 *   try (SqlConnection c = engine.connect()) {
 *     ...
 *   }
 * } // closed: every connection closed, the server sees none left
 * }</pre>
 *
 * <p>{@link #dispose()} closes the idle connections now and starts a fresh pool; the engine stays
 * usable, and connections borrowed at that moment are closed when they come back. {@link
 * #close(Duration)} ends the engine: it waits up to the grace period for borrowed connections, then
 * aborts the rest. Engines are thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final DatabaseUrl url;
  private final EngineSettings settings;
  private final Dialect dialect;
  private final List<EngineListener> listeners;
  private final Supplier<Credentials> credentials;
  private final Ticker ticker;
  private final Object lifecycle = new Object[0];
  private volatile Pool pool;
  private volatile boolean closed;
  private volatile DisposalReport closeReport;
  private final LeakDetector leaks;

  private Engine(Builder b) {
    this.url = b.url;
    Map<Option, Object> options = new EnumMap<>(Option.class);
    options.putAll(b.url.options());
    options.putAll(b.options);
    this.settings = new EngineSettings(options);
    this.dialect = Dialects.forUrl(b.url);
    this.listeners = List.copyOf(b.listeners);
    this.credentials = b.credentials;
    this.ticker = b.ticker;
    this.pool = newPool();
    this.leaks =
        LeakDetector.create(
            settings.name(),
            settings.duration(Option.LEAK_DETECTION_THRESHOLD),
            b.leakClock,
            b.leakLog);
  }

  /** Returns the engine's leak detector (internal use). */
  LeakDetector leakDetector() {
    return leaks;
  }

  /** Creates an engine for the URL; see {@link DatabaseUrl} for the forms. Opens nothing. */
  public static Engine create(String url) {
    return builder(url).build();
  }

  /** Creates an engine for the URL. Opens nothing. */
  public static Engine create(DatabaseUrl url) {
    return builder(url).build();
  }

  /** Starts a builder for an engine on the URL. */
  public static Builder builder(String url) {
    return new Builder(DatabaseUrl.parse(url));
  }

  /** Starts a builder for an engine on the URL. */
  public static Builder builder(DatabaseUrl url) {
    return new Builder(url);
  }

  private Pool newPool() {
    List<PoolListener> ls = new ArrayList<>();
    if (settings.flag(Option.ECHO_POOL)) {
      ls.add(new EchoPoolListener(settings.name()));
    }
    if (!listeners.isEmpty()) {
      ls.add(new ListenerAdapter(settings.name(), listeners));
    }
    ConnectionFactory open =
        new DialectConnectionFactory(url, dialect, settings.name(), credentials);
    IsolationLevel isolation = settings.isolationLevel();
    boolean readOnly = settings.flag(Option.READ_ONLY);
    ConnectionFactory factory =
        isolation == null && !readOnly
            ? open
            : () -> {
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
              } catch (java.sql.SQLException | RuntimeException e) {
                c.close();
                throw e;
              }
            };
    return Pools.create(
        settings.poolClass(),
        settings.poolConfig(),
        factory,
        ticker,
        DialectPoolSupport.of(dialect, PoolListeners.compose(ls)));
  }

  /** Returns the engine's name, used in logs, errors and as the server's application name. */
  public String name() {
    return settings.name();
  }

  /** Returns the engine's URL (its {@code toString()} masks the password). */
  public DatabaseUrl url() {
    return url;
  }

  /** Returns an option's value as the engine uses it (its default if not given). */
  public Object option(Option option) {
    return settings.get(option);
  }

  /**
   * Borrows a connection, opening one if none is free, waiting up to {@code poolTimeout}.
   *
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   */
  public SqlConnection connect() {
    while (true) {
      if (closed) {
        throw new EngineClosedException(name());
      }
      Pool p = pool;
      try {
        return new SqlConnection(this, p, p.acquire());
      } catch (PoolClosedException e) {
        if (closed) {
          throw new EngineClosedException(name());
        }
        // disposed meanwhile: try the fresh pool
      }
    }
  }

  /** Returns a {@link DataSource} over this engine's pool, for JDBI, jOOQ, Flyway and friends. */
  public DataSource dataSource() {
    return new EngineDataSource(this);
  }

  /**
   * Suspends the pool: {@link #connect()} waits (up to poolTimeout) until {@link #resume()}; for
   * failovers and maintenance windows. Only the QUEUE pool can be suspended.
   */
  public void suspend() {
    pool.suspend();
  }

  /** Resumes handing out connections, first to the borrowers that waited. */
  public void resume() {
    pool.resume();
  }

  /** Returns a snapshot of the pool. */
  public PoolStatus status() {
    return pool.status();
  }

  /** Returns the pool (internal use). */
  Pool pool() {
    return pool;
  }

  /**
   * Closes every idle connection now and replaces the pool with a fresh one with the same settings;
   * the engine stays usable. Connections borrowed now are closed when they come back.
   */
  public void dispose() {
    dispose(true);
  }

  /**
   * Replaces the pool. With {@code closeConnections} false the old pool is dropped without touching
   * its connections (SQLAlchemy's {@code close=False}, for a forked process that must not close its
   * parent's sessions).
   */
  public void dispose(boolean closeConnections) {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      Pool old = pool;
      pool = newPool();
      if (closeConnections) {
        old.close();
      }
    }
  }

  /** Closes the engine, waiting up to the {@code closeGrace} option for borrowed connections. */
  @Override
  public void close() {
    close(settings.duration(Option.CLOSE_GRACE));
  }

  /**
   * Closes the engine for good: idle connections are closed now, borrowed ones when they come back
   * within {@code grace}, and the rest are aborted. Later {@link #connect()} calls throw {@link
   * EngineClosedException}. Idempotent and thread-safe: a second call returns the first report.
   */
  public DisposalReport close(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    long start = System.nanoTime();
    Pool p;
    synchronized (lifecycle) {
      if (closed) {
        DisposalReport r = closeReport;
        while (r == null) {
          LockSupport.parkNanos(1_000_000L);
          r = closeReport;
        }
        return r;
      }
      closed = true;
      p = pool;
    }
    List<Throwable> errors = new ArrayList<>();
    PoolStatus before = p.status();
    int borrowedAtStart = before.inUse();
    p.close();
    long deadline = System.nanoTime() + grace.toNanos();
    while (!p.borrowed().isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Math.min(10_000_000L, Math.max(1, deadline - System.nanoTime())));
    }
    List<PoolEntry> left = p.borrowed();
    leaks.close();
    Executor direct = Runnable::run;
    List<String> leaked = new ArrayList<>(left.size());
    for (PoolEntry e : left) {
      leaked.add(LeakDetector.describe(e));
      LeakDetector.forget(e);
      try {
        e.raw().abort(direct);
      } catch (java.sql.SQLException | RuntimeException ex) {
        errors.add(ex);
      }
      p.invalidate(e, new EngineClosedException(name()));
    }
    DisposalReport r =
        new DisposalReport(
            name(),
            before.idle(),
            Math.max(0, borrowedAtStart - left.size()),
            left.size(),
            Duration.ofNanos(System.nanoTime() - start),
            errors,
            leaked);
    closeReport = r;
    return r;
  }

  /** Returns true once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** One line: {@code Engine(postgresql://app:***@db/shop, pool: size 5, idle 2, ...)}. */
  @Override
  public String toString() {
    return "Engine(" + url + ", pool: " + pool.status().counts() + (closed ? ", closed" : "") + ")";
  }

  /** Builds an {@link Engine}: options, listeners, a credentials supplier. */
  public static final class Builder {
    private final DatabaseUrl url;
    private final Map<Option, Object> options = new EnumMap<>(Option.class);
    private final List<EngineListener> listeners = new ArrayList<>();
    private Supplier<Credentials> credentials;
    private Ticker ticker = Ticker.SYSTEM;
    private org.slf4j.Logger leakLog;
    private java.util.function.LongSupplier leakClock;

    private Builder(DatabaseUrl url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /**
     * Sets an option; the value must be of the option's type (see {@link Option#type()}).
     *
     * @throws IllegalArgumentException naming the option and the bad value
     */
    public Builder option(Option option, Object value) {
      options.put(option, option.validate(value));
      return this;
    }

    /** Sets an option from text, as in a URL or a properties file. */
    public Builder option(Option option, String text) {
      options.put(option, option.parse(text));
      return this;
    }

    /** Sets the engine's name. */
    public Builder name(String name) {
      return option(Option.NAME, name);
    }

    /** Sets poolSize and maxOverflow. */
    public Builder poolSize(int poolSize, int maxOverflow) {
      option(Option.POOL_SIZE, poolSize);
      return option(Option.MAX_OVERFLOW, maxOverflow);
    }

    /** Adds a listener for pool events. */
    public Builder listener(EngineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets a supplier asked for user and password for each new physical connection, e.g. to use
     * rotating passwords or cloud IAM tokens; they replace the URL's.
     */
    public Builder credentials(Supplier<Credentials> supplier) {
      this.credentials = supplier;
      return this;
    }

    Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    /** For tests: the leak detector's logger and clock (null for the defaults). */
    Builder leakDetection(org.slf4j.Logger log, java.util.function.LongSupplier clock) {
      this.leakLog = log;
      this.leakClock = clock;
      return this;
    }

    /** Builds the engine. It opens no connection. */
    public Engine build() {
      return new Engine(this);
    }
  }
}
