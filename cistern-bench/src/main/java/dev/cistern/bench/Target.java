package dev.cistern.bench;

import dev.cistern.Engine;
import dev.cistern.SqlConnection;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One pool under test in a benchmark: a {@link BenchPools} pool or the {@link FloorPool}, on a stub
 * database of its own, filled up front. The benchmarks branch on {@link #floor} and {@link #api}
 * themselves so that the measured code is the pool's, with no indirection of ours.
 */
final class Target {
  final String kind;
  final String dbName;
  final DataSource dataSource;
  final Engine engine;
  final FloorPool floor;
  private final BenchPools.Handle handle;

  /** True for {@code cistern-api}: borrow through {@link Engine#connect()}. */
  final boolean api;

  private Target(String kind, String dbName, BenchPools.Handle handle, FloorPool floor) {
    this.kind = kind;
    this.dbName = dbName;
    this.handle = handle;
    this.floor = floor;
    this.dataSource = handle == null ? null : handle.dataSource();
    this.engine = handle == null ? null : handle.engine();
    this.api = kind.equals("cistern-api");
  }

  /** Opens {@code kind} with {@code max} connections, all opened before this returns. */
  static Target open(String kind, String benchmark, int max) throws SQLException {
    StubDriver.register();
    String name = benchmark + "-" + kind + "-" + System.nanoTime();
    String url = StubDriver.url(name);
    if (kind.equals("floor")) {
      return new Target(kind, name, null, BenchPools.floor(url, max));
    }
    return new Target(kind, name, BenchPools.open(kind, url, max, max), null);
  }

  /** The stub database behind this pool. */
  StubDatabase database() {
    return StubDatabase.named(dbName);
  }

  /** Borrows through the pool's JDBC path; not for the floor or {@code cistern-api}. */
  Connection borrow() throws SQLException {
    return dataSource.getConnection();
  }

  /** Borrows through Cistern's own API; only for {@code cistern-api}. */
  SqlConnection connect() {
    return engine.connect();
  }

  /** Closes the pool and forgets the stub database. */
  void close() {
    if (handle != null) {
      handle.close();
    }
    StubDatabase.reset(dbName);
  }
}
