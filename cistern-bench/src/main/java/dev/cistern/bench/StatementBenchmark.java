package dev.cistern.bench;

import dev.cistern.Result;
import dev.cistern.Row;
import dev.cistern.SqlConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

/**
 * Statement cycle on a held connection: {@code prepareStatement("select 1")}, {@code executeQuery},
 * read the row, close the result set and the statement. Each thread borrows one connection for the
 * whole trial, so this measures the pool's statement and result-set wrappers (the stub driver does
 * no I/O). {@code cistern-api} runs {@code SqlConnection.execute("select 1")} and reads the row
 * ({@code Result.first().getInt(0)}) instead, Cistern's own statement path; {@code floor} uses the
 * raw stub connection, no wrapper.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StatementBenchmark {
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

  Target target;

  /** Opens the pool and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    target = Target.open(pool, "statement", MAX_POOL);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  /** The connection a thread holds for the whole trial. */
  @State(Scope.Thread)
  public static class Held {
    Connection jdbc;
    SqlConnection sql;
    int slot = -1;
    private FloorPool floor;

    /** Borrows the connection. */
    @Setup(Level.Trial)
    public void borrow(StatementBenchmark b) throws SQLException {
      Target p = b.target;
      if (p.floor != null) {
        floor = p.floor;
        slot = floor.borrow(ThreadLocalRandom.current().nextInt(MAX_POOL));
        jdbc = floor.connection(slot);
      } else if (p.api) {
        sql = p.connect();
        jdbc = sql.jdbc();
      } else {
        jdbc = p.borrow();
      }
    }

    /** Gives the connection back. */
    @TearDown(Level.Trial)
    public void giveBack() throws SQLException {
      if (floor != null) {
        floor.giveBack(slot);
      } else if (sql != null) {
        sql.close();
      } else {
        jdbc.close();
      }
    }
  }

  /**
   * Prepare, execute, read, close; or {@code execute("select 1")} and read the row for {@code
   * cistern-api}.
   */
  @Benchmark
  public int statement(Held h) throws SQLException {
    if (h.sql != null) {
      try (Result r = h.sql.execute("select 1")) {
        Row row = r.first();
        return row != null ? row.getInt(0) : -1;
      }
    }
    try (PreparedStatement ps = h.jdbc.prepareStatement("select 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }
}
