package dev.cistern;

import dev.cistern.internal.text.EditDistance;
import dev.cistern.internal.url.OptionValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every engine option, once: its name, type, default and description.
 *
 * <p>This one table drives URL query options ({@code ?poolSize=10}, also in SQLAlchemy's spelling
 * {@code ?pool_size=10}), {@link java.util.Properties} and environment configuration, the engine
 * builder, the command line's {@code --help} and the options table in the README, so they cannot
 * disagree. Durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, ISO-8601
 * ({@code PT30S}) or a bare number of seconds, as SQLAlchemy takes them.
 *
 * <p>Each option is a constant typed by its value, so the compiler checks what goes in and what
 * comes out: {@code engine.option(Option.POOL_SIZE)} is an {@link Integer}, and {@code
 * builder.option(Option.POOL_SIZE, "10")} does not compile. Text, as a URL, a properties file or a
 * command line writes it, goes in through {@link Engine.Builder#optionText} or {@link #parse}. The
 * constants are the only instances: compare them with {@code ==}; {@link #values()} lists them in
 * the order they are declared.
 *
 * @param <T> the type of the option's value
 */
public final class Option<T> {
  /** Every option in declaration order; filled by {@link #define} as the constants are made. */
  private static final List<Option<?>> ALL = new ArrayList<>();

  /**
   * The engine's name: in log lines and errors, the sessions' application name on the server, the
   * MBean's name and the pool tag of cistern-micrometer's meters.
   */
  public static final Option<String> NAME =
      define(
          "name",
          String.class,
          null,
          "Engine name: in log lines and errors, as the sessions' application name on the server"
              + " (PostgreSQL application_name, MariaDB/MySQL program_name), in the registerMbeans"
              + " MBean's name and as the pool tag of cistern-micrometer's meters; engine-1,"
              + " engine-2, ... if unset.",
          "logging_name");

  /** Connections kept in the pool. */
  public static final Option<Integer> POOL_SIZE =
      define("poolSize", Integer.class, 5, "Connections kept in the pool; 0 means no limit.");

  /** Extra connections allowed beyond {@link #POOL_SIZE}. */
  public static final Option<Integer> MAX_OVERFLOW =
      define(
          "maxOverflow",
          Integer.class,
          10,
          "Extra connections allowed beyond poolSize under load; one coming back is closed only when"
              + " poolSize connections are idle already; -1 means unlimited.");

  /** How long a borrower waits for a connection. */
  public static final Option<Duration> POOL_TIMEOUT =
      define(
          "poolTimeout",
          Duration.class,
          Duration.ofSeconds(30),
          "How long connect() may take in all (waiting, opening, pre-ping) before PoolTimeoutException;"
              + " 0 (or -1) never waits for a busy pool but still waits for a connection it may open"
              + " below the maximum.");

  /** Idle connections kept open, filled in the background. */
  public static final Option<Integer> MIN_IDLE =
      define(
          "minIdle",
          Integer.class,
          0,
          "Idle connections kept open, opened in the background (warm-up).");

  /**
   * The order idle connections are handed out in: unset (the default), a thread first gets back the
   * connection it returned last; {@code true}, strictly the most recently returned first (LIFO);
   * {@code false}, strictly the least recently returned first (FIFO).
   */
  public static final Option<Boolean> POOL_USE_LIFO =
      define(
          "poolUseLifo",
          Boolean.class,
          null,
          "true: most recently returned connection first (LIFO); false: least recently returned first"
              + " (FIFO), so every connection is used; unset: a thread first gets back the connection"
              + " it returned last (fastest).");

  /** What to do with an open transaction when a connection comes back. */
  public static final Option<ResetOnReturn> POOL_RESET_ON_RETURN =
      define(
          "poolResetOnReturn",
          ResetOnReturn.class,
          ResetOnReturn.ROLLBACK,
          "What to do with an open transaction on return: ROLLBACK, COMMIT or NONE.");

  /** Test each connection at checkout. */
  public static final Option<Boolean> POOL_PRE_PING =
      define(
          "poolPrePing",
          Boolean.class,
          false,
          "Test a connection's liveness at checkout and replace it transparently if dead.");

  /** Maximum age of a connection. */
  public static final Option<Duration> POOL_RECYCLE =
      define(
          "poolRecycle",
          Duration.class,
          Duration.ZERO,
          "Replace connections older than this (with a small random spread); 0 or -1 means never.");

  /** How long a connection above {@link #MIN_IDLE} may stay idle. */
  public static final Option<Duration> IDLE_TIMEOUT =
      define(
          "idleTimeout",
          Duration.class,
          Duration.ofMinutes(10),
          "Close connections idle longer than this while more than minIdle are idle; 0 means never.");

  /** How often idle connections are pinged. */
  public static final Option<Duration> KEEPALIVE =
      define(
          "keepalive",
          Duration.class,
          Duration.ZERO,
          "Ping idle connections this often to keep proxies and firewalls from dropping them; 0 means off.");

  /** Retire a connection after this many checkouts. */
  public static final Option<Long> MAX_USES =
      define(
          "maxUses",
          Long.class,
          0L,
          "Retire a connection after this many checkouts; 0 means unlimited.");

  /** Upper bound for one liveness test. */
  public static final Option<Duration> VALIDATION_TIMEOUT =
      define(
          "validationTimeout",
          Duration.class,
          Duration.ofSeconds(5),
          "Upper bound for one liveness test (pre-ping, keepalive).");

  /** Report connections held longer than this. */
  public static final Option<Duration> LEAK_DETECTION_THRESHOLD =
      define(
          "leakDetectionThreshold",
          Duration.class,
          Duration.ZERO,
          "Report a connection held longer than this, with the stack that borrowed it; 0 means off.");

  /** Reclaim connections dropped without close once the garbage collector finds them. */
  public static final Option<Boolean> RECLAIM_LEAKS =
      define(
          "reclaimLeaks",
          Boolean.class,
          true,
          "Close and free the slot of a connection dropped without close() once the garbage collector"
              + " finds it (looked for among borrows held over 0.5 s; no record per checkout, but the"
              + " connection object always goes to the heap; false lets one that never leaves its"
              + " method allocate nothing).");

  /** Ask the server about a call that has waited this long for its answer. */
  public static final Option<Duration> LOST_REQUEST_CHECK =
      define(
          "lostRequestCheck",
          Duration.class,
          Duration.ZERO,
          "When a statement, commit or rollback has waited this long for the server's answer, ask"
              + " the server on a connection of its own whether that session is at work; one the"
              + " server shows idle or does not know lost the request (a failover, a network that"
              + " drops packets): it is aborted at once instead of at its socket timeout, and older"
              + " connections are replaced. PostgreSQL and MariaDB, not behind PgBouncer's"
              + " transaction pooling; 0 means off.");

  /** Abort a connection borrowed longer than this (DBCP's {@code removeAbandoned}). */
  public static final Option<Duration> ABANDON_TIMEOUT =
      define(
          "abandonTimeout",
          Duration.class,
          Duration.ZERO,
          "Abort a connection borrowed longer than this and free its slot, so connections that are"
              + " never closed cannot run the pool dry while no garbage collection runs; the"
              + " borrower's next call fails with SQLState 08003. Set it above the longest"
              + " legitimate hold. Not for poolClass STATIC or SINGLETON_THREAD; 0 means off.");

  /** Register a JMX bean for the engine. */
  public static final Option<Boolean> REGISTER_MBEANS =
      define(
          "registerMbeans",
          Boolean.class,
          false,
          "Register an EngineMXBean (pool counts; suspend, resume, softEvict, dispose) on the"
              + " platform MBean server as dev.cistern:type=Engine,name=<name>; unregistered at"
              + " close. Engine names must then be distinct.");

  /** The kind of pool. */
  public static final Option<PoolClass> POOL_CLASS =
      define(
          "poolClass",
          PoolClass.class,
          PoolClass.QUEUE,
          "Pool kind: QUEUE, NULL, STATIC, SINGLETON_THREAD or ASSERTION.",
          "poolclass");

  /** PgBouncer's pool mode between the engine and PostgreSQL. */
  public static final Option<PgBouncerMode> PGBOUNCER =
      define(
          "pgbouncer",
          PgBouncerMode.class,
          PgBouncerMode.NONE,
          "PostgreSQL through PgBouncer: NONE, SESSION or TRANSACTION (no server-side prepared"
              + " statements, isolation set per transaction, session commands refused).");

  /** Open one connection when the engine is built and fail there if it cannot. */
  public static final Option<Boolean> FAIL_FAST =
      define(
          "failFast",
          Boolean.class,
          false,
          "Open one connection when the engine is built, and fail then if the database cannot be reached.");

  /** Log every statement. */
  public static final Option<Boolean> ECHO =
      define(
          "echo",
          Boolean.class,
          false,
          "Log each statement, its parameters and elapsed time through SLF4J.");

  /** Log pool events. */
  public static final Option<Boolean> ECHO_POOL =
      define(
          "echoPool",
          Boolean.class,
          false,
          "Log pool events (checkouts, invalidations, recycling) through SLF4J.");

  /** Keep parameter values out of logs and errors. */
  public static final Option<Boolean> HIDE_PARAMETERS =
      define(
          "hideParameters",
          Boolean.class,
          false,
          "Keep parameter values out of log lines and exception messages.");

  /** Isolation level for every connection. */
  public static final Option<IsolationLevel> ISOLATION_LEVEL =
      define(
          "isolationLevel",
          IsolationLevel.class,
          null,
          "Isolation level for every connection (READ_COMMITTED, SERIALIZABLE, AUTOCOMMIT, ...); unset keeps the driver's.");

  /** Open connections read-only. */
  public static final Option<Boolean> READ_ONLY =
      define("readOnly", Boolean.class, false, "Mark every connection read-only.");

  /** Statement timeout. */
  public static final Option<Duration> STATEMENT_TIMEOUT =
      define(
          "statementTimeout",
          Duration.class,
          Duration.ZERO,
          "Cancel a statement running longer than this; 0 means no limit (so does anything over 24"
              + " days, the most a driver can be told).");

  /** Rows fetched per round trip. */
  public static final Option<Integer> FETCH_SIZE =
      define(
          "fetchSize",
          Integer.class,
          0,
          "Rows fetched per round trip when streaming; 0 keeps the driver's default.");

  /** Retries of a transaction that failed on a serialization failure or deadlock. */
  public static final Option<Integer> TRANSACTION_RETRIES =
      define(
          "transactionRetries",
          Integer.class,
          0,
          "How often inTransaction(fn) and useTransaction(fn) retry after a serialization failure or"
              + " deadlock.");

  /** Back-off between transaction retries. */
  public static final Option<Duration> TRANSACTION_RETRY_BACKOFF =
      define(
          "transactionRetryBackoff",
          Duration.class,
          Duration.ofMillis(50),
          "First back-off between transaction retries; doubles each time, with jitter; at most 1h.");

  /** Rows per batch in executeMany. */
  public static final Option<Integer> BATCH_SIZE =
      define(
          "batchSize",
          Integer.class,
          1000,
          "Rows per JDBC batch (or multi-row INSERT) in executeMany.");

  /** Grace period of {@code close()} without an argument. */
  public static final Option<Duration> CLOSE_GRACE =
      define(
          "closeGrace",
          Duration.class,
          Duration.ofSeconds(10),
          "How long close() and the shutdown hook wait for borrowed connections before aborting them.");

  /** Close the engine when the JVM exits. */
  public static final Option<Boolean> SHUTDOWN_HOOK =
      define(
          "shutdownHook",
          Boolean.class,
          true,
          "Close the engine from a JVM shutdown hook if it is still open when the JVM exits.");

  private static final List<Option<?>> VALUES = List.copyOf(ALL);
  private static final Map<String, Option<?>> BY_NAME;
  private static final Map<String, Option<?>> BY_CONSTANT_NAME;

  static {
    Map<String, Option<?>> m = new LinkedHashMap<>();
    Map<String, Option<?>> c = new LinkedHashMap<>();
    for (Option<?> o : VALUES) {
      for (String n : o.names) {
        m.put(n, o);
      }
      c.put(o.name, o);
    }
    BY_NAME = Collections.unmodifiableMap(m);
    BY_CONSTANT_NAME = Collections.unmodifiableMap(c);
  }

  private final String key;
  private final Class<T> type;
  private final T defaultValue;
  private final String description;
  private final List<String> names;
  private final String snakeName;
  private final String name;

  private Option(String key, Class<T> type, T defaultValue, String description, String... aliases) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    this.snakeName = snake;
    this.name = snake.toUpperCase(Locale.ROOT);
    List<String> all = new ArrayList<>();
    all.add(key);
    if (!snake.equals(key)) {
      all.add(snake);
    }
    all.addAll(List.of(aliases));
    this.names = List.copyOf(all);
  }

  /** Makes an option and adds it to the table; only the constants above call it. */
  private static <T> Option<T> define(
      String key, Class<T> type, T defaultValue, String description, String... aliases) {
    Option<T> o = new Option<>(key, type, defaultValue, description, aliases);
    ALL.add(o);
    return o;
  }

  /**
   * Returns every option, in the order they are declared (and documented).
   *
   * @return every option, unmodifiable
   */
  public static List<Option<?>> values() {
    return VALUES;
  }

  /**
   * Returns the option whose constant is named {@code name}, e.g. {@code POOL_SIZE}.
   *
   * @param name the constant's name, e.g. {@code POOL_SIZE}
   * @return the option
   * @throws IllegalArgumentException if no option has that constant name
   */
  public static Option<?> valueOf(String name) {
    Option<?> o = BY_CONSTANT_NAME.get(name);
    if (o == null) {
      throw new IllegalArgumentException("no option constant named " + name);
    }
    return o;
  }

  /**
   * Returns the name of the option's constant, e.g. {@code POOL_SIZE}.
   *
   * @return the constant's name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the option's name as written in URLs and properties, e.g. {@code poolSize}.
   *
   * @return the option's key
   */
  public String key() {
    return key;
  }

  /**
   * Returns every name the option is recognised by: its key, SQLAlchemy's spelling and aliases.
   *
   * @return the option's names, its key first
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the Java type of the option's value.
   *
   * @return the value's class
   */
  public Class<T> type() {
    return type;
  }

  /**
   * Returns the value's type as a reader knows it: {@code int}, {@code duration}, {@code boolean},
   * {@code enum} or {@code text}; the words of the README's options table and the CLI's help.
   *
   * @return the type's name, one word
   */
  public String typeName() {
    if (type == Integer.class || type == Long.class) {
      return "int";
    }
    if (type == Duration.class) {
      return "duration";
    }
    if (type == Boolean.class) {
      return "boolean";
    }
    return type.isEnum() ? "enum" : "text";
  }

  /**
   * Returns the default value, or {@code null} where the default is "not set".
   *
   * @return the default value, or {@code null}
   */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * Returns a one-sentence description.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Returns the name of the environment variable for this option, e.g. {@code CISTERN_POOL_SIZE}.
   *
   * @return the environment variable's name
   */
  public String environmentVariable() {
    return "CISTERN_" + name;
  }

  /**
   * Parses a value written as text into this option's type.
   *
   * @param text the value as text, such as {@code 5s}, {@code 10} or {@code true}
   * @return the parsed value
   * @throws IllegalArgumentException naming the option, the bad value and the expected form
   */
  public T parse(String text) {
    return type.cast(OptionValues.parse(this, text));
  }

  /**
   * Checks that a value is in this option's range and returns it (a duration longer than about 292
   * years comes back as the longest one, "as long as it takes").
   *
   * @param value the value to check
   * @return the value, or the longest duration for one longer than that
   * @throws IllegalArgumentException naming the option and the bad value
   */
  public T validate(T value) {
    return type.cast(OptionValues.validate(this, value));
  }

  /**
   * Returns the default value written as text, as it appears in the docs.
   *
   * @return the default as text
   */
  public String defaultText() {
    return OptionValues.format(defaultValue);
  }

  /**
   * Returns the option a mistyped name most likely meant, for a "did you mean" hint: the one with a
   * name nearest to {@code name} (case and underscores ignored), if it is within a few edits
   * ({@code max(2, length / 3)}); empty if none is that close.
   *
   * @param name the name as written, possibly mistyped
   * @return the closest option, or empty if none is close enough
   */
  public static Optional<Option<?>> closest(String name) {
    String wanted = name.toLowerCase(Locale.ROOT).replace("_", "");
    int limit = Math.max(2, wanted.length() / 3);
    Option<?> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Option<?> o : VALUES) {
      for (String n : o.names) {
        int d = EditDistance.between(wanted, n.toLowerCase(Locale.ROOT).replace("_", ""));
        if (d < bestDistance) {
          bestDistance = d;
          best = o;
        }
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * Finds an option by any of its names ({@code poolSize}, {@code pool_size}).
   *
   * @param name any of the option's names
   * @return the option, or empty if no option has that name
   */
  public static Optional<Option<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Returns the constant's name, e.g. {@code POOL_SIZE}, as an enum constant would. */
  @Override
  public String toString() {
    return name;
  }
}
