package dev.cistern.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A private PgBouncer (Debian's {@code /usr/sbin/pgbouncer}) in front of a PostgreSQL server, for
 * tests of pooling behind a connection pooler: started as a child process of this JVM in the
 * foreground, with its configuration, user list, log, pid file and Unix socket in a fresh temporary
 * directory, listening on a free port of 127.0.0.1 only.
 *
 * <p>It runs as user {@code postgres} ({@code -u postgres}: PgBouncer refuses to run as root) with
 * {@code auth_type = trust}: user {@code postgres} connects without a password, and is also the
 * admin and stats user of the admin console (database {@code pgbouncer}), which {@link #show} and
 * {@link #showConfig()} read with a minimal client of the PostgreSQL protocol's simple query
 * (pgjdbc cannot log in to PgBouncer 1.18's console: it sends {@code SET extra_float_digits}, which
 * the console refuses). By default every database name goes to the target ({@code * = host=...
 * port=...}). {@code ignore_startup_parameters = extra_float_digits} lets pgjdbc connect; {@code
 * server_reset_query = DISCARD ALL} (which PgBouncer runs in session mode only).
 *
 * <p>In transaction mode pgjdbc needs {@code prepareThreshold=0} (no named server-side prepared
 * statements across transactions). {@link #close()} stops the process it started (SIGTERM, then
 * SIGKILL after 10 s) and deletes the directory; a JVM shutdown hook does the same if a test run
 * ends without closing it. Every wait is bounded. Requires root (to start it as {@code postgres}).
 */
public final class PgBouncer implements AutoCloseable {
  /** How PgBouncer hands a server connection to a client. */
  public enum PoolMode {
    /** A client keeps its server connection until it disconnects. */
    SESSION,
    /** A client holds a server connection only for the length of a transaction. */
    TRANSACTION;

    /**
     * The value of {@code pool_mode} in pgbouncer.ini: {@code session} or {@code transaction}.
     *
     * @return the {@code pool_mode} value
     */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");
  private static final String USER = "postgres";
  private static final String ADMIN_DATABASE = "pgbouncer";
  private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;
  private static final Pattern SETTING_KEY = Pattern.compile("[a-z_]+");

  private final Path dir;
  private final int port;
  private final PoolMode mode;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private volatile Process process;

  private PgBouncer(Path dir, int port, PoolMode mode) {
    this.dir = dir;
    this.port = port;
    this.mode = mode;
    this.shutdownHook = ServerSupport.addShutdownHook(dir.getFileName().toString(), this::close);
  }

  /**
   * Whether {@code /usr/sbin/pgbouncer} exists and is executable.
   *
   * @return true if PgBouncer can be started
   */
  public static boolean isAvailable() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts PgBouncer in front of {@code targetHost:targetPort} in {@code mode} with the defaults of
   * {@link Builder} ({@code default_pool_size} 10, {@code max_client_conn} 200, every database name
   * to the target) and waits (at most 20 s) until its admin console accepts connections.
   *
   * @param targetHost the PostgreSQL host to forward to
   * @param targetPort the PostgreSQL port
   * @param mode the pool mode
   * @return the running PgBouncer; close it to stop it
   * @throws IllegalStateException if it cannot be started; the message has the tail of its log
   */
  public static PgBouncer start(String targetHost, int targetPort, PoolMode mode) {
    return builder(targetHost, targetPort).mode(mode).start();
  }

  /**
   * Returns a builder for a PgBouncer in front of {@code targetHost:targetPort}: transaction mode,
   * {@code default_pool_size} 10, {@code max_client_conn} 200 and every database name to the target
   * unless set otherwise.
   *
   * @param targetHost the PostgreSQL host to forward to
   * @param targetPort the PostgreSQL port
   * @return the builder
   */
  public static Builder builder(String targetHost, int targetPort) {
    return new Builder(targetHost, targetPort);
  }

  /** Settings for {@link PgBouncer#builder}; {@link #start()} writes them and starts PgBouncer. */
  public static final class Builder {
    private final String targetHost;
    private final int targetPort;
    private PoolMode mode = PoolMode.TRANSACTION;
    private int defaultPoolSize = 10;
    private int maxClientConn = 200;
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(String targetHost, int targetPort) {
      this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
      if (targetPort <= 0 || targetPort > 65_535) {
        throw new IllegalArgumentException("targetPort out of range: " + targetPort);
      }
      this.targetPort = targetPort;
    }

    /**
     * Sets {@code pool_mode}; transaction by default.
     *
     * @param mode the pool mode
     * @return this builder
     */
    public Builder mode(PoolMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets {@code default_pool_size}, the server connections per database and user; 10.
     *
     * @param defaultPoolSize the server connections per database and user
     * @return this builder
     */
    public Builder defaultPoolSize(int defaultPoolSize) {
      if (defaultPoolSize <= 0) {
        throw new IllegalArgumentException("defaultPoolSize must be positive: " + defaultPoolSize);
      }
      this.defaultPoolSize = defaultPoolSize;
      return this;
    }

    /**
     * Sets {@code max_client_conn}, the client connections PgBouncer accepts; 200.
     *
     * @param maxClientConn the client connections accepted
     * @return this builder
     */
    public Builder maxClientConn(int maxClientConn) {
      if (maxClientConn <= 0) {
        throw new IllegalArgumentException("maxClientConn must be positive: " + maxClientConn);
      }
      this.maxClientConn = maxClientConn;
      return this;
    }

    /**
     * Adds a line {@code name = connectionString} to {@code [databases]}, e.g. {@code
     * database("app", "host=127.0.0.1 port=5432 dbname=test pool_size=2")}; {@code name} may be
     * {@code *}. Once any is added, the default wildcard entry is left out.
     *
     * @param name the database name clients use, or {@code *}
     * @param connectionString the libpq-style connection string PgBouncer uses for it
     * @return this builder
     */
    public Builder database(String name, String connectionString) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(connectionString, "connectionString");
      if (name.isBlank() || name.contains("=") || name.contains("\n")) {
        throw new IllegalArgumentException("not a database name: " + name);
      }
      if (connectionString.contains("\n")) {
        throw new IllegalArgumentException("a connection string is one line");
      }
      databases.put(name, connectionString);
      return this;
    }

    /**
     * Adds or replaces a line {@code key = value} in the {@code [pgbouncer]} section, e.g. {@code
     * setting("server_idle_timeout", "5")}; it wins over what this class writes itself, except
     * {@code listen_addr}, {@code listen_port} and the paths.
     *
     * @param key the setting's name
     * @param value the setting's value
     * @return this builder
     */
    public Builder setting(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (!SETTING_KEY.matcher(key).matches() || value.contains("\n")) {
        throw new IllegalArgumentException("not a setting: " + key + " = " + value);
      }
      settings.put(key, value);
      return this;
    }

    /**
     * Writes pgbouncer.ini and userlist.txt into a fresh temporary directory, starts PgBouncer as
     * user {@code postgres} on a free loopback port and waits (at most 20 s) until its admin
     * console answers {@code SHOW VERSION} (which does not connect to the target). A start that
     * fails because another process took the port is retried on another port, up to three times;
     * any failure kills the process and deletes the directory before the exception is thrown.
     *
     * @return the running PgBouncer; close it to stop it
     * @throws IllegalStateException if it cannot be started; the message has the tail of its log
     */
    public PgBouncer start() {
      Path dir = createDirectory();
      RuntimeException failure = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        PgBouncer bouncer = new PgBouncer(dir, ServerSupport.freeLoopbackPort(), mode);
        try {
          bouncer.writeConfig(this);
          bouncer.launch();
          return bouncer;
        } catch (RuntimeException e) {
          bouncer.killQuietly(e);
          ServerSupport.removeShutdownHook(bouncer.shutdownHook);
          failure = e;
          if (!bouncer.log().contains("Address already in use")) {
            break;
          }
          // another process took the port between our probe and PgBouncer's bind: try another
        }
      }
      ServerSupport.deleteTree(dir, failure);
      throw failure;
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
   * Returns the port PgBouncer listens on.
   *
   * @return the listening port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the pool mode it was started with.
   *
   * @return the pool mode
   */
  public PoolMode mode() {
    return mode;
  }

  /**
   * Returns PgBouncer's pid while it runs.
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
   * Returns the temporary directory holding pgbouncer.ini, userlist.txt, the log and the socket.
   *
   * @return the temporary directory
   */
  public Path directory() {
    return dir;
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
   * Returns a JDBC URL for {@code database}: {@code
   * jdbc:postgresql://127.0.0.1:PORT/db?user=postgres} (the only user PgBouncer knows). In
   * transaction mode add {@code prepareThreshold=0}.
   *
   * @param database the database name
   * @return the JDBC URL
   */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database + "?user=" + USER;
  }

  /**
   * Returns {@code SHOW CONFIG} of the admin console: each setting's key and current value, e.g.
   * {@code pool_mode -> transaction}.
   *
   * @return the settings by key
   */
  public Map<String, String> showConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    for (Map<String, String> row : show("CONFIG")) {
      config.put(row.get("key"), row.get("value"));
    }
    return Collections.unmodifiableMap(config);
  }

  /**
   * Runs {@code SHOW what} on the admin console ({@code POOLS}, {@code CLIENTS}, {@code SERVERS},
   * {@code DATABASES}, {@code STATS}, ...) and returns its rows, each a map from column name to
   * value as text (null for SQL NULL), in column order. It connects to the admin console (database
   * {@code pgbouncer}) for each call.
   *
   * @param what what to show, such as {@code POOLS}
   * @return the rows, each a map from column name to value
   * @throws IllegalArgumentException if {@code what} is not a word
   */
  public List<Map<String, String>> show(String what) {
    Objects.requireNonNull(what, "what");
    if (!what.matches("[A-Za-z_]+")) {
      throw new IllegalArgumentException("not a SHOW command: " + what);
    }
    ensureOpen();
    try {
      return adminQuery("SHOW " + what, ADMIN_TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run SHOW " + what + " on " + this, e);
    }
  }

  /**
   * Stops PgBouncer (SIGTERM to the process it started, then SIGKILL if it has not exited after 10
   * s) and deletes the temporary directory. Idempotent; also run by a JVM shutdown hook.
   *
   * @throws IllegalStateException if the process survives SIGKILL or the directory cannot be
   *     deleted
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

  /** Returns {@code PgBouncer[127.0.0.1:PORT, mode, DIR]}. */
  @Override
  public String toString() {
    return "PgBouncer[" + host() + ":" + port + ", " + mode.configValue() + ", " + dir + "]";
  }

  private static Path createDirectory() {
    Path dir;
    try {
      dir = Files.createTempDirectory("cistern-pgbouncer-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      // PgBouncer runs as postgres and writes its log, pid file and socket here
      UserPrincipal postgres =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
      Files.setOwner(dir, postgres);
    } catch (IOException | RuntimeException e) {
      IllegalStateException f =
          new IllegalStateException("cannot give " + dir + " to user " + USER, e);
      ServerSupport.deleteTree(dir, f);
      throw f;
    }
    return dir;
  }

  private void writeConfig(Builder b) {
    List<String> ini = new ArrayList<>();
    ini.add("; cistern-testkit: a private PgBouncer for tests");
    ini.add("[databases]");
    if (b.databases.isEmpty()) {
      ini.add("* = host=" + b.targetHost + " port=" + b.targetPort);
    } else {
      b.databases.forEach((name, conn) -> ini.add(name + " = " + conn));
    }
    ini.add("");
    ini.add("[pgbouncer]");
    Map<String, String> s = new LinkedHashMap<>();
    s.put("auth_type", "trust");
    s.put("admin_users", USER);
    s.put("stats_users", USER);
    s.put("pool_mode", b.mode.configValue());
    s.put("default_pool_size", Integer.toString(b.defaultPoolSize));
    s.put("max_client_conn", Integer.toString(b.maxClientConn));
    s.put("ignore_startup_parameters", "extra_float_digits");
    s.put("server_reset_query", "DISCARD ALL");
    s.putAll(b.settings);
    s.put("listen_addr", ServerSupport.LOOPBACK);
    s.put("listen_port", Integer.toString(port));
    s.put("unix_socket_dir", dir.toString());
    s.put("auth_file", dir.resolve("userlist.txt").toString());
    s.put("logfile", dir.resolve("pgbouncer.log").toString());
    s.put("pidfile", dir.resolve("pgbouncer.pid").toString());
    s.forEach((k, v) -> ini.add(k + " = " + v));
    try {
      // trust still needs the user listed; the empty password is never checked
      Files.write(
          dir.resolve("userlist.txt"), List.of("\"" + USER + "\" \"\""), StandardCharsets.UTF_8);
      Files.write(dir.resolve("pgbouncer.ini"), ini, StandardCharsets.UTF_8);
      Files.deleteIfExists(dir.resolve("pgbouncer.log")); // a failed attempt's log
      Files.deleteIfExists(dir.resolve("pgbouncer.out"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration of " + this, e);
    }
  }

  /** Starts the process and waits until it accepts; the caller kills it if this throws. */
  private void launch() {
    try {
      process =
          new ProcessBuilder(BINARY.toString(), "-u", USER, dir.resolve("pgbouncer.ini").toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("pgbouncer.out").toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + BINARY, e);
    }
    Process p = process;
    try {
      Awaitility.await(this + " accepts connections")
          .atMost(ACCEPT_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                if (!p.isAlive()) {
                  throw new IllegalStateException(
                      this
                          + " stopped before it accepted connections: pgbouncer exited with "
                          + p.exitValue()
                          + "; its log ends: "
                          + log());
                }
                try {
                  adminQuery("SHOW VERSION", Duration.ofSeconds(2));
                  return true;
                } catch (IOException e) {
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          this
              + " did not accept connections within "
              + ACCEPT_TIMEOUT.toMillis()
              + " ms; its log ends: "
              + log(),
          e);
    }
  }

  private String log() {
    String out = ServerSupport.tailOf(dir.resolve("pgbouncer.out"));
    String log = ServerSupport.tailOf(dir.resolve("pgbouncer.log"));
    // in the foreground PgBouncer writes each line to both
    return out.contains(log) ? out : log + "\n" + out;
  }

  /** Runs {@code sql} on the admin console (database {@code pgbouncer}) and returns its rows. */
  private List<Map<String, String>> adminQuery(String sql, Duration timeout) throws IOException {
    return SimpleQueryClient.query(host(), port, USER, ADMIN_DATABASE, sql, timeout);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Stops the process this started, by its handle; failures are added to {@code cause}. */
  private void killQuietly(Exception cause) {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          if (!p.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            cause.addSuppressed(
                new IllegalStateException("pgbouncer (pid " + p.pid() + ") survived SIGKILL"));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      cause.addSuppressed(e);
    }
  }
}
