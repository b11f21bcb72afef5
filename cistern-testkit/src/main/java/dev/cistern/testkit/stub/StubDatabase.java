package dev.cistern.testkit.stub;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One named stub database: the fault settings and counters shared by every connection opened to
 * {@code jdbc:stub:<name>}.
 *
 * <p>Instances live in a static registry. {@link #named(String)} returns the database of a name,
 * creating it on first use; {@link #reset(String)} and {@link #resetAll()} drop databases from the
 * registry (releasing hung threads) so that every test starts from fresh counters. Connections
 * opened before a reset keep reporting to the old instance.
 *
 * <p>Counters: every physical connection is counted once in {@link #openedTotal()} and, when it
 * ends, once in either {@link #closedTotal()} or {@link #abortedTotal()}; {@link
 * #liveConnections()} is opened minus closed minus aborted.
 */
public final class StubDatabase {

  private static final ConcurrentHashMap<String, StubDatabase> REGISTRY = new ConcurrentHashMap<>();

  private final String name;
  private final StubFaults connectFaults;
  private final StubFaults validateFaults;
  private final StubFaults closeFaults;
  private final AtomicInteger failNextConnects = new AtomicInteger();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder connectAttempts = new LongAdder();
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder aborted = new LongAdder();
  private final LongAdder validations = new LongAdder();
  private final Set<StubConnection> liveSet = ConcurrentHashMap.newKeySet();

  private volatile Sleeper sleeper = Sleeper.SYSTEM;
  private volatile Duration queryDelay = Duration.ZERO;
  private volatile boolean validateReturnsFalse;
  private volatile int resultRows = 1;

  private StubDatabase(String name) {
    this.name = name;
    this.connectFaults = new StubFaults("connect", name, StubSupport.CONNECT_FAILURE);
    this.validateFaults = new StubFaults("validate", name, StubSupport.CONNECTION_FAILURE);
    this.closeFaults = new StubFaults("close", name, StubSupport.CONNECTION_FAILURE);
  }

  /**
   * Returns the database called {@code name}, creating it if needed.
   *
   * @param name the database's name
   * @return the database
   */
  public static StubDatabase named(String name) {
    return named(name, db -> {});
  }

  /** Returns the database called {@code name}; a new one is first passed to {@code init}. */
  static StubDatabase named(String name, Consumer<StubDatabase> init) {
    Objects.requireNonNull(name, "name");
    return REGISTRY.computeIfAbsent(
        name,
        n -> {
          StubDatabase db = new StubDatabase(n);
          init.accept(db);
          return db;
        });
  }

  /**
   * Drops the database called {@code name} from the registry and clears its faults, releasing hung
   * threads. The next {@link #named(String)} or connect creates a fresh database.
   *
   * @param name the database's name
   */
  public static void reset(String name) {
    StubDatabase db = REGISTRY.remove(name);
    if (db != null) {
      db.clearFaults();
    }
  }

  /** Resets every database. */
  public static void resetAll() {
    for (String name : List.copyOf(REGISTRY.keySet())) {
      reset(name);
    }
  }

  /**
   * The name of this database.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The JDBC URL of this database, without parameters.
   *
   * @return the JDBC URL
   */
  public String url() {
    return StubDriver.URL_PREFIX + name;
  }

  /**
   * Opens a physical connection, applying the connect faults and {@link #failNextConnects(int)}.
   *
   * @return the new connection
   * @throws SQLException if a connect fault or {@link #failNextConnects(int)} makes it fail
   */
  public StubConnection connect() throws SQLException {
    connectAttempts.increment();
    if (connectFaults.isActive()) {
      connectFaults.apply(sleeper);
    }
    if (failNextConnects.get() > 0 && failNextConnects.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throw new SQLException(
          "transient connect failure injected by stub database '" + name + "' (failNextConnects)",
          StubSupport.CONNECT_FAILURE);
    }
    StubConnection connection = StubConnection.create(this, ids.incrementAndGet());
    liveSet.add(connection);
    opened.increment();
    live.incrementAndGet();
    return connection;
  }

  // ---- faults ----

  /**
   * Faults of {@link #connect()} (default SQLState 08001).
   *
   * @return the connect faults
   */
  public StubFaults connectFaults() {
    return connectFaults;
  }

  /**
   * Faults of {@link StubConnection#isValid(int)} (default SQLState 08006).
   *
   * @return the validation faults
   */
  public StubFaults validateFaults() {
    return validateFaults;
  }

  /**
   * Faults of {@link StubConnection#close()} (default SQLState 08006).
   *
   * @return the close faults
   */
  public StubFaults closeFaults() {
    return closeFaults;
  }

  /**
   * Makes the next {@code n} connects fail with SQLState 08001; 0 cancels.
   *
   * @param n the number of connects to fail, or 0 to cancel
   */
  public void failNextConnects(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative count: " + n);
    }
    failNextConnects.set(n);
  }

  /**
   * How many of the connects requested by {@link #failNextConnects(int)} are still to fail.
   *
   * @return the number of connects still to fail
   */
  public int pendingConnectFailures() {
    return failNextConnects.get();
  }

  /**
   * Makes {@link StubConnection#isValid(int)} return {@code false} (without throwing).
   *
   * @param returnsFalse true to make validation return {@code false}
   */
  public void setValidateReturnsFalse(boolean returnsFalse) {
    this.validateReturnsFalse = returnsFalse;
  }

  /**
   * Whether validation returns {@code false}.
   *
   * @return true if validation returns {@code false}
   */
  public boolean isValidateReturnsFalse() {
    return validateReturnsFalse;
  }

  /**
   * Makes every statement execution sleep for {@code delay}; zero or {@code null} removes it.
   *
   * @param delay the delay, or zero or {@code null} for none
   */
  public void setQueryDelay(Duration delay) {
    if (delay != null && delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    this.queryDelay = delay == null ? Duration.ZERO : delay;
  }

  /**
   * The delay of every statement execution.
   *
   * @return the delay, {@link Duration#ZERO} if none
   */
  public Duration getQueryDelay() {
    return queryDelay;
  }

  /**
   * Sets the number of rows returned by every query (default 1).
   *
   * @param rows the number of rows per query
   */
  public void setResultRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("negative row count: " + rows);
    }
    this.resultRows = rows;
  }

  /**
   * The number of rows returned by every query.
   *
   * @return the number of rows per query
   */
  public int getResultRows() {
    return resultRows;
  }

  /**
   * Replaces the sleeper that performs delays; {@code null} restores {@link Sleeper#SYSTEM}.
   *
   * @param sleeper the sleeper, or {@code null} for {@link Sleeper#SYSTEM}
   */
  public void setSleeper(Sleeper sleeper) {
    this.sleeper = sleeper == null ? Sleeper.SYSTEM : sleeper;
  }

  /**
   * The sleeper that performs delays.
   *
   * @return the sleeper
   */
  public Sleeper getSleeper() {
    return sleeper;
  }

  /**
   * Clears every fault: connect, validate and close faults (releasing hung threads), pending
   * connect failures, validation returning false and the query delay. Counters, the sleeper and the
   * row count are kept.
   */
  public void clearFaults() {
    connectFaults.clear();
    validateFaults.clear();
    closeFaults.clear();
    failNextConnects.set(0);
    validateReturnsFalse = false;
    queryDelay = Duration.ZERO;
  }

  /**
   * Simulates a server restart: marks every live connection as broken, so that statement execution,
   * commit and rollback throw SQLException with SQLState 08006 and {@code isValid} returns {@code
   * false}. Connections opened afterwards are healthy.
   *
   * @return the number of connections broken
   */
  public int disconnectAll() {
    int n = 0;
    for (StubConnection connection : liveSet) {
      connection.markBroken();
      n++;
    }
    return n;
  }

  // ---- counters ----

  /**
   * Physical connections opened and not yet closed or aborted.
   *
   * @return the number of live connections
   */
  public int liveConnections() {
    return live.get();
  }

  /**
   * A snapshot of the live connections, ordered by id.
   *
   * @return the live connections
   */
  public List<StubConnection> liveConnectionsList() {
    List<StubConnection> list = new ArrayList<>(liveSet);
    list.sort((a, b) -> Long.compare(a.id(), b.id()));
    return list;
  }

  /**
   * Calls of {@link #connect()}, successful or not.
   *
   * @return the number of connect attempts
   */
  public long connectAttempts() {
    return connectAttempts.sum();
  }

  /**
   * Physical connections opened.
   *
   * @return the number of connections opened
   */
  public long openedTotal() {
    return opened.sum();
  }

  /**
   * Physical connections ended by {@code close()}.
   *
   * @return the number of connections closed
   */
  public long closedTotal() {
    return closed.sum();
  }

  /**
   * Physical connections ended by {@code abort(Executor)}.
   *
   * @return the number of connections aborted
   */
  public long abortedTotal() {
    return aborted.sum();
  }

  /**
   * Calls of {@code isValid} on open connections.
   *
   * @return the number of validations
   */
  public long validations() {
    return validations.sum();
  }

  // ---- hooks for StubConnection ----

  void connectionEnded(StubConnection connection, boolean byAbort) {
    liveSet.remove(connection);
    live.decrementAndGet();
    (byAbort ? aborted : closed).increment();
  }

  boolean validate(int timeoutSeconds) throws SQLException {
    validations.increment();
    if (validateFaults.isActive() && !validateFaults.applyWithin(sleeper, timeoutSeconds)) {
      return false;
    }
    return !validateReturnsFalse;
  }

  @Override
  public String toString() {
    return "StubDatabase[" + name + ", live=" + live.get() + ", opened=" + opened.sum() + "]";
  }
}
