package dev.cistern.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * A load spike on a cold pool: opening a connection takes 150 ms (stub driver connect delay), all
 * threads arrive at once, and each borrows, holds the connection ~50 ms, returns it and repeats
 * until the run ends. Records the borrow wait (p50, p99, max) and how many connections each pool
 * opened in total.
 *
 * <p>Both pools may hold 50 connections and keep 5 idle ones warm. HikariCP: {@code
 * maximumPoolSize=50, minimumIdle=5}. Cistern: {@code poolSize=50, maxOverflow=0, minIdle=5}, the
 * faithful equivalent: connections opened beyond minIdle stay in the pool until idleTimeout, as
 * with HikariCP ({@code poolSize=5, maxOverflow=45} would close every overflow connection on return
 * and reopen it, at 150 ms each).
 */
public final class SpikeHarness implements Harness {
  private final int threads;
  private final int minIdle;
  private final Duration connectDelay;
  private final Duration hold;
  private final Duration duration;

  /**
   * @param threads threads arriving at once; also the pool's maximum
   * @param minIdle idle connections kept warm before the spike
   * @param connectDelay time to open one connection
   * @param hold time each borrower holds its connection
   * @param duration length of the run
   */
  public SpikeHarness(
      int threads, int minIdle, Duration connectDelay, Duration hold, Duration duration) {
    this.threads = threads;
    this.minIdle = minIdle;
    this.connectDelay = connectDelay;
    this.hold = hold;
    this.duration = duration;
  }

  /** 50 threads, 150 ms connects, 50 ms holds, 2 s. */
  public static SpikeHarness quick() {
    return new SpikeHarness(
        50, 5, Duration.ofMillis(150), Duration.ofMillis(50), Duration.ofSeconds(2));
  }

  /** As {@link #quick()} for 5 s. */
  public static SpikeHarness full() {
    return new SpikeHarness(
        50, 5, Duration.ofMillis(150), Duration.ofMillis(50), Duration.ofSeconds(5));
  }

  @Override
  public String name() {
    return "spike";
  }

  @Override
  public void run(HarnessCsv csv, PrintStream out) throws Exception {
    StubDriver.register();
    String bench = "spike";
    csv.add(bench, "all", "threads", threads, "count");
    csv.add(bench, "all", "max_pool", threads, "count");
    csv.add(bench, "all", "min_idle", minIdle, "count");
    csv.add(bench, "all", "connect_delay_ms", connectDelay.toMillis(), "ms");
    csv.add(bench, "all", "hold_ms", hold.toMillis(), "ms");
    double[] c = runCistern(csv, bench);
    double[] h = runHikari(csv, bench);
    out.printf(
        "spike (%d threads, connect %d ms, Cistern poolSize=%d maxOverflow=0 minIdle=%d):"
            + " wait p50/p99/max cistern %.0f/%.0f/%.0f ms, hikari %.0f/%.0f/%.0f ms"
            + " (p99 hikari/cistern %.2fx); opened cistern %d, hikari %d%n",
        threads,
        connectDelay.toMillis(),
        threads,
        minIdle,
        c[0],
        c[1],
        c[2],
        h[0],
        h[1],
        h[2],
        h[1] / Math.max(1e-6, c[1]),
        (long) c[3],
        (long) h[3]);
  }

  private double[] runCistern(HarnessCsv csv, String bench) throws Exception {
    String name = "spike-cistern-" + System.nanoTime();
    StubDatabase db = prepare(name);
    try (Engine engine =
        Engine.builder(StubDriver.url(name))
            .name(name)
            .option(Option.POOL_SIZE, threads)
            .option(Option.MAX_OVERFLOW, 0)
            .option(Option.MIN_IDLE, minIdle)
            .option(Option.SHUTDOWN_HOOK, false)
            .build()) {
      await(() -> engine.status().idle(), minIdle);
      return spike(csv, bench, "cistern", engine.dataSource(), db);
    } finally {
      StubDatabase.reset(name);
    }
  }

  private double[] runHikari(HarnessCsv csv, String bench) throws Exception {
    String name = "spike-hikari-" + System.nanoTime();
    StubDatabase db = prepare(name);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(StubDriver.url(name));
    hc.setPoolName(name);
    hc.setMaximumPoolSize(threads);
    hc.setMinimumIdle(minIdle);
    hc.setConnectionTimeout(30_000);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      await(() -> ds.getHikariPoolMXBean().getIdleConnections(), minIdle);
      return spike(csv, bench, "hikari", ds, db);
    } finally {
      StubDatabase.reset(name);
    }
  }

  private StubDatabase prepare(String name) {
    StubDatabase.reset(name);
    StubDatabase db = StubDatabase.named(name);
    db.connectFaults().setDelay(connectDelay);
    return db;
  }

  /** Returns {p50, p99, max, opened}. */
  private double[] spike(HarnessCsv csv, String bench, String pool, DataSource ds, StubDatabase db)
      throws Exception {
    long openedBefore = db.openedTotal();
    CountDownLatch start = new CountDownLatch(1);
    List<double[]> perThread = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long[] deadline = new long[1];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      double[] waits = new double[(int) (duration.toMillis() / Math.max(1, hold.toMillis())) + 4];
      perThread.add(waits);
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  int i = 0;
                  while (System.nanoTime() < deadline[0] && i < waits.length - 1) {
                    long t0 = System.nanoTime();
                    try (Connection c = ds.getConnection()) {
                      waits[++i] = Stats.ms(System.nanoTime() - t0);
                      TimeUnit.NANOSECONDS.sleep(hold.toNanos());
                    }
                  }
                  waits[0] = i;
                } catch (Exception | Error e) {
                  synchronized (failure) {
                    failure[0] = e;
                  }
                }
              },
              pool + "-spike-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    deadline[0] = System.nanoTime() + duration.toNanos();
    start.countDown();
    for (Thread w : workers) {
      w.join(duration.toMillis() + 60_000);
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IllegalStateException(pool + " spike failed", failure[0]);
      }
    }
    List<Double> all = new ArrayList<>();
    for (double[] waits : perThread) {
      for (int i = 1; i <= (int) waits[0]; i++) {
        all.add(waits[i]);
      }
    }
    double[] w = all.stream().mapToDouble(Double::doubleValue).toArray();
    double[] r = {Stats.percentile(w, 50), Stats.percentile(w, 99), Stats.max(w), db.openedTotal()};
    csv.add(bench, pool, "wait_ms_p50", r[0], "ms");
    csv.add(bench, pool, "wait_ms_p99", r[1], "ms");
    csv.add(bench, pool, "wait_ms_max", r[2], "ms");
    csv.add(bench, pool, "borrows", w.length, "count");
    csv.add(bench, pool, "opened_total", r[3], "count");
    csv.add(bench, pool, "opened_during_spike", r[3] - openedBefore, "count");
    return r;
  }

  private static void await(IntSupplier idle, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (idle.getAsInt() < n && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000L);
    }
  }
}
