package dev.cistern.micrometer;

import dev.cistern.ConnectionEvent;
import dev.cistern.Engine;
import dev.cistern.EngineListener;
import dev.cistern.LeakEvent;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * Publishes an engine's pool to a Micrometer {@link MeterRegistry}, with OpenTelemetry's database
 * client connection metric names ({@code db.client.connection.*}, tagged {@code
 * db.client.connection.pool.name}) or, with {@link #hikariNames}, HikariCP's ({@code
 * hikaricp.connections.*}, tagged {@code pool}).
 *
 * <pre>{@code
 * new CisternMetrics(engine).bindTo(registry);
 * }</pre>
 *
 * <p>The gauges read {@link Engine#status()} when the registry asks. The timers and counters are
 * fed by a listener that {@link #bindTo} adds to the engine ({@link Engine#addListener}) and the
 * last {@link #unbind} removes: they count from the first bind on. While it is bound, a borrow
 * costs two clock reads more (the engine measures the wait only while some listener is registered),
 * the checkout and checkin events and one {@link Timer#record} per timer and registry; nothing is
 * allocated per borrow but the events' small records. The meters stay registered after the engine
 * is closed (the gauges then read 0); {@link #unbind} removes them.
 */
public final class CisternMetrics implements MeterBinder {
  /** OpenTelemetry's tag naming the pool. */
  public static final String OTEL_POOL_TAG = "db.client.connection.pool.name";

  /** OpenTelemetry's tag on {@code db.client.connection.count}: {@code idle} or {@code used}. */
  public static final String OTEL_STATE_TAG = "db.client.connection.state";

  /** HikariCP's tag naming the pool. */
  public static final String HIKARI_POOL_TAG = "pool";

  private final Engine engine;
  private final Events events;
  private final boolean hikari;
  private final List<Registered> registered = new CopyOnWriteArrayList<>();
  private boolean listening;

  private record Registered(MeterRegistry registry, Meter meter) {}

  /**
   * Publishes the engine's pool with OpenTelemetry's names.
   *
   * @param engine the engine whose pool to publish
   */
  public CisternMetrics(Engine engine) {
    this(engine, false);
  }

  private CisternMetrics(Engine engine, boolean hikari) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.events = new Events(engine.name());
    this.hikari = hikari;
  }

  /**
   * Publishes the engine's pool with HikariCP's meter names (see the class comment).
   *
   * @param engine the engine whose pool to publish
   * @return a binder that registers HikariCP's meter names
   */
  public static CisternMetrics hikariNames(Engine engine) {
    return new CisternMetrics(engine, true);
  }

  /**
   * Returns the engine listener feeding the timers and counters (for tests and diagnostics).
   *
   * @return the listener registered on the engine
   */
  public Events events() {
    return events;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    String name = engine.name();
    Tags tags = Tags.of(hikari ? HIKARI_POOL_TAG : OTEL_POOL_TAG, name);
    PoolStatus first = engine.status();
    boolean nullPool = engine.option(Option.POOL_CLASS) == PoolClass.NULL;
    // the limits are fixed when the engine is built; an unlimited one is not published
    int maxIdle = nullPool ? 0 : first.poolSize();
    boolean maxIdleBounded = nullPool || first.poolSize() > 0;
    boolean maxBounded = !nullPool && first.poolSize() > 0 && first.maxOverflow() >= 0;
    int max = first.poolSize() + Math.max(0, first.maxOverflow());
    Integer minIdleOption = engine.option(Option.MIN_IDLE);
    int minIdle = nullPool || minIdleOption == null ? 0 : minIdleOption;

    if (hikari) {
      gauge(registry, "hikaricp.connections", tags, "Open connections", PoolStatus::size);
      gauge(registry, "hikaricp.connections.idle", tags, "Idle connections", PoolStatus::idle);
      gauge(registry, "hikaricp.connections.active", tags, "Borrowed connections", s -> s.inUse());
      gauge(
          registry,
          "hikaricp.connections.pending",
          tags,
          "Borrowers waiting for a connection",
          PoolStatus::waiting);
      if (maxBounded) {
        constant(registry, "hikaricp.connections.max", tags, "Maximum connections", max, null);
      }
      constant(
          registry, "hikaricp.connections.min", tags, "Minimum idle connections", minIdle, null);
      counter(
          registry,
          "hikaricp.connections.timeout",
          tags,
          "Borrows that timed out",
          events.timeouts,
          null);
    } else {
      String conn = "{connection}";
      registered(
          registry,
          Gauge.builder("db.client.connection.count", () -> engine.status().idle())
              .tags(tags)
              .tag(OTEL_STATE_TAG, "idle")
              .description("Connections open and idle")
              .baseUnit(conn)
              .register(registry));
      registered(
          registry,
          Gauge.builder("db.client.connection.count", () -> engine.status().inUse())
              .tags(tags)
              .tag(OTEL_STATE_TAG, "used")
              .description("Connections borrowed")
              .baseUnit(conn)
              .register(registry));
      if (maxIdleBounded) {
        constant(
            registry,
            "db.client.connection.idle.max",
            tags,
            "Maximum idle connections kept (poolSize)",
            maxIdle,
            conn);
      }
      constant(
          registry,
          "db.client.connection.idle.min",
          tags,
          "Idle connections kept open (minIdle)",
          minIdle,
          conn);
      if (maxBounded) {
        constant(
            registry,
            "db.client.connection.max",
            tags,
            "Maximum open connections (poolSize + maxOverflow)",
            max,
            conn);
      }
      registered(
          registry,
          Gauge.builder("db.client.connection.pending_requests", () -> engine.status().waiting())
              .tags(tags)
              .description("Borrowers waiting for a connection")
              .baseUnit("{request}")
              .register(registry));
      counter(
          registry,
          "db.client.connection.timeouts",
          tags,
          "Borrows that timed out waiting for a connection",
          events.timeouts,
          "{timeout}");
    }

    String conn = "{connection}";
    counter(
        registry, "cistern.connections.created", tags, "Connections opened", events.created, conn);
    counter(
        registry,
        "cistern.connections.create_errors",
        tags,
        "Attempts to open a connection that failed",
        events.createErrors,
        "{attempt}");
    counter(
        registry, "cistern.connections.closed", tags, "Connections closed", events.closed, conn);
    counter(
        registry,
        "cistern.connections.invalidated",
        tags,
        "Connections invalidated (discarded as broken or refused)",
        events.invalidated,
        conn);
    counter(
        registry,
        "cistern.pool.soft_invalidations",
        tags,
        "Times every connection of the pool was marked stale",
        events.softInvalidations,
        "{event}");
    counter(
        registry,
        "cistern.connections.leaked",
        tags,
        "Borrows held past leakDetectionThreshold",
        events.leaked,
        conn);
    counter(
        registry,
        "cistern.connections.reclaimed",
        tags,
        "Connections dropped without close, reclaimed by the engine",
        events.reclaimed,
        conn);
    counter(
        registry,
        "cistern.connections.abandoned",
        tags,
        "Connections held past abandonTimeout, aborted by the engine",
        events.abandoned,
        conn);
    timer(
        registry,
        hikari ? "hikaricp.connections.creation" : "db.client.connection.create_time",
        tags,
        "Time to open a new connection",
        events.createTimers);
    timer(
        registry,
        hikari ? "hikaricp.connections.acquire" : "db.client.connection.wait_time",
        tags,
        "Time a borrower took to obtain a connection from the pool",
        events.waitTimers);
    timer(
        registry,
        hikari ? "hikaricp.connections.usage" : "db.client.connection.use_time",
        tags,
        "Time from a connection's checkout to its checkin",
        events.useTimers);
    synchronized (this) {
      if (!listening) {
        engine.addListener(events);
        listening = true;
      }
    }
  }

  /**
   * Removes from {@code registry} every meter this binder registered there, and stops feeding its
   * timers; after the last registry, removes the binder's listener from the engine.
   *
   * @param registry a registry this binder was bound to
   */
  public void unbind(MeterRegistry registry) {
    for (Registered r : registered) {
      if (r.registry() == registry) {
        registered.remove(r);
        registry.remove(r.meter());
        if (r.meter() instanceof Timer t) {
          events.createTimers.remove(t);
          events.waitTimers.remove(t);
          events.useTimers.remove(t);
        }
      }
    }
    synchronized (this) {
      if (listening && registered.isEmpty()) {
        engine.removeListener(events);
        listening = false;
      }
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      ToIntFunction<PoolStatus> value) {
    registered(
        registry,
        Gauge.builder(name, () -> value.applyAsInt(engine.status()))
            .tags(tags)
            .description(description)
            .register(registry));
  }

  private void constant(
      MeterRegistry registry, String name, Tags tags, String description, int value, String unit) {
    Integer boxed = value;
    registered(
        registry,
        Gauge.builder(name, () -> boxed)
            .tags(tags)
            .description(description)
            .baseUnit(unit)
            .register(registry));
  }

  private void counter(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      LongAdder count,
      String unit) {
    registered(
        registry,
        FunctionCounter.builder(name, count, LongAdder::doubleValue)
            .tags(tags)
            .description(description)
            .baseUnit(unit)
            .register(registry));
  }

  private void timer(
      MeterRegistry registry, String name, Tags tags, String description, List<Timer> feed) {
    Timer t = Timer.builder(name).tags(tags).description(description).register(registry);
    registered(registry, t);
    if (!feed.contains(t)) {
      feed.add(t);
    }
  }

  private void registered(MeterRegistry registry, Meter meter) {
    registered.add(new Registered(registry, meter));
  }

  /**
   * The engine listener that feeds one binder's counters and timers; {@link CisternMetrics#bindTo}
   * adds it to the engine.
   *
   * <p>Per event: {@code connect}, {@code close}, {@code closeDetached}, {@code invalidate}, {@code
   * softInvalidate}, {@code acquireTimeout}, {@code leak} and a failed {@code connectAttempt} add
   * to a {@link LongAdder}; a successful {@code connectAttempt} and {@code acquired} record their
   * time. A use is timed from {@code checkout} to {@code checkin} with a map lookup, an uncontended
   * lock and a {@link System#nanoTime()} at each end; a connection's record is made once, at its
   * first checkout. A use ends at its checkin, or when its connection is invalidated, detached or
   * closed while borrowed. A {@code STATIC} pool's shared connection counts one use from its first
   * holder's checkout to its last holder's checkin.
   */
  public static final class Events implements EngineListener {
    private final String engineName;
    private final LongAdder created = new LongAdder();
    private final LongAdder createErrors = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder softInvalidations = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leaked = new LongAdder();
    private final LongAdder reclaimed = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    // keyed by the driver's connection (drivers keep Object's identity equals): connection ids
    // start again from 1 in the fresh pool of a dispose(), while the old pool's may still be out
    private final ConcurrentHashMap<Connection, Use> uses = new ConcurrentHashMap<>();
    private final List<Timer> createTimers = new CopyOnWriteArrayList<>();
    private final List<Timer> waitTimers = new CopyOnWriteArrayList<>();
    private final List<Timer> useTimers = new CopyOnWriteArrayList<>();

    private Events(String engineName) {
      this.engineName = engineName;
    }

    /**
     * Returns the connections opened so far.
     *
     * @return the number of connections opened
     */
    public long created() {
      return created.sum();
    }

    /**
     * Returns the connections closed so far (detached ones closed by their borrower included).
     *
     * @return the number of connections closed
     */
    public long closed() {
      return closed.sum();
    }

    /**
     * Returns the connections invalidated so far.
     *
     * @return the number of connections invalidated
     */
    public long invalidated() {
      return invalidated.sum();
    }

    /**
     * Returns how many times every connection of the pool was marked stale.
     *
     * @return the number of soft invalidations of the whole pool
     */
    public long softInvalidations() {
      return softInvalidations.sum();
    }

    /**
     * Returns the borrows that timed out so far.
     *
     * @return the number of borrows that timed out
     */
    public long timeouts() {
      return timeouts.sum();
    }

    /** Returns the connections currently tracked for use time (for tests). */
    int tracked() {
      return uses.size();
    }

    @Override
    public void connect(ConnectionEvent e) {
      created.increment();
    }

    @Override
    public void connectAttempt(String engine, long elapsedNanos, Throwable failure) {
      if (failure != null) {
        createErrors.increment();
      } else {
        record(createTimers, elapsedNanos);
      }
    }

    @Override
    public void acquired(ConnectionEvent e, long waitNanos) {
      record(waitTimers, waitNanos);
    }

    @Override
    public void acquireTimeout(String engine, PoolTimeoutException e) {
      timeouts.increment();
    }

    @Override
    public void leak(LeakEvent e) {
      switch (e.kind()) {
        case HELD_TOO_LONG -> leaked.increment();
        case RECLAIMED -> reclaimed.increment();
        case ABANDONED -> abandoned.increment();
      }
    }

    @Override
    public void checkout(ConnectionEvent e) {
      Connection c = e.connection();
      if (c == null) {
        return;
      }
      Use u = uses.get(c);
      if (u == null) {
        u = uses.computeIfAbsent(c, k -> new Use());
      }
      u.begin(System.nanoTime());
    }

    @Override
    public void checkin(ConnectionEvent e) {
      Connection c = e.connection();
      if (c == null) {
        return; // its reset failed: the invalidation before this ended the use
      }
      Use u = uses.get(c);
      if (u != null) {
        record(useTimers, u.end(System.nanoTime()));
      }
    }

    @Override
    public void invalidate(ConnectionEvent e, Throwable cause) {
      invalidated.increment();
      forget(e);
    }

    @Override
    public void softInvalidate(String engine, Throwable cause) {
      softInvalidations.increment();
    }

    @Override
    public void close(ConnectionEvent e) {
      closed.increment();
      forget(e);
    }

    @Override
    public void detach(ConnectionEvent e) {
      forget(e);
    }

    @Override
    public void closeDetached(ConnectionEvent e) {
      closed.increment();
    }

    @Override
    public void disposed(String engine) {
      // dispose(false) drops a pool without closing its connections: forget those not borrowed
      uses.values().removeIf(Use::idle);
    }

    private void forget(ConnectionEvent e) {
      Connection c = e.connection();
      if (c != null) {
        Use u = uses.remove(c);
        if (u != null) {
          record(useTimers, u.endAll(System.nanoTime()));
        }
      }
    }

    private static void record(List<Timer> timers, long nanos) {
      if (nanos >= 0) {
        for (Timer t : timers) {
          t.record(nanos, TimeUnit.NANOSECONDS);
        }
      }
    }

    @Override
    public String toString() {
      return "CisternMetrics.Events for engine '" + engineName + "'";
    }
  }

  /** One physical connection's current borrow. */
  private static final class Use {
    private int holders;
    private long start;

    synchronized void begin(long now) {
      if (holders++ == 0) {
        start = now;
      }
    }

    /** Returns the use's length if this was its last holder, else -1. */
    synchronized long end(long now) {
      if (holders == 0) {
        return -1;
      }
      return --holders == 0 ? now - start : -1;
    }

    /** Ends the use under every holder: returns its length, or -1 if it was not borrowed. */
    synchronized long endAll(long now) {
      if (holders == 0) {
        return -1;
      }
      holders = 0;
      return now - start;
    }

    synchronized boolean idle() {
      return holders == 0;
    }
  }
}
