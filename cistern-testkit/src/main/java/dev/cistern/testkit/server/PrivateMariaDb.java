package dev.cistern.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A private MariaDB server for destructive tests: {@code mariadb-install-db} into a temporary
 * directory, then {@code /usr/sbin/mariadbd} as a child process of this JVM with its own data
 * directory, socket, pid file and a free port on 127.0.0.1, so a test can stop, restart and kill
 * the connections of it without touching the shared server on 3306. It is only ever stopped through
 * its own pid.
 *
 * <p>User {@code root} has an empty password over TCP. The server allows 300 connections, runs with
 * a 32 MB buffer pool, no binary log and no flush at commit, and has {@code performance_schema} on,
 * so that {@link #sessions} can see the {@code program_name} connection attribute (Cistern's
 * application name on MariaDB).
 *
 * <p>{@link #close()} kills the server and deletes the temporary directory; a JVM shutdown hook
 * does the same if a test run ends without closing it. Every wait is bounded.
 */
public final class PrivateMariaDb implements AutoCloseable {
  private static final String USER = "root";
  private static final String ADMIN_APPLICATION = "cistern-testkit-admin";
  private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private volatile Process process;

  private PrivateMariaDb(Path dir, int port, List<String> extraArgs) {
    this.dir = dir;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.shutdownHook = ServerSupport.addShutdownHook(dir.getFileName().toString(), this::close);
  }

  /**
   * Installs a fresh data directory in a new temporary directory, starts {@code mariadbd} on a free
   * loopback port and waits (at most 30 s) until it accepts connections. If any step fails, the
   * process is killed and the directory deleted before the exception is thrown; a start that fails
   * because another process took the port is retried on another port, up to three times.
   *
   * @return the running server; close it to stop it and delete its directory
   * @throws IllegalStateException if the server cannot be installed or started
   */
  public static PrivateMariaDb start() {
    return start(Path.of(System.getProperty("java.io.tmpdir")), List.of());
  }

  /**
   * Whether {@code mariadbd} and {@code mariadb-install-db} are installed and this runs as root.
   *
   * @return true if a private server can be started
   */
  public static boolean isAvailable() {
    return Files.isExecutable(MARIADBD)
        && Files.isExecutable(INSTALL_DB)
        && "root".equals(System.getProperty("user.name"));
  }

  /** {@link #start()} under a given parent directory and with extra server options, for tests. */
  static PrivateMariaDb start(Path parent, List<String> extraArgs) {
    Path dir;
    try {
      dir = Files.createTempDirectory(parent, "cistern-mariadb-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory under " + parent, e);
    }
    try {
      install(dir);
    } catch (RuntimeException e) {
      ServerSupport.deleteTree(dir, e);
      throw e;
    }
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      PrivateMariaDb server = new PrivateMariaDb(dir, ServerSupport.freeLoopbackPort(), extraArgs);
      try {
        server.launch();
        return server;
      } catch (RuntimeException e) {
        server.killQuietly(e);
        ServerSupport.removeShutdownHook(server.shutdownHook);
        failure = e;
        if (!server.errorLog().contains("already in use")) {
          break;
        }
        // another process took the port between our probe and the server's bind: try another
      }
    }
    ServerSupport.deleteTree(dir, failure);
    throw failure;
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
   * Returns the port the server listens on.
   *
   * @return the listening port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's pid while it runs.
   *
   * @return the process id
   */
  public long pid() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException(this + " is not running");
    }
    return p.pid();
  }

  /**
   * Returns the temporary directory holding the data directory, socket, pid file and logs.
   *
   * @return the temporary directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * Returns a Cistern URL for {@code database}: {@code mariadb://root@127.0.0.1:PORT/db}.
   *
   * @param database the database name
   * @return the Cistern URL
   */
  public String url(String database) {
    return "mariadb://" + USER + "@" + host() + ":" + port + "/" + database;
  }

  /**
   * Returns a JDBC URL for {@code database}: {@code jdbc:mariadb://127.0.0.1:PORT/db?user=root}.
   *
   * @param database the database name
   * @return the JDBC URL
   */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://" + host() + ":" + port + "/" + database + "?user=" + USER;
  }

  /**
   * Stops the server: {@code fast} sends SIGTERM to its pid (a clean shutdown that disconnects the
   * clients) and waits at most 30 s, then SIGKILL if it is still running; otherwise SIGKILL at
   * once, as after a crash. Either way this returns once the process has exited.
   *
   * @param fast true for SIGTERM and a clean shutdown, false for SIGKILL at once
   */
  public void stop(boolean fast) {
    ensureOpen();
    Process p = process;
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException(this + " is not running");
    }
    if (fast) {
      p.destroy();
      if (waitFor(p, STOP_TIMEOUT)) {
        return;
      }
    }
    p.destroyForcibly();
    if (!waitFor(p, KILL_TIMEOUT)) {
      throw new IllegalStateException(this + " (pid " + p.pid() + ") did not exit after SIGKILL");
    }
  }

  /** Starts the stopped server again: same data directory, same port; waits until it accepts. */
  public void startAgain() {
    ensureOpen();
    Process p = process;
    if (p != null && p.isAlive()) {
      throw new IllegalStateException(this + " is running (pid " + p.pid() + ")");
    }
    try {
      launch();
    } catch (RuntimeException e) {
      killQuietly(e);
      throw e;
    }
  }

  /** Stops the server with SIGTERM and starts it again; bounded like each of those. */
  public void restart() {
    stop(true);
    startAgain();
  }

  /**
   * Kills every client connection except the one this method uses ({@code KILL CONNECTION}) and
   * waits (at most 10 s) until they are gone from the process list; their clients see a connection
   * error (MariaDB Connector/J: {@code SQLNonTransientConnectionException}, SQLState {@code 08000})
   * on their next statement.
   */
  public void killAllConnections() {
    ensureOpen();
    try (Connection c = admin()) {
      List<Long> ids = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select ID from information_schema.processlist where ID <> CONNECTION_ID()"
                      + " and COMMAND <> 'Daemon' and USER <> 'system user'")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      for (long id : ids) {
        try (Statement st = c.createStatement()) {
          st.execute("KILL CONNECTION " + id);
        } catch (SQLException e) {
          if (e.getErrorCode() != 1094) { // unknown thread id: it ended meanwhile
            throw e;
          }
        }
      }
      awaitGone(c, ids);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot kill the connections of " + this, e);
    }
  }

  /**
   * Returns how many connections (other than the counter's own) either log in as the user {@code
   * applicationName} or carry it as their {@code program_name} connection attribute, which is how
   * Cistern names its sessions on MariaDB ({@code connectionAttributes=program_name:NAME}; commas
   * and colons in the name become {@code _}, as Cistern writes them).
   *
   * @param applicationName the user or program name to count
   * @return the number of connections
   */
  public int sessions(String applicationName) {
    Objects.requireNonNull(applicationName, "applicationName");
    ensureOpen();
    try (Connection c = admin();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from information_schema.processlist p"
                    + " where p.ID <> CONNECTION_ID() and (p.USER = ? or p.ID in"
                    + " (select PROCESSLIST_ID from performance_schema.session_connect_attrs"
                    + " where ATTR_NAME = 'program_name' and ATTR_VALUE = ?))")) {
      ps.setString(1, applicationName);
      ps.setString(2, applicationName.replace(',', '_').replace(':', '_'));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the sessions of " + this, e);
    }
  }

  /**
   * Creates the database {@code name}.
   *
   * @param name the database name
   */
  public void createDatabase(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("create database `" + name.replace("`", "``") + "`");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on " + this, e);
    }
  }

  /**
   * Kills the server (SIGKILL to its pid) if it runs and deletes the temporary directory.
   * Idempotent; also run by a JVM shutdown hook.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ServerSupport.removeShutdownHook(shutdownHook);
    IllegalStateException failure = new IllegalStateException("cannot close " + this);
    killQuietly(failure);
    ServerSupport.deleteTree(dir, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Returns {@code PrivateMariaDb[127.0.0.1:PORT, DIR]}. */
  @Override
  public String toString() {
    return "PrivateMariaDb[" + host() + ":" + port + ", " + dir + "]";
  }

  private static void install(Path dir) {
    ServerSupport.run(
            INSTALL_TIMEOUT,
            List.of(
                INSTALL_DB.toString(),
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--user=root",
                "--innodb-log-file-size=16M"))
        .orThrow();
  }

  private List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(MARIADBD.toString());
    cmd.add("--no-defaults"); // must come first
    cmd.add("--datadir=" + dir.resolve("data"));
    cmd.add("--port=" + port);
    cmd.add("--bind-address=" + ServerSupport.LOOPBACK);
    cmd.add("--socket=" + dir.resolve("mysqld.sock"));
    cmd.add("--pid-file=" + dir.resolve("mysqld.pid"));
    cmd.add("--log-error=" + dir.resolve("error.log"));
    cmd.add("--user=root");
    cmd.add("--max-connections=300");
    cmd.add("--innodb-buffer-pool-size=32M");
    cmd.add("--innodb-log-file-size=16M");
    cmd.add("--innodb-flush-log-at-trx-commit=0");
    cmd.add("--skip-log-bin");
    cmd.add("--skip-name-resolve");
    cmd.add("--performance-schema=ON");
    cmd.addAll(extraArgs);
    return cmd;
  }

  /** Starts the process and waits until it accepts; the caller kills it if this throws. */
  private void launch() {
    try {
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.out").toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + MARIADBD, e);
    }
    Process p = process;
    ServerSupport.awaitAccepting(
        toString(),
        ACCEPT_TIMEOUT,
        () -> connect(jdbcUrl(""), 2_000),
        () ->
            p.isAlive()
                ? null
                : "mariadbd exited with " + p.exitValue() + "; its log ends: " + errorLog());
  }

  private String errorLog() {
    return ServerSupport.tailOf(dir.resolve("error.log"))
        + ServerSupport.tailOf(dir.resolve("mariadbd.out"));
  }

  private void awaitGone(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    StringBuilder in = new StringBuilder();
    for (long id : ids) {
      in.append(in.length() == 0 ? "" : ",").append(id);
    }
    String query = "select count(*) from information_schema.processlist where ID in (" + in + ")";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (Statement st = c.createStatement()) {
      for (int attempt = 0; attempt < 1_000; attempt++) {
        try (ResultSet rs = st.executeQuery(query)) {
          rs.next();
          if (rs.getInt(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() - deadline >= 0) {
          break;
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
    throw new IllegalStateException("killed connections of " + this + " still listed after 10 s");
  }

  private Connection admin() throws SQLException {
    return connect(jdbcUrl(""), 5_000);
  }

  private static Connection connect(String jdbcUrl, int connectMillis) throws SQLException {
    Properties p = new Properties();
    p.setProperty("connectTimeout", Integer.toString(connectMillis));
    p.setProperty("socketTimeout", "60000");
    p.setProperty("connectionAttributes", "program_name:" + ADMIN_APPLICATION);
    return DriverManager.getConnection(jdbcUrl, p);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Kills our process (SIGKILL to its pid) if it runs; a failure is added to {@code cause}. */
  private void killQuietly(Exception cause) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroyForcibly();
    if (!waitFor(p, KILL_TIMEOUT)) {
      cause.addSuppressed(
          new IllegalStateException("mariadbd (pid " + p.pid() + ") did not exit after SIGKILL"));
    }
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
