package dev.cistern;

import dev.cistern.internal.engine.EngineConfig;
import dev.cistern.internal.engine.EngineCore;
import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.internal.engine.EngineRegistry;
import dev.cistern.internal.engine.ReadReplicas;
import dev.cistern.internal.jdbc.JdbcDataSource;
import dev.cistern.internal.sql.StatementRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
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
  private final EngineCore core;

  /** The read-only engine of {@link #reader()}, or null when this engine has none. */
  private final Engine reader;

  /** For a reader: the engine it belongs to, which closes it; null otherwise. */
  private final Engine owner;

  private Engine(EngineCore core) {
    this.core = core;
    this.reader = null;
    this.owner = null;
  }

  private Engine(EngineCore core, Engine owner) {
    this.core = core;
    this.reader = null;
    this.owner = owner;
  }

  private Engine(EngineCore core, EngineCore readerCore) {
    this.core = core;
    this.reader = new Engine(readerCore, this);
    this.owner = null;
  }

  /**
   * Returns the engine for reads: its own pool of read-only connections to the read replicas (see
   * {@link Builder#readReplica}), or, for a multi-host PostgreSQL URL with {@code
   * targetServerType=primary}, to the standbys among those hosts. On PostgreSQL it falls back to
   * the primary when no replica is up (pgjdbc's {@code targetServerType=preferSecondary}); its
   * connections are read-only either way, so a write fails with the server's error (SQLState
   * 25006). Returns this engine when it has no replicas, so code can always read through {@code
   * reader()}.
   *
   * <p>The reader belongs to this engine: {@link #close()} closes both and reports both in one
   * {@link DisposalReport}; {@link #dispose()} replaces both pools. Closing the reader itself
   * throws.
   *
   * @return the reader engine, or this engine when it has no read replicas
   */
  public Engine reader() {
    return reader != null ? reader : this;
  }

  /** Returns the machinery behind this engine (internal use, and tests). */
  EngineCore core() {
    return core;
  }

  /** Returns the engine's statement runner (internal use). */
  StatementRunner runner() {
    return core.runner();
  }

  /**
   * Creates an engine for the URL; see {@link DatabaseUrl} for the forms. Opens nothing.
   *
   * @param url the database URL, such as {@code postgresql://app@db/shop} or a {@code jdbc:} URL
   * @return a new engine with every option at its default
   */
  public static Engine create(String url) {
    return builder(url).build();
  }

  /**
   * Creates an engine for the URL. Opens nothing.
   *
   * @param url the parsed database URL
   * @return a new engine with every option at its default
   */
  public static Engine create(DatabaseUrl url) {
    return builder(url).build();
  }

  /**
   * Starts a builder for an engine on the URL.
   *
   * @param url the database URL, in any of the forms {@link DatabaseUrl} parses
   * @return a builder with no options set yet
   */
  public static Builder builder(String url) {
    return new Builder(DatabaseUrl.parse(url));
  }

  /**
   * Starts a builder for an engine on the URL.
   *
   * @param url the parsed database URL
   * @return a builder with no options set yet
   */
  public static Builder builder(DatabaseUrl url) {
    return new Builder(url);
  }

  /**
   * Returns the engine's name, used in logs, errors and as the server's application name.
   *
   * @return the {@code name} option's value, or the generated name when it was not set
   */
  public String name() {
    return core.name();
  }

  /**
   * Returns the engine's URL (its {@code toString()} masks the password).
   *
   * @return the URL the engine connects to
   */
  public DatabaseUrl url() {
    return core.url();
  }

  /**
   * Returns an option's value as the engine uses it (its default if not given), typed as the option
   * is: {@code engine.option(Option.POOL_SIZE)} is an {@link Integer}; null for an option that is
   * not set and has no default.
   *
   * @param <T> the option's value type
   * @param option the option to read
   * @return the value in use, its default, or null
   */
  public <T> T option(Option<T> option) {
    return core.option(option);
  }

  /**
   * Borrows a connection, opening one if none is free, waiting up to {@code poolTimeout}.
   *
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   * @throws CannotConnectException if opening a connection failed with an error that retrying
   *     cannot fix (wrong password, unknown database, ...)
   * @return the borrowed connection; closing it returns it to the pool
   */
  public SqlConnection connect() {
    return new SqlConnection(this, core.checkout());
  }

  /**
   * Returns a {@link DataSource} over this engine's pool, for JDBI, jOOQ, Flyway and friends.
   *
   * <p>The view is also {@link AutoCloseable}, and its {@code close()} closes this engine (with its
   * {@code closeGrace}): a container that is handed the view as a bean, such as a Spring
   * {@code @Bean DataSource}, closes beans that have a {@code close()} method when it shuts down,
   * and then leaves no session open. Frameworks that only borrow through a data source never close
   * it. For a bean a container makes by class name and setters, use {@link CisternDataSource}.
   *
   * @return a new data source view that borrows from this engine's pool
   */
  public DataSource dataSource() {
    return new JdbcDataSource("engine '" + name() + "'", core::checkout, this);
  }

  /**
   * Suspends the pool: {@link #connect()} waits (up to poolTimeout) until {@link #resume()}; for
   * failovers and maintenance windows. Every pool kind can be suspended; connections already
   * borrowed are unaffected.
   */
  public void suspend() {
    core.suspend();
  }

  /** Resumes handing out connections, first to the borrowers that waited. */
  public void resume() {
    core.resume();
  }

  /**
   * Returns a snapshot of the pool.
   *
   * @return the pool's counts (size, idle, borrowed, waiting, ...) at this moment
   */
  public PoolStatus status() {
    return core.status();
  }

  /**
   * Adds a listener to the running engine, as {@link Builder#listener} does before it is built: it
   * hears every event from now on, of this pool and of the ones {@link #dispose()} puts in its
   * place. It was not told of what happened before, so it may hear a checkin whose checkout it did
   * not see, and the {@link EngineListener#firstConnect} of a pool that already opened a connection
   * has passed. Adding the same listener twice makes it hear each event twice.
   *
   * <p>A borrow reads the clock (for {@link EngineListener#acquired}) only while some listener is
   * registered.
   *
   * @param listener the listener to add
   */
  public void addListener(EngineListener listener) {
    core.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added by {@link #addListener} or the builder; returns false if it was not
   * registered. An event being dispatched at that moment may still reach it, never a later one.
   *
   * @param listener the listener to remove
   * @return true if it was registered and is now removed, false if it was not registered
   */
  public boolean removeListener(EngineListener listener) {
    return core.removeListener(Objects.requireNonNull(listener, "listener"));
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
   *
   * @param closeConnections true to close the old pool's idle connections now (and borrowed ones
   *     when they come back), false to drop the old pool without touching its connections
   */
  public void dispose(boolean closeConnections) {
    core.dispose(closeConnections);
    if (reader != null) {
      reader.core.dispose(closeConnections);
    }
  }

  /** Closes the engine, waiting up to the {@code closeGrace} option for borrowed connections. */
  @Override
  public void close() {
    close(core.closeGrace());
  }

  /**
   * Closes the engine for good: idle connections are closed now, borrowed ones when they come back
   * within {@code grace}, and the rest are aborted. Later {@link #connect()} calls throw {@link
   * EngineClosedException}. Idempotent and thread-safe: a second call returns the first call's
   * report, waiting for it if it is still running (and cutting its grace short if the second call's
   * grace ends sooner). A grace longer than about 292 years means "as long as it takes". Closing
   * never throws for what happens on the way: errors are in {@link DisposalReport#errors()}, the
   * engine is closed all the same, and the report is kept. The report is also logged once to {@code
   * dev.cistern.engine}: at DEBUG when clean, at WARN when connections had to be aborted or an
   * error occurred.
   *
   * @param grace how long to wait for borrowed connections to come back before aborting them
   * @return what was closed, aborted and failed, for this engine and its reader
   * @throws IllegalArgumentException if {@code grace} is negative (nothing is closed then)
   */
  public DisposalReport close(Duration grace) {
    if (owner != null) {
      throw new UnsupportedOperationException(
          "engine '"
              + name()
              + "' is the reader of engine '"
              + owner.name()
              + "' and is closed with it: close that engine (one report covers both)");
    }
    if (reader == null) {
      return core.close(grace);
    }
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      return core.close(grace); // throws, closing nothing
    }
    // both at once, so that neither waits out the other's grace period
    java.util.concurrent.CompletableFuture<DisposalReport> readerClosed =
        new java.util.concurrent.CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                readerClosed.complete(reader.core.close(grace));
              } catch (RuntimeException | Error e) {
                readerClosed.completeExceptionally(e);
              }
            },
            "cistern-close-" + reader.name());
    t.setDaemon(true);
    t.start();
    DisposalReport mine = core.close(grace);
    return ReadReplicas.merge(mine, readerClosed.join());
  }

  /**
   * Returns true once {@link #close()} was called.
   *
   * @return true if this engine (or, for a reader, its owner) is closed
   */
  public boolean isClosed() {
    return owner != null ? core.isClosed() || owner.isClosed() : core.isClosed();
  }

  // ---- configuration from properties and the environment ----

  /**
   * Creates an engine from {@link Properties}: {@code <prefix>url} is the URL, and every option is
   * read from {@code <prefix><name>} in any of its {@linkplain Option#names() spellings} ({@code
   * cistern.poolSize} or {@code cistern.pool_size}); values are written as {@link
   * Option#parse(String)} reads them. Properties outside the prefix are ignored.
   *
   * <pre>{@code
   * cistern.url=postgresql://app@db/shop
   * cistern.pool_size=10
   * cistern.closeGrace=5s
   * }</pre>
   *
   * @param props the properties to read the URL and the options from
   * @param prefix the common prefix including any separator, e.g. {@code "cistern."}; may be empty
   * @return a new engine with the options found under the prefix
   * @throws CisternException if {@code <prefix>url} is missing, a key under the prefix names no
   *     option (the message names it and lists close matches), an option is given twice, or a value
   *     cannot be parsed
   */
  public static Engine fromProperties(Properties props, String prefix) {
    return build(EngineConfig.fromProperties(props, prefix));
  }

  /**
   * Creates an engine from environment variables: {@code DATABASE_URL} is the URL, and each option
   * is read from its {@linkplain Option#environmentVariable() variable}, e.g. {@code
   * CISTERN_POOL_SIZE=10} or {@code CISTERN_CLOSE_GRACE=5s}.
   *
   * @return a new engine with the options found in the environment
   * @throws CisternException if {@code DATABASE_URL} is not set or a value cannot be parsed
   */
  public static Engine fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** Like {@link #fromEnvironment()}, reading variables through {@code env} (for tests). */
  static Engine fromEnvironment(Function<String, String> env) {
    return build(EngineConfig.fromEnvironment(env));
  }

  private static Engine build(EngineConfig config) {
    Builder b = builder(config.url());
    b.options.putAll(config.options()); // parsed and checked by EngineConfig
    return b.build();
  }

  // ---- transactions ----

  /**
   * Borrows a connection, turns auto-commit off and returns the transaction on it. Close the
   * transaction (try-with-resources): without {@link Transaction#commit()} it rolls back; either
   * way the connection goes back to the pool.
   *
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   * @return the open transaction; closing it without a commit rolls back
   * @throws CisternException if auto-commit could not be turned off
   */
  public Transaction begin() {
    return begin(connect());
  }

  /** Begins a transaction on {@code c}, or invalidates {@code c} if that fails. */
  private static Transaction begin(SqlConnection c) {
    try {
      return c.begin(true);
    } catch (RuntimeException e) {
      c.invalidate(e);
      throw e;
    }
  }

  /**
   * Borrows a connection, runs {@code callback} on it and returns its result; the connection goes
   * back to the pool either way (with any open transaction rolled back, as {@code
   * poolResetOnReturn} says). An exception from {@code callback} is rethrown unchanged.
   *
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run on the borrowed connection
   * @return what {@code callback} returned
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R withConnection(ConnectionCallback<R, X> callback) throws X {
    return withConnection(ExecutionOptions.defaults(), callback);
  }

  /**
   * Like {@link #withConnection(ConnectionCallback)} for work that returns nothing.
   *
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run on the borrowed connection
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useConnection(ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    withConnection(ExecutionOptions.defaults(), asCallback(callback));
  }

  /**
   * Runs {@code callback} in a transaction on a connection of its own and returns its result:
   * commits when {@code callback} returns, rolls back when it throws. The exception, checked or
   * not, is rethrown unchanged; a failure to roll back is added to it as suppressed.
   *
   * <p>With the {@code transactionRetries} option above zero, a serialization failure or deadlock
   * (SQLState 40001 or 40P01, MySQL/MariaDB error 1213) rolls back and runs {@code callback} again
   * on a fresh transaction, after a back-off that starts at {@code transactionRetryBackoff} and
   * doubles, with jitter. {@code callback} must then be safe to run more than once (no side effects
   * outside the database).
   *
   * <pre>{@code
   * long id = engine.inTransaction(c ->
   *     c.execute("insert into orders (customer) values (:c) returning id", Map.of("c", 7))
   *         .scalar(Long.class));
   * }</pre>
   *
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run in the transaction
   * @return what {@code callback} returned (from its last run, when retried)
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R inTransaction(ConnectionCallback<R, X> callback) throws X {
    return inTransaction(ExecutionOptions.defaults(), callback);
  }

  /**
   * Like {@link #inTransaction(ConnectionCallback)} at the isolation level {@code level}: it is set
   * on the connection before the transaction begins and reverted when the connection goes back to
   * the pool, so it applies to this transaction only.
   *
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param level the isolation level for this transaction
   * @param callback the work to run in the transaction
   * @return what {@code callback} returned (from its last run, when retried)
   * @throws IllegalArgumentException if {@code level} is {@link IsolationLevel#AUTOCOMMIT}, which
   *     is no transaction at all
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R inTransaction(
      IsolationLevel level, ConnectionCallback<R, X> callback) throws X {
    return inTransaction(ExecutionOptions.forTransaction(level), callback);
  }

  /**
   * Like {@link #inTransaction(ConnectionCallback)} for work that returns nothing.
   *
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run in the transaction
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useTransaction(ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    inTransaction(ExecutionOptions.defaults(), asCallback(callback));
  }

  /**
   * Like {@link #inTransaction(IsolationLevel, ConnectionCallback)} for work that returns nothing.
   *
   * @param <X> the checked exception the callback may throw
   * @param level the isolation level for this transaction
   * @param callback the work to run in the transaction
   * @throws IllegalArgumentException if {@code level} is {@link IsolationLevel#AUTOCOMMIT}
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useTransaction(
      IsolationLevel level, ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    inTransaction(ExecutionOptions.forTransaction(level), asCallback(callback));
  }

  /** Adapts work that returns nothing to a callback that returns null. */
  static <X extends Exception> ConnectionCallback<Void, X> asCallback(
      ConnectionConsumer<X> callback) {
    return c -> {
      callback.useConnection(c);
      return null;
    };
  }

  // ---- execution options and the default isolation level (SqlConnection semantics) ----

  /**
   * Returns a view of this engine that applies {@code options} to every connection it hands out,
   * sharing this engine's pool (SQLAlchemy's {@code engine.execution_options(...)}). The view has
   * no lifecycle of its own: see {@link EngineView}.
   *
   * @param options the execution options to apply to each connection the view hands out
   * @return a view sharing this engine's pool
   */
  public EngineView withOptions(ExecutionOptions options) {
    Objects.requireNonNull(options, "options");
    return new EngineView(this, options);
  }

  /**
   * Returns the isolation level a freshly borrowed connection has (SQLAlchemy's {@code
   * default_isolation_level}): the {@code isolationLevel} option if set, otherwise the driver's,
   * read once from a connection (borrowed for it the first time this is asked, if none was). Null
   * if the driver reports a level JDBC does not define.
   *
   * @throws EngineClosedException if it must be read and the engine is closed
   * @return the default isolation level, or null if the driver's level is not a JDBC one
   * @throws PoolTimeoutException if it must be read and no connection became free in time
   */
  public IsolationLevel defaultIsolationLevel() {
    return core.defaultIsolationLevel(
        () -> {
          try (SqlConnection c = connect()) {
            return c.isolationLevel();
          }
        });
  }

  /** Borrows a connection and applies {@code options} to it; for {@link EngineView}. */
  SqlConnection connect(ExecutionOptions options) {
    SqlConnection c = connect();
    try {
      options.applyTo(c);
      return c;
    } catch (RuntimeException e) {
      try {
        c.close(); // the settings made so far are reverted on return
      } catch (RuntimeException ce) {
        e.addSuppressed(ce);
      }
      throw e;
    }
  }

  /** Like {@link #begin()} with {@code options} applied first; for {@link EngineView}. */
  Transaction begin(ExecutionOptions options) {
    return begin(connect(options));
  }

  /** Like {@link #withConnection(ConnectionCallback)} with {@code options}; also for views. */
  <R, X extends Exception> R withConnection(
      ExecutionOptions options, ConnectionCallback<R, X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    try (SqlConnection c = connect(options)) {
      return callback.withConnection(c);
    }
  }

  /** Like {@link #inTransaction(ConnectionCallback)} with {@code options}; also for views. */
  <R, X extends Exception> R inTransaction(
      ExecutionOptions options, ConnectionCallback<R, X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    return core.retrying(
        () -> {
          try (Transaction tx = begin(options)) {
            R result = callback.withConnection(tx.connection());
            if (tx.isActive()) {
              tx.commit();
            }
            return result;
          }
        });
  }

  // ---- lifecycle across engines ----

  /**
   * Closes every live engine created in this JVM, in parallel, each with its {@code closeGrace}
   * option, and returns their reports. Engines closed before are skipped. Handy at the end of a
   * test suite or in a framework's shutdown callback; the JVM shutdown hook ({@code shutdownHook}
   * option) does the same for the engines that enabled it.
   *
   * @return one report per engine this call closed
   */
  public static List<DisposalReport> closeAll() {
    return EngineRegistry.closeAll();
  }

  /** One line: {@code Engine(postgresql://app:***@db/shop, pool: size 5, idle 2, ...)}. */
  @Override
  public String toString() {
    return "Engine(" + core + ")";
  }

  // ---- SqlListener registration (statement, transaction and error events) ----

  /**
   * Adds a listener for statement, transaction and error events. Thread-safe (copy-on-write). It
   * hears every event that starts after this returns, on every connection of the engine, those
   * borrowed before included; a statement already running ends with the listeners it began with.
   * Adding the same listener twice makes it hear each event twice.
   *
   * @param listener the listener to add
   */
  public void addSqlListener(SqlListener listener) {
    core.runner().hooks().add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added with {@link #addSqlListener} or {@link Builder#sqlListener}; it hears
   * no event that starts after this returns (a statement already running still ends with its {@link
   * SqlListener#afterExecute}). Returns false if it was not registered.
   *
   * @param listener the listener to remove
   * @return true if it was registered and is now removed, false if it was not registered
   */
  public boolean removeSqlListener(SqlListener listener) {
    return core.runner().hooks().remove(listener);
  }

  /** Builds an {@link Engine}: options, listeners, a credentials supplier. */
  public static final class Builder {
    private final List<SqlListener> sqlListeners = new ArrayList<>();

    /**
     * Adds a listener for statement, transaction and error events (see {@link SqlListener});
     * registered before the engine hands out its first connection.
     *
     * @param listener the listener to add
     * @return this builder
     */
    public Builder sqlListener(SqlListener listener) {
      sqlListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    private final DatabaseUrl url;
    private final List<DatabaseUrl> readReplicas = new ArrayList<>();
    private final Map<Option<?>, Object> options = new IdentityHashMap<>();
    private final List<EngineListener> listeners = new ArrayList<>();
    private Supplier<Credentials> credentials;
    private EngineHooks hooks = EngineHooks.DEFAULT;

    private Builder(DatabaseUrl url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /**
     * Sets an option to a value of its type: {@code option(Option.POOL_SIZE, 10)}, {@code
     * option(Option.POOL_TIMEOUT, Duration.ofSeconds(5))}. Null sets it back to its default, over a
     * value the URL gives.
     *
     * @param <T> the option's value type
     * @param option the option to set
     * @param value the value, or null for the option's default
     * @return this builder
     * @throws IllegalArgumentException naming the option and the bad value, if it is out of range
     */
    public <T> Builder option(Option<T> option, T value) {
      options.put(option, value == null ? option.defaultValue() : option.validate(value));
      return this;
    }

    /**
     * Sets an option from text, as a URL, a properties file or a command line writes it: {@code
     * optionText(Option.POOL_TIMEOUT, "5s")}; see {@link Option#parse(String)}.
     *
     * @param option the option to set
     * @param text the value as text, such as {@code 5s}, {@code 10} or {@code true}
     * @return this builder
     * @throws IllegalArgumentException naming the option, the bad text and the expected form
     */
    public Builder optionText(Option<?> option, String text) {
      options.put(option, option.parse(text));
      return this;
    }

    /**
     * Adds a read replica for {@link Engine#reader()}: a URL of the same kind of database (user,
     * password and options as the replica needs them; the first replica's options configure the
     * reader's pool, which is read-only and named {@code <name>/reader}). Several replicas share
     * one pool (on PostgreSQL, pgjdbc spreads connections over them).
     *
     * @param url the replica's URL, in any of the forms {@link DatabaseUrl} parses
     * @return this builder
     * @throws InvalidUrlException if the URL cannot be parsed
     */
    public Builder readReplica(String url) {
      return readReplica(DatabaseUrl.parse(url));
    }

    /**
     * Adds a read replica; see {@link #readReplica(String)}.
     *
     * @param url the replica's parsed URL
     * @return this builder
     */
    public Builder readReplica(DatabaseUrl url) {
      readReplicas.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * Sets the engine's name.
     *
     * @param name the name used in logs, metrics, errors and as the server's application name
     * @return this builder
     */
    public Builder name(String name) {
      return option(Option.NAME, name);
    }

    /**
     * Sets poolSize and maxOverflow.
     *
     * @param poolSize the number of connections kept in the pool ({@link Option#POOL_SIZE})
     * @param maxOverflow the extra connections allowed beyond it ({@link Option#MAX_OVERFLOW})
     * @return this builder
     */
    public Builder poolSize(int poolSize, int maxOverflow) {
      option(Option.POOL_SIZE, poolSize);
      return option(Option.MAX_OVERFLOW, maxOverflow);
    }

    /**
     * Adds a listener for pool events.
     *
     * @param listener the listener to add
     * @return this builder
     */
    public Builder listener(EngineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets a supplier asked for user and password for each new physical connection, e.g. to use
     * rotating passwords or cloud IAM tokens; they replace the URL's.
     *
     * @param supplier asked for the credentials each time a physical connection is opened
     * @return this builder
     */
    public Builder credentials(Supplier<Credentials> supplier) {
      this.credentials = supplier;
      return this;
    }

    /** For tests: the clock and loggers to use instead of the real ones. */
    Builder hooks(EngineHooks hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks");
      return this;
    }

    /**
     * Builds the engine. It opens no connection, unless the {@code failFast} option is on: then it
     * opens one now on this thread (and closes it) and, if that fails, closes the engine and throws
     * at once, with the driver's reason in the message.
     *
     * @return the new engine
     * @throws CannotConnectException with {@code failFast}, if the database cannot be reached
     * @throws DriverNotFoundException with {@code failFast}, if the JDBC driver is missing
     */
    public Engine build() {
      java.util.Optional<DatabaseUrl> readerUrl = ReadReplicas.readerUrl(url, readReplicas);
      EngineCore primary = EngineCore.create(url, options, listeners, credentials, hooks);
      Engine engine;
      if (readerUrl.isEmpty()) {
        engine = new Engine(primary);
      } else {
        Map<Option<?>, Object> readerOptions = new IdentityHashMap<>(options);
        readerOptions.put(Option.NAME, primary.name() + "/reader");
        readerOptions.put(Option.READ_ONLY, true);
        readerOptions.put(Option.FAIL_FAST, false); // a replica may be down: the reader falls back
        EngineCore readerCore;
        try {
          readerCore =
              EngineCore.create(readerUrl.get(), readerOptions, listeners, credentials, hooks);
        } catch (RuntimeException | Error e) {
          primary.close(Duration.ZERO);
          throw e;
        }
        engine = new Engine(primary, readerCore);
        sqlListeners.forEach(engine.reader::addSqlListener);
      }
      sqlListeners.forEach(engine::addSqlListener); // before anyone else can borrow
      return engine;
    }
  }
}
