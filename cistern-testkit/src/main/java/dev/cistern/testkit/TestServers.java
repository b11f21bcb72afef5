package dev.cistern.testkit;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Discovers the PostgreSQL and MariaDB servers the fixtures run against and decides what happens
 * when one is down.
 *
 * <p>Server URLs come from the environment variables {@code CISTERN_TEST_POSTGRES_URL} and {@code
 * CISTERN_TEST_MARIADB_URL} (Cistern or JDBC form, see {@link ServerEndpoint#parse}) and default to
 * {@code postgresql://postgres@127.0.0.1:5432/test} and {@code mariadb://root@127.0.0.1:3306/test}.
 * Each server is probed once (a JDBC login with a connect timeout of about two seconds) and the
 * outcome is cached. If the server is unreachable, {@link #require} aborts the calling test (it is
 * reported as skipped) and one line explaining why is printed to standard error, once per server;
 * if the environment variable {@code CI} is {@code true} the test fails with that explanation
 * instead, so a CI job cannot silently skip its database tests.
 *
 * <p>{@link #shared()} is the instance the fixtures use, reading the real environment, so the probe
 * runs once per JVM. Tests of this logic create their own instance with an injected environment.
 */
public final class TestServers {
  private static final TestServers SHARED = new TestServers(System::getenv, System.err);
  private static final int CONNECT_TIMEOUT_SECONDS = 2;

  private final Function<String, String> environment;
  private final PrintStream log;
  private final Map<ServerEndpoint, Optional<String>> probes = new ConcurrentHashMap<>();
  private final Set<ServerEndpoint> reported = ConcurrentHashMap.newKeySet();

  /**
   * Creates an instance with its own probe cache.
   *
   * @param environment looks up an environment variable, returning {@code null} if it is unset
   * @param log where the one-line "skipping" notice goes
   */
  public TestServers(Function<String, String> environment, PrintStream log) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * The JVM-wide instance reading {@link System#getenv} and printing to {@link System#err}.
   *
   * @return the shared instance
   */
  public static TestServers shared() {
    return SHARED;
  }

  /**
   * Whether the environment says this is a CI run ({@code CI=true}, case-insensitive).
   *
   * @return true in a CI run
   */
  public boolean isCi() {
    return "true".equalsIgnoreCase(Objects.toString(environment.apply("CI"), "").strip());
  }

  /**
   * The configured endpoint of a server kind: its environment variable, else the default.
   *
   * @param kind the kind of server
   * @return the configured endpoint
   */
  public ServerEndpoint endpoint(DatabaseKind kind) {
    String configured = environment.apply(kind.urlVariable());
    if (configured == null || configured.isBlank()) {
      return ServerEndpoint.defaultFor(kind);
    }
    return ServerEndpoint.parse(kind, configured);
  }

  /**
   * Why the configured server of this kind cannot be used, or empty if it answered the probe. The
   * probe runs at most once per endpoint and instance.
   *
   * @param kind the kind of server
   * @return the reason, or empty if the server is reachable
   */
  public Optional<String> unavailableReason(DatabaseKind kind) {
    if (!kind.isServer()) {
      return Optional.empty();
    }
    return probes.computeIfAbsent(endpoint(kind), TestServers::probe);
  }

  /**
   * Returns the endpoint of a reachable server, or stops the calling test: aborted (skipped) with a
   * one-time notice on standard error, or failed when {@code CI=true}.
   *
   * @param kind the kind of server
   * @return the endpoint of the reachable server
   * @throws TestAbortedException if the server is unreachable outside CI
   * @throws AssertionFailedError if the server is unreachable and {@code CI=true}
   */
  public ServerEndpoint require(DatabaseKind kind) {
    if (!kind.isServer()) {
      throw new IllegalArgumentException("H2 is embedded; there is no server to require");
    }
    ServerEndpoint endpoint = endpoint(kind);
    Optional<String> reason = unavailableReason(kind);
    if (reason.isEmpty()) {
      return endpoint;
    }
    String name = kind.displayName();
    String what =
        "cistern-testkit: "
            + name
            + " at "
            + endpoint.address()
            + " is not reachable ("
            + reason.get()
            + ")";
    String hint = " Start it or set " + kind.urlVariable() + ".";
    if (isCi()) {
      throw new AssertionFailedError(
          what + "; CI=true, so " + name + " tests fail instead of being skipped." + hint);
    }
    String skip = what + "; skipping " + name + " tests." + hint;
    if (reported.add(endpoint)) {
      log.println(skip);
      log.flush();
    }
    throw new TestAbortedException(skip);
  }

  private static Optional<String> probe(ServerEndpoint endpoint) {
    Properties props = endpoint.credentials();
    if (endpoint.kind() == DatabaseKind.POSTGRESQL) {
      props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
      props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
      props.setProperty("ApplicationName", "cistern-testkit-probe");
    } else {
      props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS * 1000));
    }
    try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), props)) {
      return c.isValid(CONNECT_TIMEOUT_SECONDS) ? Optional.empty() : Optional.of("not valid");
    } catch (SQLException e) {
      return Optional.of(rootMessage(e));
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String firstLine = message.strip().lines().findFirst().orElse(message);
    return firstLine;
  }
}
