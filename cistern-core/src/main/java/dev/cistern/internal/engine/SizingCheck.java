package dev.cistern.internal.engine;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.PgBouncerLimits;
import dev.cistern.internal.dialect.ServerLimits;
import dev.cistern.internal.pool.ListenerSet;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The sizing guard: on the engine's first connection it reads the server's connection limit (see
 * {@link dev.cistern.internal.dialect.Dialect#serverLimits}, or PgBouncer's through {@link
 * dev.cistern.internal.dialect.PgBouncerLimits}) and warns once, on {@code dev.cistern.engine},
 * when the most connections the engine may open exceed {@value #SHARE_PERCENT}% of what the server
 * accepts: a second instance of the application, or a rolling deploy, would then exhaust it.
 *
 * <p>It never fails a connection: a reading that fails (no privilege, an error) is logged at DEBUG
 * and the check skipped. It runs once per engine, as a pool listener that removes itself from the
 * engine's listener set after its first {@code firstConnect} (also after a {@code dispose()}), so
 * later connections and checkouts pay nothing for it.
 */
final class SizingCheck implements PoolListener {
  /**
   * The share of the server's available connections one engine may take before the guard warns, in
   * percent. Stated here only; the README's "Sizing and scaling out" quotes it.
   */
  static final int SHARE_PERCENT = 50;

  /** Reads the limits, given the engine's first connection (which it may ignore). */
  @FunctionalInterface
  interface LimitsReader {
    /** Returns the limits, or empty if there are none to check against. */
    Optional<ServerLimits> read(Connection first) throws SQLException;
  }

  /**
   * The most connections an engine may hold open at once.
   *
   * @param connections that number, or -1 when there is none (or nothing to check)
   * @param text how it comes about, e.g. {@code poolSize 5 + maxOverflow 10 = 15}
   * @param skip why there is nothing to check, or null when {@code connections} is set
   */
  record Bound(int connections, String text, String skip) {
    boolean unbounded() {
      return connections < 0 && skip == null;
    }
  }

  private final String engineName;
  private final Bound bound;
  private final LimitsReader reader;
  private final Logger log;
  private final ListenerSet owner;
  private final AtomicBoolean done = new AtomicBoolean();

  SizingCheck(String engineName, Bound bound, LimitsReader reader, Logger log, ListenerSet owner) {
    this.engineName = engineName;
    this.bound = Objects.requireNonNull(bound, "bound");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.log = Objects.requireNonNull(log, "log");
    this.owner = owner;
  }

  /**
   * Makes the check of an engine: it reads the limits on the first connection through {@code
   * dialect} or, when {@code behindPgBouncer}, from PgBouncer's admin console on a connection of
   * its own to the URL's first host and port, as the URL's user or the one {@code credentials}
   * gives (see {@link PgBouncerLimits#console}); it holds no reference to the engine's core.
   *
   * @param owner the listener set it is added to, and removes itself from after running
   */
  static SizingCheck create(
      EngineSettings settings,
      DatabaseUrl url,
      Dialect dialect,
      Supplier<Credentials> credentials,
      boolean behindPgBouncer,
      Logger log,
      ListenerSet owner) {
    Bound bound =
        bound(
            settings.poolClass(),
            settings.get(Option.POOL_SIZE),
            settings.get(Option.MAX_OVERFLOW));
    LimitsReader reader;
    if (behindPgBouncer) {
      String database = url.database().orElse(null);
      reader =
          first -> new PgBouncerLimits(PgBouncerLimits.console(url, credentials)).read(database);
    } else {
      reader = dialect::serverLimits;
    }
    return new SizingCheck(settings.name(), bound, reader, log, owner);
  }

  /**
   * Returns the bound of a pool: QUEUE holds at most {@code poolSize + maxOverflow} (none when
   * poolSize is 0 or maxOverflow -1); STATIC and ASSERTION one connection; NULL and
   * SINGLETON_THREAD are not checked, as their count follows the application's threads and not a
   * setting.
   */
  static Bound bound(PoolClass kind, int poolSize, int maxOverflow) {
    return switch (kind) {
      case QUEUE -> {
        if (poolSize == 0 || maxOverflow < 0) {
          yield new Bound(
              -1, poolSize == 0 ? "poolSize 0: no limit" : "maxOverflow -1: no limit", null);
        }
        long sum = (long) poolSize + maxOverflow; // both may be huge: no int overflow
        int n = (int) Math.min(Integer.MAX_VALUE, sum);
        yield new Bound(
            n, "poolSize " + poolSize + " + maxOverflow " + maxOverflow + " = " + sum, null);
      }
      case STATIC -> new Bound(1, "1 (poolClass STATIC shares one connection)", null);
      case ASSERTION -> new Bound(1, "1 (poolClass ASSERTION holds one connection)", null);
      case NULL ->
          new Bound(
              -1,
              "one per concurrent checkout",
              "poolClass NULL opens one connection per concurrent checkout: no setting bounds it");
      case SINGLETON_THREAD ->
          new Bound(
              -1,
              "one per thread",
              "poolClass SINGLETON_THREAD opens one connection per thread: no setting bounds it");
    };
  }

  /**
   * Returns true if {@code bound} connections exceed {@value #SHARE_PERCENT}% of {@code available};
   * an unbounded pool (-1) always does.
   */
  static boolean exceeds(int bound, int available) {
    return bound < 0 || (long) bound * 100 > (long) available * SHARE_PERCENT;
  }

  /** Returns {@code part} as a whole percentage of {@code whole}, rounded; 0 of 0 is 100. */
  static long percent(int part, int whole) {
    return whole <= 0 ? 100 : Math.round(part * 100.0 / whole);
  }

  @Override
  public void firstConnect(PoolEntry e) {
    run(e.raw());
  }

  /** Checks on {@code first}, then leaves the listener set. */
  void run(Connection first) {
    try {
      check(first);
    } finally {
      if (owner != null) {
        owner.remove(l -> l == this); // once per engine: later events cost nothing
      }
    }
  }

  /** Runs the check on the engine's first connection; a second call does nothing. */
  void check(Connection first) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    if (bound.skip() != null) {
      log.debug("engine '{}': sizing check skipped: {}", engineName, bound.skip());
      return;
    }
    Optional<ServerLimits> limits;
    try {
      limits = read(first);
    } catch (SQLException | RuntimeException ex) {
      log.debug(
          "engine '{}': sizing check skipped: cannot read the server's connection limit: {}",
          engineName,
          ex.toString());
      return;
    }
    if (limits.isEmpty()) {
      log.debug(
          "engine '{}': sizing check skipped: the server states no connection limit", engineName);
      return;
    }
    ServerLimits l = limits.get();
    int available = l.available();
    if (!exceeds(bound.connections(), available)) {
      log.debug(
          "engine '{}': sizing: {} of {} ({}%)",
          engineName, bound.text(), l.describe(), percent(bound.connections(), available));
      return;
    }
    String what =
        bound.unbounded()
            ? "any number of connections (" + bound.text() + "), more than"
            : "up to "
                + bound.text()
                + " connections, "
                + percent(bound.connections(), available)
                + "% of";
    log.warn(
        "engine '{}' may open {} the {} the server accepts ({}); more than {}% leaves no room for"
            + " another instance: N instances of this application open up to N x {}; lower"
            + " poolSize/maxOverflow or put PgBouncer in front: see README 'Sizing and scaling"
            + " out'",
        engineName,
        what,
        available,
        l.describe(),
        SHARE_PERCENT,
        bound.unbounded() ? "M" : bound.connections());
  }

  /**
   * Reads the limits; on a connection without autocommit the reading's transaction is rolled back,
   * so the connection reaches the pool as it was opened.
   */
  private Optional<ServerLimits> read(Connection first) throws SQLException {
    boolean rollback = first != null && !first.getAutoCommit();
    try {
      return reader.read(first);
    } finally {
      if (rollback) {
        first.rollback();
      }
    }
  }

  @Override
  public String toString() {
    return "SizingCheck[" + engineName + "]";
  }
}
