package dev.cistern.bench;

import dev.cistern.testkit.stub.StubDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of opening and closing a stub connection with no pool: the baseline every pool is
 * measured against, and a check that the JMH wiring of this module works.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NoPoolBenchmark {
  private StubDataSource dataSource;

  /** Creates the stub data source. */
  @Setup
  public void setUp() {
    dataSource = new StubDataSource("bench-nopool");
  }

  /** Opens and closes one physical stub connection. */
  @Benchmark
  public Connection openClose() throws SQLException {
    Connection c = dataSource.getConnection();
    c.close();
    return c;
  }
}
