package dev.cistern.internal.engine;

import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import dev.cistern.PgBouncerMode;
import dev.cistern.PoolClass;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.NetworkTimeouts;
import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolHealth;
import dev.cistern.internal.sql.SqlSettings;
import dev.cistern.internal.url.OptionValues;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine's options, typed, with defaults filled in, and turned into pool settings. */
public final class EngineSettings {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Map<Option<?>, Object> values;
  private final String name;

  /** Checks every value against its option and fills in the defaults. */
  public EngineSettings(Map<Option<?>, Object> given) {
    Map<Option<?>, Object> v = new IdentityHashMap<>();
    for (Option<?> o : Option.values()) {
      Object x = given.containsKey(o) ? OptionValues.validate(o, given.get(o)) : o.defaultValue();
      if (x != null) {
        v.put(o, x);
      }
    }
    this.values = v;
    checkAbandonTimeout();
    String n = get(Option.NAME);
    this.name = n != null ? n : "engine-" + NAMES.incrementAndGet();
  }

  /**
   * Refuses {@code abandonTimeout} with a pool kind whose one connection several borrowers share at
   * once: aborting it for one borrower would break the others.
   */
  private void checkAbandonTimeout() {
    Duration abandon = get(Option.ABANDON_TIMEOUT);
    PoolClass kind = get(Option.POOL_CLASS);
    if (abandon != null
        && !abandon.isZero()
        && (kind == PoolClass.STATIC || kind == PoolClass.SINGLETON_THREAD)) {
      throw new IllegalArgumentException(
          "abandonTimeout="
              + OptionValues.format(abandon)
              + " cannot be used with poolClass="
              + kind
              + ": its connection is shared by several borrowers, and aborting it for one would"
              + " break the others; use poolClass=QUEUE, or leave abandonTimeout at 0 (off)");
    }
  }

  /** Returns the engine's name: the {@code name} option, else {@code engine-<n>}. */
  public String name() {
    return name;
  }

  /** Returns an option's value (its default if not given), or null if it has none. */
  public <T> T get(Option<T> o) {
    return o.type().cast(values.get(o));
  }

  /** Returns an int option. */
  public int integer(Option<Integer> o) {
    return get(o);
  }

  /** Returns a boolean option. */
  public boolean flag(Option<Boolean> o) {
    return Boolean.TRUE.equals(get(o));
  }

  /** Returns a duration option. */
  public Duration duration(Option<Duration> o) {
    return get(o);
  }

  /** Returns the kind of pool. */
  public PoolClass poolClass() {
    return get(Option.POOL_CLASS);
  }

  /** Returns the isolation level every connection gets, or null to keep the driver's. */
  public IsolationLevel isolationLevel() {
    return get(Option.ISOLATION_LEVEL);
  }

  /**
   * Returns the network bounds a networked dialect gives its driver where the URL sets none: see
   * {@link NetworkTimeouts#forEngine}.
   */
  public NetworkTimeouts networkTimeouts() {
    return NetworkTimeouts.forEngine(
        duration(Option.POOL_TIMEOUT), duration(Option.STATEMENT_TIMEOUT));
  }

  /** Returns the settings for running SQL these options and the dialect describe. */
  public SqlSettings sqlSettings(Dialect dialect) {
    String d = dialect.name();
    return new SqlSettings(
        name,
        d,
        dialect.sqlSyntax(),
        flag(Option.ECHO),
        flag(Option.HIDE_PARAMETERS),
        duration(Option.STATEMENT_TIMEOUT),
        integer(Option.FETCH_SIZE),
        integer(Option.BATCH_SIZE),
        dialect.maxBindParameters(),
        dialect.supportsMultiRowInsert(),
        isolationLevel() == IsolationLevel.AUTOCOMMIT,
        d.equals("postgresql") || d.equals("h2") || d.equals("hsqldb"),
        d.equals("sqlite"),
        c -> c instanceof ProxyConnection p && p.isInvalidated(),
        get(Option.PGBOUNCER) == PgBouncerMode.TRANSACTION);
  }

  /**
   * Returns the order idle connections are handed out in: strict LIFO or FIFO when {@code
   * poolUseLifo} is set, the thread-affinity default when it is not.
   */
  public PoolConfig.Order order() {
    Boolean lifo = get(Option.POOL_USE_LIFO);
    return lifo == null ? PoolConfig.Order.AFFINITY : PoolConfig.Order.of(lifo);
  }

  /** Returns the pool settings these options describe. */
  public PoolConfig poolConfig() {
    PoolHealth health =
        new PoolHealth(
            flag(Option.POOL_PRE_PING),
            duration(Option.VALIDATION_TIMEOUT),
            duration(Option.POOL_RECYCLE),
            duration(Option.IDLE_TIMEOUT),
            duration(Option.KEEPALIVE),
            get(Option.MAX_USES));
    return new PoolConfig(
        name,
        integer(Option.POOL_SIZE),
        integer(Option.MAX_OVERFLOW),
        duration(Option.POOL_TIMEOUT),
        integer(Option.MIN_IDLE),
        order(),
        get(Option.POOL_RESET_ON_RETURN),
        health);
  }
}
