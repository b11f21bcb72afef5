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
 * Contended cycle: 16 threads share a pool of 4 connections, and each holds its connection for a
 * simulated query ({@code Blackhole.consumeCPU(tokens)}, about 2-3 µs for 1000 tokens), so that
 * borrowers really wait and the pool's hand-off to waiters is what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(ContendedBenchmark.THREADS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContendedBenchmark {
  static final int POOL = 4;
  static final int THREADS = 16;

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

  private Target target;

  /** Opens the pool of 4 and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    target = Target.open(pool, "contended", POOL);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  /** Per-thread start position for the floor pool. */
  @State(Scope.Thread)
  public static class ThreadHint {
    int hint = ThreadLocalRandom.current().nextInt(POOL);
  }

  /** Borrow, hold for a simulated query, close. */
  @Benchmark
  public void cycle(ThreadHint t) throws SQLException {
    Target p = target;
    if (p.floor != null) {
      int slot = p.floor.borrow(t.hint);
      Blackhole.consumeCPU(tokens);
      p.floor.giveBack(slot);
    } else if (p.api) {
      SqlConnection c = p.connect();
      Blackhole.consumeCPU(tokens);
      c.close();
    } else {
      Connection c = p.borrow();
      Blackhole.consumeCPU(tokens);
      c.close();
    }
  }
}
