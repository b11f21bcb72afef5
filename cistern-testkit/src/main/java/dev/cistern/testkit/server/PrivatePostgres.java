package dev.cistern.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A private PostgreSQL 15 cluster for destructive tests: created with the Debian tools ({@code
 * pg_createcluster}, {@code pg_ctlcluster}, {@code pg_dropcluster}) under the name {@code
 * cistern-<random>} on a free port of 127.0.0.1, so a test can stop it, restart it and terminate
 * its backends without touching the shared server on 5432.
 *
 * <p>The cluster trusts every local and loopback connection (user {@code postgres}, no password),
 * listens on 127.0.0.1 only, allows 200 connections and runs with {@code fsync}, {@code
 * synchronous_commit} and {@code full_page_writes} off: a crash loses nothing a test cares about,
 * since the cluster is dropped afterwards. It is never started at boot ({@code start.conf}:
 * manual).
 *
 * <p>{@link #startPrimary()} makes a cluster that streaming replicas can follow; {@link
 * #startReplica()} makes one such replica (a cluster of its own, from {@code pg_basebackup}), which
 * {@link #awaitCaughtUp} and {@link #promote()} drive for failover tests.
 *
 * <p>{@link #close()} stops and drops the cluster (data directory, configuration and log); a JVM
 * shutdown hook does the same if a test run ends without closing it. Every command and every wait
 * is bounded. Requires root (or the rights of {@code pg_createcluster}) and PostgreSQL 15 in {@code
 * /usr/lib/postgresql/15}.
 */
public final class PrivatePostgres implements AutoCloseable {
  /** The PostgreSQL major version whose binaries and cluster tools this uses. */
  static final String VERSION = "15";

  private static final String USER = "postgres";
  private static final String ADMIN_APPLICATION = "cistern-testkit-admin";
  private static final Path CONFIG_ROOT = Path.of("/etc/postgresql", VERSION);
  private static final Path DATA_ROOT = Path.of("/var/lib/postgresql", VERSION);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Lines appended to the cluster's postgresql.conf; later lines win over the defaults above. */
  private static final List<String> SETTINGS =
      List.of(
          "# cistern-testkit: a private cluster for destructive tests",
          "listen_addresses = '127.0.0.1'",
          "max_connections = 200",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "ssl = off",
          "shared_buffers = 16MB");

  /** What {@link #startPrimary()} adds to {@link #SETTINGS}. */
  private static final List<String> PRIMARY_SETTINGS =
      List.of(
          "# cistern-testkit: a primary for streaming replicas",
          "wal_level = replica",
          "max_wal_senders = 10",
          "wal_keep_size = 64MB",
          "hot_standby = on");

  /** What {@link #startReplica()} adds to {@link #SETTINGS}. */
  private static final List<String> REPLICA_SETTINGS =
      List.of(
          "# cistern-testkit: a streaming replica",
          "hot_standby = on",
          "max_wal_senders = 10",
          "wal_keep_size = 64MB");

  private final String name;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  private PrivatePostgres(String name, int port) {
    this.name = name;
    this.port = port;
    this.shutdownHook = ServerSupport.addShutdownHook(name, this::close);
  }

  /**
   * Creates a cluster named {@code cistern-<random>} on a free loopback port, starts it and waits
   * (at most 30 s) until it accepts connections. If any step fails, the cluster is dropped before
   * the exception is thrown; a start that fails because another process took the port is retried on
   * another port, up to three times.
   *
   * @return the running cluster; close it to drop it
   * @throws IllegalStateException if the cluster cannot be created or started
   */
  public static PrivatePostgres start() {
    return start("cistern-" + randomSuffix(), List.of());
  }

  /**
   * Whether this machine can run a private cluster: the Debian cluster tools and the PostgreSQL 15
   * server are installed and this process runs as root.
   *
   * @return true if a private cluster can be started
   */
  public static boolean isAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/pg_createcluster"))
        && Files.isExecutable(Path.of("/usr/lib/postgresql", VERSION, "bin", "postgres"))
        && "root".equals(System.getProperty("user.name"));
  }

  /**
   * Like {@link #start()}, but the cluster can be the primary of streaming replicas ({@link
   * #startReplica()}): {@code wal_level = replica}, {@code max_wal_senders = 10}, {@code
   * wal_keep_size = 64MB}, {@code hot_standby = on}, and a {@code pg_hba.conf} line trusting
   * replication connections of user {@code postgres} from 127.0.0.1.
   *
   * @return the running primary; close it to drop it
   * @throws IllegalStateException if the cluster cannot be created or started
   */
  public static PrivatePostgres startPrimary() {
    return start("cistern-" + randomSuffix(), PRIMARY_SETTINGS, PrivatePostgres::allowReplication);
  }

  /** {@link #start()} with a given cluster name and extra configuration lines, for tests. */
  static PrivatePostgres start(String name, List<String> extraSettings) {
    return start(name, extraSettings, (n, p) -> {});
  }

  /**
   * Creates the cluster, runs {@code prepare} on the created (stopped) cluster, starts it and waits
   * until it accepts connections; retried on another port if the port was taken.
   */
  private static PrivatePostgres start(
      String name, List<String> extraSettings, BeforeStart prepare) {
    if (!name.startsWith("cistern-")) {
      throw new IllegalArgumentException("a private cluster's name starts with cistern-: " + name);
    }
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = ServerSupport.freeLoopbackPort();
      try {
        create(name, port, extraSettings);
        prepare.run(name, port);
        ctl(name, "start").orThrow();
      } catch (RuntimeException e) {
        IllegalStateException f =
            new IllegalStateException(
                "cannot start private PostgreSQL cluster " + name + " on port " + port, e);
        dropQuietly(name, f);
        if (!portTaken(e)) {
          throw f;
        }
        failure = f; // another process took the port between our probe and the server's bind
        continue;
      }
      PrivatePostgres server = new PrivatePostgres(name, port);
      try {
        server.awaitAccepting();
        return server;
      } catch (RuntimeException e) {
        server.closeAfterFailedStart(e);
        throw e;
      }
    }
    throw failure;
  }

  /**
   * Creates a streaming replica of this cluster: a new cluster {@code cistern-<random>} on its own
   * free loopback port whose data directory is a {@code pg_basebackup -R -X stream} of this one
   * (run as user {@code postgres}, at most 60 s), with its own port and the settings of {@link
   * #start()}. Starts it and waits (at most 30 s each) until it accepts connections and is in
   * recovery. This cluster must accept replication connections: start it with {@link
   * #startPrimary()}. The replica is a {@code PrivatePostgres} of its own, closed on its own.
   *
   * @return the running replica; close it to drop it
   * @throws IllegalStateException if the replica cannot be created, copied or started; it is then
   *     dropped
   */
  public PrivatePostgres startReplica() {
    ensureOpen();
    PrivatePostgres replica =
        start("cistern-" + randomSuffix(), REPLICA_SETTINGS, (n, p) -> baseBackup(n));
    try {
      replica.awaitRecovery(true);
      return replica;
    } catch (RuntimeException e) {
      replica.closeAfterFailedStart(e);
      throw e;
    }
  }

  /**
   * Returns {@code pg_is_in_recovery()}: whether this cluster is a standby (not yet promoted).
   *
   * @return true for a standby
   */
  public boolean isInRecovery() {
    ensureOpen();
    try (Connection c = admin();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask " + this + " whether it is in recovery", e);
    }
  }

  /**
   * Promotes this standby to a primary ({@code pg_ctlcluster ... promote}) and waits (at most 30 s)
   * until it is no longer in recovery and accepts writes.
   *
   * @throws IllegalStateException if this is not a standby or the promotion fails
   */
  public void promote() {
    ensureOpen();
    ctl(name, "promote").orThrow();
    awaitRecovery(false);
  }

  /**
   * Waits (at most 30 s) until this replica has replayed all the WAL that {@code primary} had
   * inserted when this method was called: {@code pg_last_wal_replay_lsn()} here reaches the
   * primary's {@code pg_current_wal_insert_lsn()}, so every transaction committed on the primary
   * before the call is visible here. (Not {@code pg_current_wal_lsn()}: with {@code
   * synchronous_commit = off} a commit record may still be in the WAL buffers beyond it.)
   *
   * @param primary the primary this cluster replicates
   * @throws IllegalStateException if it does not catch up in time
   */
  public void awaitCaughtUp(PrivatePostgres primary) {
    Objects.requireNonNull(primary, "primary");
    ensureOpen();
    String target;
    try (Connection c = primary.admin();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select pg_current_wal_insert_lsn()::text")) {
      rs.next();
      target = rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the WAL position of " + primary, e);
    }
    String sql = "select coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)";
    try (Connection c = admin();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, target);
      Awaitility.await(this + " replays up to " + target + " of " + primary)
          .atMost(ACCEPT_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> queryBoolean(ps));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the replay position of " + this, e);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Returns {@code "127.0.0.1"}.
   *
   * @return {@code "127.0.0.1"}
   */
  public String host() {
    return ServerSupport.LOOPBACK;
  }

  /**
   * Returns the port the cluster listens on.
   *
   * @return the listening port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the cluster's name, as {@code pg_lsclusters} lists it.
   *
   * @return the cluster's name
   */
  public String name() {
    return name;
  }

  /**
   * Returns a Cistern URL for {@code database}: {@code postgresql://postgres@127.0.0.1:PORT/db}.
   *
   * @param database the database name
   * @return the Cistern URL
   */
  public String url(String database) {
    return "postgresql://" + USER + "@" + host() + ":" + port + "/" + database;
  }

  /**
   * Returns a JDBC URL for {@code database}: {@code jdbc:postgresql://127.0.0.1:PORT/db?user=..}.
   *
   * @param database the database name
   * @return the JDBC URL
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database + "?user=" + USER;
  }

  /**
   * Stops the cluster: {@code fast} rolls back open transactions and disconnects the clients
   * ({@code -m fast}); otherwise the server quits at once without a checkpoint ({@code -m
   * immediate}), as after a crash. Waits at most 60 s.
   *
   * @param fast true for {@code -m fast}, false for {@code -m immediate}
   */
  public void stop(boolean fast) {
    ensureOpen();
    ctl(name, "stop", "-m", fast ? "fast" : "immediate").orThrow();
  }

  /**
   * Stops the cluster at once, without a checkpoint, as after a crash: {@link #stop(boolean)
   * stop(false)}. A replica then loses its primary (for a failover test: {@link #promote()} it).
   */
  public void stopImmediately() {
    stop(false);
  }

  /** Starts the stopped cluster again on the same port and waits until it accepts connections. */
  public void startAgain() {
    ensureOpen();
    ctl(name, "start").orThrow();
    awaitAccepting();
  }

  /** Stops the cluster in fast mode and starts it again; bounded like each of those. */
  public void restart() {
    stop(true);
    startAgain();
  }

  /**
   * Terminates every client backend of the cluster except the one this method connects with, and
   * waits (at most 5 s each) until they are gone; their clients see SQLState {@code 57P01} on their
   * next statement.
   */
  public void terminateAllBackends() {
    ensureOpen();
    try (Connection c = admin();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity"
                    + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
      rs.next();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate the backends of " + this, e);
    }
  }

  /**
   * Returns how many client backends have {@code applicationName} (pgjdbc's {@code ApplicationName}
   * property) as their application name, in any database of the cluster.
   *
   * @param applicationName the application name to count
   * @return the number of client backends
   */
  public int sessions(String applicationName) {
    Objects.requireNonNull(applicationName, "applicationName");
    ensureOpen();
    try (Connection c = admin();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from pg_stat_activity where backend_type = 'client backend'"
                    + " and application_name = ? and pid <> pg_backend_pid()")) {
      ps.setString(1, applicationName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the sessions of " + this, e);
    }
  }

  /**
   * Creates the database {@code name}, owned by {@code postgres}.
   *
   * @param name the database name
   */
  public void createDatabase(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on " + this, e);
    }
  }

  /**
   * Stops the cluster at once ({@code -m immediate}) and drops it: data directory, configuration
   * and log are removed. Idempotent; also run by a JVM shutdown hook.
   *
   * @throws IllegalStateException if {@code pg_dropcluster} fails (the cluster may then remain)
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ServerSupport.removeShutdownHook(shutdownHook);
    ctl(name, "stop", "-m", "immediate"); // fails harmlessly when the cluster is already stopped
    drop(name).orThrow();
  }

  /** Returns {@code PrivatePostgres[cistern-…@127.0.0.1:PORT]}. */
  @Override
  public String toString() {
    return "PrivatePostgres[" + name + "@" + host() + ":" + port + "]";
  }

  private void awaitAccepting() {
    ServerSupport.awaitAccepting(
        toString(),
        ACCEPT_TIMEOUT,
        () -> connect(jdbcUrl("postgres"), ADMIN_APPLICATION, 2),
        () -> null); // pg_ctlcluster start already reported a server that failed to start
  }

  /** Waits (at most 30 s) until {@code pg_is_in_recovery()} is {@code inRecovery}. */
  private void awaitRecovery(boolean inRecovery) {
    try (Connection c = admin();
        PreparedStatement ps = c.prepareStatement("select pg_is_in_recovery()")) {
      Awaitility.await(this + (inRecovery ? " in recovery" : " out of recovery"))
          .atMost(ACCEPT_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> queryBoolean(ps) == inRecovery);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask " + this + " whether it is in recovery", e);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static boolean queryBoolean(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Replaces the data directory of the created, stopped cluster {@code replicaName} with a base
   * backup of this cluster, with {@code standby.signal} and {@code primary_conninfo} ({@code -R}).
   */
  private void baseBackup(String replicaName) {
    Path data = DATA_ROOT.resolve(replicaName);
    try (Stream<Path> children = Files.list(data)) {
      for (Path child : children.toList()) {
        ServerSupport.deleteTree(child);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + data, e);
    }
    ServerSupport.run(
            COMMAND_TIMEOUT,
            List.of(
                "/usr/sbin/runuser",
                "-u",
                USER,
                "--",
                Path.of("/usr/lib/postgresql", VERSION, "bin", "pg_basebackup").toString(),
                "-h",
                host(),
                "-p",
                Integer.toString(port),
                "-U",
                USER,
                "-D",
                data.toString(),
                "-R",
                "-X",
                "stream",
                "--no-sync",
                "--checkpoint=fast"))
        .orThrow();
  }

  /**
   * Adds a line trusting replication connections of {@code postgres} from 127.0.0.1 to the created
   * cluster's pg_hba.conf, unless one for every user is there already.
   */
  private static void allowReplication(String name, int port) {
    Path hba = CONFIG_ROOT.resolve(name).resolve("pg_hba.conf");
    try {
      List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
      boolean present =
          lines.stream()
              .map(String::strip)
              .anyMatch(
                  l -> l.matches("host\\s+replication\\s+all\\s+127\\.0\\.0\\.1/32\\s+trust"));
      if (!present) {
        Files.write(
            hba,
            List.of("# cistern-testkit: replicas", "host replication postgres 127.0.0.1/32 trust"),
            StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot configure " + hba, e);
    }
  }

  /** A step between creating a cluster and starting it. */
  @FunctionalInterface
  private interface BeforeStart {
    void run(String name, int port);
  }

  private void closeAfterFailedStart(RuntimeException cause) {
    try {
      close();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private Connection admin() throws SQLException {
    return connect(jdbcUrl("postgres"), ADMIN_APPLICATION, 5);
  }

  private static Connection connect(String jdbcUrl, String applicationName, int connectSeconds)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", applicationName);
    p.setProperty("connectTimeout", Integer.toString(connectSeconds));
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(jdbcUrl, p);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private static void create(String name, int port, List<String> extraSettings) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("/usr/bin/pg_createcluster", VERSION, name, "-p", Integer.toString(port)));
    cmd.addAll(List.of("--start-conf=manual", "--", "--auth-local=trust", "--auth-host=trust"));
    cmd.add("--no-sync");
    ServerSupport.run(COMMAND_TIMEOUT, cmd).orThrow();
    List<String> lines = new ArrayList<>(SETTINGS);
    lines.addAll(extraSettings);
    Path conf = CONFIG_ROOT.resolve(name).resolve("postgresql.conf");
    try {
      Files.write(conf, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot configure " + conf, e);
    }
  }

  private static ServerSupport.Result ctl(String name, String action, String... options) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name));
    cmd.add(action);
    cmd.addAll(List.of(options));
    return ServerSupport.run(COMMAND_TIMEOUT, cmd);
  }

  private static ServerSupport.Result drop(String name) {
    return ServerSupport.run(
        COMMAND_TIMEOUT, List.of("/usr/bin/pg_dropcluster", VERSION, name, "--stop"));
  }

  /** Drops a cluster that may be half-created; failures are added to {@code cause}. */
  private static void dropQuietly(String name, Exception cause) {
    try {
      if (Files.exists(CONFIG_ROOT.resolve(name)) || Files.exists(DATA_ROOT.resolve(name))) {
        ServerSupport.Result r = drop(name);
        if (!r.ok()) {
          cause.addSuppressed(new IllegalStateException(r.describe()));
        }
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Whether a failed create or start blamed the port: {@code pg_createcluster} or the bind. */
  private static boolean portTaken(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("already in use") || m.contains("already used");
  }

  private static String randomSuffix() {
    return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }
}
