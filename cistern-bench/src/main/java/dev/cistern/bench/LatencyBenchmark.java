package dev.cistern.bench;

import dev.cistern.SqlConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Borrow latency under contention, as JMH SampleTime percentiles (p50, p99, p99.9): 16 threads on a
 * pool of 4, as in {@link ContendedBenchmark}. Only the borrow is timed; holding the connection for
 * the simulated query and closing it happen in a per-invocation tear-down, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(ContendedBenchmark.THREADS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LatencyBenchmark {
  @Param({
    "cistern",
    "cistern-lean",
    "cistern-api",
    "hikari",
    "dbcp2",
    "c3p0",
    "tomcat",
    "vibur",
    "agroal",
    "floor"
  })
  public String pool;

  /** CPU work done while the connection is held. */
  @Param({"1000"})
  public long tokens;

  Target target;

  /** Opens the pool of 4 and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    target = Target.open(pool, "latency", ContendedBenchmark.POOL);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  /** What a thread borrowed in the timed part, released after it. */
  @State(Scope.Thread)
  public static class Borrowed {
    final int hint = ThreadLocalRandom.current().nextInt(ContendedBenchmark.POOL);
    Connection jdbc;
    SqlConnection sql;
    int slot = -1;
    FloorPool floor;
    long tokens;

    /** Picks up the floor pool and the hold time. */
    @Setup(Level.Trial)
    public void init(LatencyBenchmark b) {
      floor = b.target.floor;
      tokens = b.tokens;
    }

    /** Holds the connection for the simulated query, then gives it back (not timed). */
    @TearDown(Level.Invocation)
    public void holdAndRelease() throws SQLException {
      Blackhole.consumeCPU(tokens);
      if (slot >= 0) {
        floor.giveBack(slot);
        slot = -1;
      } else if (sql != null) {
        sql.close();
        sql = null;
      } else if (jdbc != null) {
        jdbc.close();
        jdbc = null;
      }
    }
  }

  /** The timed part: one borrow. */
  @Benchmark
  public void borrow(Borrowed s) throws SQLException {
    Target p = target;
    if (p.floor != null) {
      s.slot = p.floor.borrow(s.hint);
    } else if (p.api) {
      s.sql = p.connect();
    } else {
      s.jdbc = p.borrow();
    }
  }
}
