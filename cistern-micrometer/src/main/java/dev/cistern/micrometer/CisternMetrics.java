package dev.cistern.micrometer;

import dev.cistern.ConnectionEvent;
import dev.cistern.Engine;
import dev.cistern.EngineListener;
import dev.cistern.Option;
import dev.cistern.PoolClass;
import dev.cistern.PoolStatus;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * Publishes an engine's pool to a Micrometer {@link MeterRegistry}, with OpenTelemetry's database
 * client connection metric names ({@code db.client.connection.*}, tagged {@code
 * db.client.connection.pool.name}) or, with {@link #hikariNames}, HikariCP's ({@code
 * hikaricp.connections.*}, tagged {@code pool}).
 *
 * <p>The gauges read {@link Engine#status()} when the registry asks. The counters and the use-time
 * timer need the engine's pool events, and an engine takes its listeners when it is built: make
 * {@link #listener()} first and hand it to the builder.
 *
 * <pre>{@code
 * CisternMetrics.Events events = CisternMetrics.listener();
 * Engine engine = Engine.builder(url).listener(events).build();
 * new CisternMetrics(engine, events).bindTo(registry);
 * }</pre>
 *
 * <p>Without events ({@link #CisternMetrics(Engine)}, e.g. for an engine that a {@code
 * CisternDataSource} built), only the gauges are published. The meters stay registered after the
 * engine is closed (they then read 0); {@link #unbind} removes them.
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

  private record Registered(MeterRegistry registry, Meter meter, Timer useTimer) {}

  /** Publishes the engine's gauges only (no counters, no timer): it was built without events. */
  public CisternMetrics(Engine engine) {
    this(engine, null, false);
  }

  /**
   * Publishes the engine's gauges, and the counters and timer fed by {@code events}, which must be
   * the listener the engine was built with (one {@link Events} per engine).
   *
   * @throws IllegalArgumentException if {@code events} already serves another engine
   */
  public CisternMetrics(Engine engine, Events events) {
    this(engine, Objects.requireNonNull(events, "events"), false);
  }

  private CisternMetrics(Engine engine, Events events, boolean hikari) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.events = events;
    this.hikari = hikari;
    if (events != null) {
      events.claim(engine.name());
    }
  }

  /** Like {@link #CisternMetrics(Engine)}, with HikariCP's meter names (see the class comment). */
  public static CisternMetrics hikariNames(Engine engine) {
    return new CisternMetrics(engine, null, true);
  }

  /** Like {@link #CisternMetrics(Engine, Events)}, with HikariCP's meter names. */
  public static CisternMetrics hikariNames(Engine engine, Events events) {
    return new CisternMetrics(engine, Objects.requireNonNull(events, "events"), true);
  }

  /**
   * Returns a new pool listener for one engine: pass it to {@code Engine.Builder.listener} before
   * {@code build()}, then to {@link #CisternMetrics(Engine, Events)}.
   */
  public static Events listener() {
    return new Events();
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
    }

    if (events != null) {
      counter(registry, "cistern.connections.created", tags, "Connections opened", events.created);
      counter(registry, "cistern.connections.closed", tags, "Connections closed", events.closed);
      counter(
          registry,
          "cistern.connections.invalidated",
          tags,
          "Connections invalidated (discarded as broken or refused)",
          events.invalidated);
      counter(
          registry,
          "cistern.pool.soft_invalidations",
          tags,
          "Times every connection of the pool was marked stale",
          events.softInvalidations);
      Timer use =
          Timer.builder(hikari ? "hikaricp.connections.usage" : "db.client.connection.use_time")
              .tags(tags)
              .description("Time from a connection's checkout to its checkin")
              .register(registry);
      registered.add(new Registered(registry, use, use));
      events.timers.add(use);
    }
  }

  /**
   * Removes from {@code registry} every meter this binder registered there, and stops feeding its
   * timer.
   */
  public void unbind(MeterRegistry registry) {
    for (Registered r : registered) {
      if (r.registry() == registry) {
        registered.remove(r);
        registry.remove(r.meter());
        if (r.useTimer() != null && events != null) {
          events.timers.remove(r.useTimer());
        }
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
      MeterRegistry registry, String name, Tags tags, String description, LongAdder count) {
    registered(
        registry,
        FunctionCounter.builder(name, count, LongAdder::doubleValue)
            .tags(tags)
            .description(description)
            .baseUnit(name.startsWith("cistern.pool") ? "{event}" : "{connection}")
            .register(registry));
  }

  private void registered(MeterRegistry registry, Meter meter) {
    registered.add(new Registered(registry, meter, null));
  }

  /**
   * The pool listener that feeds the counters and the use-time timer of one engine; make it with
   * {@link CisternMetrics#listener()} and hand it to the engine's builder.
   *
   * <p>Per event: {@code connect}, {@code close}, {@code closeDetached}, {@code invalidate}, {@code
   * softInvalidate} add to a {@link LongAdder}. A borrow costs a map lookup, an uncontended lock
   * and a {@link System#nanoTime()} at {@code checkout} and again at {@code checkin}, plus one
   * {@link Timer#record} per bound registry; nothing is allocated (a connection's record is made
   * once, at its first checkout). A borrow ends at its checkin, or when its connection is
   * invalidated, detached or closed while borrowed. A {@code STATIC} pool's shared connection
   * counts one use from its first holder's checkout to its last holder's checkin.
   */
  public static final class Events implements EngineListener {
    private final LongAdder created = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder softInvalidations = new LongAdder();
    // keyed by the driver's connection (drivers keep Object's identity equals): connection ids
    // start again from 1 in the fresh pool of a dispose(), while the old pool's may still be out
    private final ConcurrentHashMap<Connection, Use> uses = new ConcurrentHashMap<>();
    private final List<Timer> timers = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> engineName = new AtomicReference<>();

    private Events() {}

    void claim(String name) {
      String had = engineName.compareAndExchange(null, name);
      if (had != null && !had.equals(name)) {
        throw new IllegalArgumentException(
            "these events already serve engine '"
                + had
                + "', not '"
                + name
                + "': make one CisternMetrics.listener() per engine");
      }
    }

    /** Returns the connections opened so far. */
    public long created() {
      return created.sum();
    }

    /** Returns the connections closed so far (detached ones closed by their borrower included). */
    public long closed() {
      return closed.sum();
    }

    /** Returns the connections invalidated so far. */
    public long invalidated() {
      return invalidated.sum();
    }

    /** Returns how many times every connection of the pool was marked stale. */
    public long softInvalidations() {
      return softInvalidations.sum();
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
        record(u.end(System.nanoTime()));
      }
    }

    @Override
    public void invalidate(ConnectionEvent e, Throwable cause) {
      invalidated.increment();
      forget(e);
    }

    @Override
    public void softInvalidate(String engineName, Throwable cause) {
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
    public void disposed(String engineName) {
      // dispose(false) drops a pool without closing its connections: forget those not borrowed
      uses.values().removeIf(Use::idle);
    }

    private void forget(ConnectionEvent e) {
      Connection c = e.connection();
      if (c != null) {
        Use u = uses.remove(c);
        if (u != null) {
          record(u.endAll(System.nanoTime()));
        }
      }
    }

    private void record(long nanos) {
      if (nanos >= 0) {
        for (Timer t : timers) {
          t.record(nanos, TimeUnit.NANOSECONDS);
        }
      }
    }

    @Override
    public String toString() {
      return "CisternMetrics.Events for engine '" + engineName.get() + "'";
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
