package dev.cistern.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * Many virtual threads sharing few connections (JDK 21+): each task borrows, runs one query (the
 * stub driver sleeps with {@code TimeUnit.sleep}, so a virtual thread unmounts), returns and
 * repeats until the run ends. Records throughput and the process CPU time per operation within the
 * run's window (borrowers still queued 2 s after it are interrupted), and counts {@code
 * jdk.VirtualThreadPinned} JFR events (threshold 0) while each pool runs.
 *
 * <p>Compiled for Java 17: the virtual-thread executor is reached through a method handle, and the
 * harness prints one line and records nothing when it is missing.
 */
public final class VirtualThreadHarness implements Harness {
  private static final long TAIL_GRACE_MS = 2_000;

  private final int tasks;
  private final int connections;
  private final Duration queryDelay;
  private final Duration warmup;
  private final Duration duration;

  /**
   * @param tasks virtual threads
   * @param connections pool size
   * @param queryDelay time each query takes
   * @param warmup unmeasured run first
   * @param duration measured run
   */
  public VirtualThreadHarness(
      int tasks, int connections, Duration queryDelay, Duration warmup, Duration duration) {
    this.tasks = tasks;
    this.connections = connections;
    this.queryDelay = queryDelay;
    this.warmup = warmup;
    this.duration = duration;
  }

  /** 10,000 virtual threads, 20 connections, 1 ms queries, 3 s after 1 s of warm-up. */
  public static VirtualThreadHarness quick() {
    return new VirtualThreadHarness(
        10_000, 20, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  /** As {@link #quick()} for 10 s after 3 s. */
  public static VirtualThreadHarness full() {
    return new VirtualThreadHarness(
        10_000, 20, Duration.ofMillis(1), Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  @Override
  public String name() {
    return "vthreads";
  }

  /** Returns the virtual-thread-per-task executor factory, or null before JDK 21. */
  static MethodHandle virtualExecutorFactory() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Executors.class,
              "newVirtualThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  @Override
  public void run(HarnessCsv csv, PrintStream out) throws Exception {
    MethodHandle factory = virtualExecutorFactory();
    if (factory == null) {
      out.println(
          "vthreads: skipped, virtual threads need JDK 21+ (running "
              + Runtime.version().feature()
              + ")");
      return;
    }
    StubDriver.register();
    String bench = "vthreads";
    csv.add(bench, "all", "virtual_threads", tasks, "count");
    csv.add(bench, "all", "connections", connections, "count");
    csv.add(bench, "all", "query_delay_ms", queryDelay.toNanos() / 1e6, "ms");
    double[] c = runPool(csv, bench, "cistern", factory);
    double[] h = runPool(csv, bench, "hikari", factory);
    out.printf(
        "vthreads (%d virtual threads, %d connections, %s queries): cistern %.0f ops/s %.1f us"
            + " cpu/op, hikari %.0f ops/s %.1f us cpu/op (throughput cistern/hikari %.2fx,"
            + " cpu/op hikari/cistern %.2fx); pinned events cistern %s, hikari %s%n",
        tasks,
        connections,
        queryDelay,
        c[0],
        c[1],
        h[0],
        h[1],
        c[0] / Math.max(1e-6, h[0]),
        h[1] / Math.max(1e-6, c[1]),
        c[2] < 0 ? "n/a" : Long.toString((long) c[2]),
        h[2] < 0 ? "n/a" : Long.toString((long) h[2]));
  }

  /** Returns {ops/s, cpu us/op, pinned events or -1}. */
  private double[] runPool(HarnessCsv csv, String bench, String pool, MethodHandle factory)
      throws Exception {
    String name = "vthreads-" + pool + "-" + System.nanoTime();
    StubDatabase.reset(name);
    StubDatabase.named(name).setQueryDelay(queryDelay);
    Engine engine = null;
    HikariDataSource hikari = null;
    try {
      DataSource ds;
      IntSupplier idle;
      if (pool.equals("cistern")) {
        Engine e =
            Engine.builder(StubDriver.url(name))
                .name(name)
                .option(Option.POOL_SIZE, connections)
                .option(Option.MAX_OVERFLOW, 0)
                .option(Option.MIN_IDLE, connections)
                .option(Option.POOL_TIMEOUT, Duration.ofMinutes(2))
                .option(Option.SHUTDOWN_HOOK, false)
                .build();
        engine = e;
        ds = e.dataSource();
        idle = () -> e.status().idle();
      } else {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(StubDriver.url(name));
        hc.setPoolName(name);
        hc.setMaximumPoolSize(connections);
        hc.setMinimumIdle(connections);
        hc.setConnectionTimeout(120_000);
        HikariDataSource h = new HikariDataSource(hc);
        hikari = h;
        ds = h;
        idle = () -> h.getHikariPoolMXBean().getIdleConnections();
      }
      long fill = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (idle.getAsInt() < connections && System.nanoTime() < fill) {
        LockSupport.parkNanos(1_000_000L);
      }
      load(ds, factory, warmup);
      try (PinCounter pins = PinCounter.start()) {
        Window w = load(ds, factory, duration);
        double opsPerSec = w.ops / (w.wallNanos / 1e9);
        double cpuPerOp = w.cpuNanos < 0 ? -1 : w.cpuNanos / 1000.0 / Math.max(1, w.ops);
        long pinned = pins.count();
        csv.add(bench, pool, "ops_per_s", opsPerSec, "ops/s");
        csv.add(bench, pool, "cpu_us_per_op", cpuPerOp, "us");
        csv.add(bench, pool, "ops", w.ops, "count");
        csv.add(bench, pool, "abandoned_after_window", w.abandoned, "count");
        if (pinned >= 0) {
          csv.add(bench, pool, "pinned_events", pinned, "count");
        }
        return new double[] {opsPerSec, cpuPerOp, pinned};
      }
    } finally {
      if (engine != null) {
        engine.close(Duration.ofSeconds(5));
      }
      if (hikari != null) {
        hikari.close();
      }
      StubDatabase.reset(name);
    }
  }

  /** What one run measured inside its window. */
  private static final class Window {
    long ops;
    long cpuNanos;
    long wallNanos;
    long abandoned;
  }

  /**
   * Starts the tasks, and at the end of {@code time} reads the operations completed and the process
   * CPU time used so far. Borrowers still waiting {@value #TAIL_GRACE_MS} ms later are interrupted
   * (their errors, after the window, are counted as abandoned, not failures).
   */
  private Window load(DataSource ds, MethodHandle factory, Duration time)
      throws InterruptedException {
    LongAdder ops = new LongAdder();
    LongAdder abandoned = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long deadline = t0 + time.toNanos();
    Window w = new Window();
    ExecutorService executor = newExecutor(factory);
    try {
      for (int i = 0; i < tasks; i++) {
        executor.execute(
            () -> {
              try {
                while (System.nanoTime() < deadline) {
                  try (Connection c = ds.getConnection();
                      Statement s = c.createStatement();
                      ResultSet rs = s.executeQuery("select 1")) {
                    rs.next();
                  }
                  if (System.nanoTime() < deadline) {
                    ops.increment();
                  }
                }
              } catch (Exception | Error e) {
                if (System.nanoTime() < deadline) {
                  failure.compareAndSet(null, e);
                } else {
                  abandoned.increment();
                }
              }
            });
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      w.ops = ops.sum();
      w.wallNanos = System.nanoTime() - t0;
      w.cpuNanos = cpu0 < 0 ? -1 : processCpuNanos() - cpu0;
    } finally {
      executor.shutdown();
      if (!executor.awaitTermination(TAIL_GRACE_MS, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow(); // interrupts the borrowers still waiting
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
          failure.compareAndSet(null, new IllegalStateException("tasks did not finish"));
        }
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("virtual-thread load failed", failure.get());
    }
    w.abandoned = abandoned.sum();
    return w;
  }

  private static ExecutorService newExecutor(MethodHandle factory) {
    try {
      return (ExecutorService) factory.invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("could not create the virtual-thread executor", e);
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }
}
