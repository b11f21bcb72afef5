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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Connection cycle: borrow a connection and close it at once, on the stub driver (no I/O), each
 * pool configured alike by {@link BenchPools}: 32 connections, all opened up front, auto-commit
 * off. The thread count comes from the runner ({@code -t 1,2,4,8,16,32}); with 32 connections no
 * borrower ever waits, so this measures the pool's own bookkeeping. {@code floor} is a bare
 * CAS-claimed slot array: the least any pool can do. {@code cistern} borrows through {@code
 * Engine.dataSource()}, {@code cistern-api} through {@code engine.connect()}, {@code cistern-pool}
 * through the internal pool with no engine around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CycleBenchmark {
  static final int MAX_POOL = 32;

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

  private Target target;

  /** Opens the pool and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    target = Target.open(pool, "cycle", MAX_POOL);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  /** Per-thread start position for the floor pool, as a thread-affine pool would have. */
  @State(Scope.Thread)
  public static class ThreadHint {
    int hint = ThreadLocalRandom.current().nextInt(MAX_POOL);
  }

  /**
   * Borrow and close one connection. Nothing is returned to JMH: handing the proxy to a Blackhole
   * would force it onto the heap and hide whether a pool can borrow without allocating (see {@link
   * #cycleEscaping} for the other case).
   */
  @Benchmark
  public void cycle(ThreadHint t) throws SQLException {
    Target p = target;
    if (p.floor != null) {
      int slot = p.floor.borrow(t.hint);
      p.floor.giveBack(slot);
    } else if (p.api) {
      SqlConnection c = p.connect();
      c.close();
    } else {
      Connection c = p.borrow();
      c.close();
    }
  }

  /**
   * The same cycle with the borrowed connection handed to a Blackhole, as real code that passes the
   * connection around does: a pool that makes a proxy object per borrow now shows it in {@code
   * gc.alloc.rate.norm}.
   */
  @Benchmark
  public void cycleEscaping(ThreadHint t, Blackhole bh) throws SQLException {
    Target p = target;
    if (p.floor != null) {
      int slot = p.floor.borrow(t.hint);
      bh.consume(p.floor.connection(slot));
      p.floor.giveBack(slot);
    } else if (p.api) {
      SqlConnection c = p.connect();
      bh.consume(c);
      c.close();
    } else {
      Connection c = p.borrow();
      bh.consume(c);
      c.close();
    }
  }
}
