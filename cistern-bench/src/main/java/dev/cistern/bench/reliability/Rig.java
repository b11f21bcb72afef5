package dev.cistern.bench.reliability;

import dev.cistern.testkit.fault.FaultProxy;
import dev.cistern.testkit.server.PrivateMariaDb;
import dev.cistern.testkit.server.PrivatePostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The ground a fault scenario (1-4, 6) runs on: a {@link FaultProxy} in front of either the shared
 * server's scratch database ({@link #shared}, for network faults, which never touch the server) or
 * a private server of cistern-testkit ({@link #privateServer}, for kills and restarts, never the
 * shared one). Pools connect through the proxy, so {@link #opened()} counts the connections every
 * pool opens, Cistern and HikariCP alike.
 */
final class Rig implements AutoCloseable {
  static final String PRIVATE_DB = "cistern_rel";

  private final Database database;
  private final Scratch scratch;
  private final PrivatePostgres pg;
  private final PrivateMariaDb maria;
  private final FaultProxy proxy;
  private final Pool.Endpoint endpoint;

  private Rig(
      Database database,
      Scratch scratch,
      PrivatePostgres pg,
      PrivateMariaDb maria,
      FaultProxy proxy,
      Pool.Endpoint endpoint) {
    this.database = database;
    this.scratch = scratch;
    this.pg = pg;
    this.maria = maria;
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /** Why a private server of this kind cannot run here, or empty. */
  static Optional<String> privateUnavailable(Database db) {
    boolean ok =
        db == Database.POSTGRESQL ? PrivatePostgres.isAvailable() : PrivateMariaDb.isAvailable();
    return ok
        ? Optional.empty()
        : Optional.of(
            "no private " + db.label() + " server on this machine (tools or root missing)");
  }

  /** A proxy in front of a scratch database of the shared server. */
  static Rig shared(Database db) throws SQLException {
    Scratch s = Scratch.create(db);
    FaultProxy p = null;
    try {
      p = FaultProxy.start(s.host(), s.port());
      return new Rig(db, s, null, null, p, s.endpointVia(p.host(), p.port()));
    } catch (RuntimeException e) {
      if (p != null) {
        p.close();
      }
      s.close();
      throw e;
    }
  }

  /** A proxy in front of a new private server with a database {@value #PRIVATE_DB}. */
  static Rig privateServer(Database db) {
    PrivatePostgres pg = null;
    PrivateMariaDb maria = null;
    FaultProxy p = null;
    try {
      String url;
      String jdbc;
      int port;
      if (db == Database.POSTGRESQL) {
        pg = PrivatePostgres.start();
        pg.createDatabase(PRIVATE_DB);
        url = pg.url(PRIVATE_DB);
        jdbc = pg.jdbcUrl(PRIVATE_DB);
        port = pg.port();
      } else {
        maria = PrivateMariaDb.start();
        maria.createDatabase(PRIVATE_DB);
        url = maria.url(PRIVATE_DB);
        jdbc = maria.jdbcUrl(PRIVATE_DB);
        port = maria.port();
      }
      p = FaultProxy.start("127.0.0.1", port);
      String from = "127.0.0.1:" + port;
      String to = p.host() + ":" + p.port();
      String user = db == Database.POSTGRESQL ? "postgres" : "root";
      Pool.Endpoint e =
          new Pool.Endpoint(db, url.replace(from, to), jdbc.replace(from, to), user, "");
      return new Rig(db, null, pg, maria, p, e);
    } catch (RuntimeException e) {
      if (p != null) {
        p.close();
      }
      if (pg != null) {
        pg.close();
      }
      if (maria != null) {
        maria.close();
      }
      throw e;
    }
  }

  Database database() {
    return database;
  }

  FaultProxy proxy() {
    return proxy;
  }

  /** Where pools connect: through the proxy. */
  Pool.Endpoint endpoint() {
    return endpoint;
  }

  /** Connections accepted by the proxy so far: opened by pools. */
  long opened() {
    return proxy.accepted();
  }

  /** Server sessions with this application name (or, on the shared MariaDB, of the scratch db). */
  int sessions(String app) throws SQLException {
    if (scratch != null) {
      return scratch.sessions(app);
    }
    return pg != null ? pg.sessions(app) : maria.sessions(app);
  }

  /** Kills every backend of the private server. */
  void killAll() {
    if (pg != null) {
      pg.terminateAllBackends();
    } else if (maria != null) {
      maria.killAllConnections();
    } else {
      throw new IllegalStateException("never on the shared server");
    }
  }

  /** Stops the private server in fast mode. */
  void stopFast() {
    if (pg != null) {
      pg.stop(true);
    } else if (maria != null) {
      maria.stop(true);
    } else {
      throw new IllegalStateException("never on the shared server");
    }
  }

  /** Starts the private server again and waits until it accepts. */
  void startAgain() {
    if (pg != null) {
      pg.startAgain();
    } else {
      maria.startAgain();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      proxy.close();
    } finally {
      if (pg != null) {
        pg.close();
      }
      if (maria != null) {
        maria.close();
      }
      if (scratch != null) {
        scratch.close();
      }
    }
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }

  /** One short transaction: borrow, {@code select 1}, return. */
  static void selectOne(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select 1")) {
      rs.next();
    }
  }

  /** Raises {@code max} to {@code v} if larger. */
  static void max(AtomicLong max, long v) {
    max.accumulateAndGet(v, Math::max);
  }

  /** Mean successes per bucket in buckets {@code [from, to)} of {@code r}, at least 1. */
  static double rate(Load.Result r, int from, int to) {
    long sum = 0;
    int n = 0;
    for (int i = Math.max(0, from); i < Math.min(to, r.successesPerBucket().length); i++) {
      sum += r.successesPerBucket()[i];
      n++;
    }
    return n == 0 ? 1 : Math.max(1, (double) sum / n);
  }

  /**
   * Milliseconds from {@code fromMillis} (since the load's start) to the end of the first bucket
   * starting at or after it with at least 80% of {@code rate} successes; -1 if none.
   */
  static double backToFull(Load.Result r, double fromMillis, double rate) {
    long w = r.bucketMillis();
    long[] ok = r.successesPerBucket();
    for (int b = (int) Math.ceil(fromMillis / w); b < ok.length - 1; b++) {
      if (ok[b] >= 0.8 * rate) {
        return (b + 1) * w - fromMillis;
      }
    }
    return -1;
  }
}
