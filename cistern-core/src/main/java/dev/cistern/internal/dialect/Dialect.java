package dev.cistern.internal.dialect;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import dev.cistern.DriverNotFoundException;
import dev.cistern.InvalidUrlException;
import dev.cistern.internal.sql.SqlSyntax;
import dev.cistern.internal.util.Durations;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * What Cistern knows about one kind of database: its URL forms, its JDBC driver, how to ping it,
 * how to count its sessions and which errors mean "disconnected". Adding a database is one small
 * subclass registered in {@link Dialects}.
 *
 * <p>Instances are stateless apart from a cache of driver instances, and thread-safe.
 */
public abstract class Dialect {
  private final ConcurrentMap<String, Driver> drivers = new ConcurrentHashMap<>();

  /** Returns the canonical dialect name used in URLs, e.g. {@code postgresql}. */
  public abstract String name();

  /** Returns other names accepted in URLs, e.g. {@code postgres}. */
  public List<String> aliases() {
    return List.of();
  }

  /**
   * Returns true if the dialect also takes the opaque form without {@code //}, e.g. {@code
   * h2:mem:orders}, where the database part follows the colon and user and password are query keys.
   */
  public boolean allowsOpaqueForm() {
    return false;
  }

  /** Returns the drivers this dialect can use, in order of preference. */
  public abstract List<DriverChoice> driverChoices();

  /**
   * Returns the JDBC URL for the driver {@link #preferredDriver} picks; a raw {@code jdbc:} URL is
   * returned unchanged. The JDBC URL never holds the user or password: they go in {@link
   * #connectionProperties}.
   *
   * @throws InvalidUrlException if the URL names an unknown driver or has parts the dialect cannot
   *     use
   */
  public String jdbcUrl(DatabaseUrl url) {
    if (url.isRawJdbc()) {
      return url.rawJdbcUrl().orElseThrow();
    }
    return buildJdbcUrl(url, preferredDriver(url));
  }

  /** Builds the JDBC URL of a non-raw URL for the given driver. */
  protected abstract String buildJdbcUrl(DatabaseUrl url, DriverChoice driver);

  /**
   * Chooses the driver: the one named after {@code +} in the URL, else the first whose class loads.
   *
   * @throws InvalidUrlException if the URL names a driver this dialect does not know
   * @throws DriverNotFoundException if the chosen driver, or every driver, is not on the class path
   */
  public DriverChoice chooseDriver(DatabaseUrl url) {
    DriverChoice choice = preferredDriver(url);
    if (!isLoadable(choice)) {
      throw new DriverNotFoundException(name(), choice.driverClass(), choice.mavenCoordinates());
    }
    return choice;
  }

  /**
   * Like {@link #chooseDriver} but never fails for a missing class: the named driver, else the
   * first loadable one, else the first one.
   *
   * @throws InvalidUrlException if the URL names a driver this dialect does not know
   */
  public DriverChoice preferredDriver(DatabaseUrl url) {
    List<DriverChoice> choices = driverChoices();
    if (choices.isEmpty()) {
      throw new IllegalStateException("the " + name() + " dialect has no known driver");
    }
    Optional<String> wanted = url.driver();
    if (wanted.isPresent()) {
      for (DriverChoice c : choices) {
        if (c.name().equalsIgnoreCase(wanted.get())) {
          return c;
        }
      }
      throw new InvalidUrlException(
          "unknown driver '"
              + wanted.get()
              + "' for the "
              + name()
              + " dialect; known drivers: "
              + choices.stream().map(DriverChoice::name).collect(Collectors.joining(", ")),
          url.toString(),
          -1);
    }
    for (DriverChoice c : choices) {
      if (isLoadable(c)) {
        return c;
      }
    }
    return choices.get(0);
  }

  /**
   * Returns the properties to connect with: {@code user} and {@code password} if the URL has them,
   * the URL's driver properties, and the application name in the dialect's own property (see {@link
   * #applyApplicationName}).
   *
   * @param applicationName the name the session shows on the server, or {@code null} for none
   */
  public Properties connectionProperties(DatabaseUrl url, String applicationName) {
    Properties p = new Properties();
    url.username().ifPresent(u -> p.setProperty("user", u));
    url.password().ifPresent(pw -> p.setProperty("password", pw));
    url.driverProperties().forEach(p::setProperty);
    if (applicationName != null) {
      applyApplicationName(p, applicationName);
    }
    return p;
  }

  /** Sets the application name in the driver's property; by default the dialect has none. */
  protected void applyApplicationName(Properties p, String applicationName) {}

  /**
   * Sets the driver's connect timeout, its socket timeout while connecting, and TCP keepalive from
   * {@code t}, each only where the URL did not set it; returns true if it did, so that {@link
   * #connect(DatabaseUrl, String, Credentials, NetworkTimeouts)} then gives the open connection its
   * session socket timeout. By default the dialect sets nothing (embedded databases have no
   * network).
   */
  protected boolean applyNetworkTimeouts(DatabaseUrl url, Properties p, NetworkTimeouts t) {
    return false;
  }

  /** Sets {@code value} unless {@code p} already has {@code key}. */
  protected static void setIfAbsent(Properties p, String key, Object value) {
    if (!p.containsKey(key)) {
      p.setProperty(key, String.valueOf(value));
    }
  }

  /**
   * Opens a connection with the chosen driver's class (not through {@code DriverManager}).
   *
   * @param applicationName the name the session shows on the server, or {@code null}
   * @throws SQLException if the driver fails to connect or does not accept the JDBC URL
   * @throws DriverNotFoundException if the driver is not on the class path
   */
  public Connection connect(DatabaseUrl url, String applicationName) throws SQLException {
    return connect(url, applicationName, null);
  }

  /**
   * Opens a connection as {@link #connect(DatabaseUrl, String)} does, with the user and password
   * from {@code credentials} (if not null) instead of the URL's; works for raw JDBC URLs too.
   */
  public Connection connect(DatabaseUrl url, String applicationName, Credentials credentials)
      throws SQLException {
    return connect(url, applicationName, credentials, NetworkTimeouts.NONE);
  }

  /**
   * Opens a connection as {@link #connect(DatabaseUrl, String, Credentials)} does, bounded by
   * {@code timeouts} where the URL sets no bound of its own: the connect and the login handshake by
   * {@code timeouts.connect()}, then every read of the open connection by {@code
   * timeouts.session()} ({@link Connection#setNetworkTimeout}; zero for none). A connection whose
   * session timeout cannot be set is closed, and the error thrown.
   */
  public Connection connect(
      DatabaseUrl url, String applicationName, Credentials credentials, NetworkTimeouts timeouts)
      throws SQLException {
    Properties p = connectionProperties(url, applicationName);
    boolean bounded = timeouts != NetworkTimeouts.NONE && applyNetworkTimeouts(url, p, timeouts);
    if (credentials != null) {
      p.remove("user");
      p.remove("password");
      if (credentials.username() != null) {
        p.setProperty("user", credentials.username());
      }
      if (credentials.password() != null) {
        p.setProperty("password", credentials.password());
      }
    }
    Connection c = open(url, p);
    if (bounded) {
      try {
        c.setNetworkTimeout(Runnable::run, NetworkTimeouts.millis(timeouts.session()));
      } catch (SQLException | RuntimeException e) {
        try {
          c.close();
        } catch (SQLException | RuntimeException ce) {
          e.addSuppressed(ce);
        }
        throw e;
      }
    }
    return c;
  }

  /** Opens a connection with the given driver properties. */
  protected Connection open(DatabaseUrl url, Properties properties) throws SQLException {
    DriverChoice choice = chooseDriver(url);
    Driver driver = driver(choice);
    String jdbcUrl = jdbcUrl(url);
    Connection c = driver.connect(jdbcUrl, properties);
    if (c == null) {
      throw refused(url, jdbcUrl, choice.driverClass());
    }
    return c;
  }

  /**
   * The exception for a driver that returned {@code null} because it does not take the JDBC URL. A
   * raw URL is shown masked; a URL Cistern made holds no password.
   */
  static SQLException refused(DatabaseUrl url, String jdbcUrl, String driverClass) {
    return new DriverRefusedUrlException(
        "the JDBC driver "
            + driverClass
            + " does not accept the URL "
            + (url.isRawJdbc() ? url.toString() : jdbcUrl));
  }

  /** A driver that does not take the URL: no retry changes that. */
  static final class DriverRefusedUrlException extends SQLException {
    private static final long serialVersionUID = 1L;

    DriverRefusedUrlException(String message) {
      super(message, "08001");
    }
  }

  /** Returns the cached driver instance for a choice, loading and instantiating it once. */
  final Driver driver(DriverChoice choice) throws SQLException {
    Driver d = drivers.get(choice.driverClass());
    if (d != null) {
      return d;
    }
    Class<?> k =
        loadClass(choice.driverClass())
            .orElseThrow(
                () ->
                    new DriverNotFoundException(
                        name(), choice.driverClass(), choice.mavenCoordinates()));
    if (!Driver.class.isAssignableFrom(k)) {
      throw new SQLException(choice.driverClass() + " is not a java.sql.Driver");
    }
    try {
      d = (Driver) k.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SQLException("cannot instantiate the JDBC driver " + choice.driverClass(), e);
    }
    Driver before = drivers.putIfAbsent(choice.driverClass(), d);
    return before == null ? d : before;
  }

  /** Returns true if the choice's driver class can be loaded. */
  public final boolean isLoadable(DriverChoice choice) {
    return drivers.containsKey(choice.driverClass()) || loadClass(choice.driverClass()).isPresent();
  }

  static Optional<Class<?>> loadClass(String className) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader l : new ClassLoader[] {context, Dialect.class.getClassLoader()}) {
      if (l == null) {
        continue;
      }
      try {
        return Optional.of(Class.forName(className, false, l));
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return Optional.empty();
  }

  /**
   * Returns true if the connection answers within the timeout ({@link Connection#isValid}, in whole
   * seconds rounded up, at least one); false if it does not or is closed.
   */
  public boolean ping(Connection c, Duration timeout) {
    try {
      return c.isValid(Durations.toJdbcSeconds(timeout));
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Returns true if the error, an error in its cause chain or one chained by {@link
   * SQLException#getNextException()} means the connection is gone.
   */
  public final boolean isDisconnect(SQLException e) {
    for (Throwable t : chain(e)) {
      if (t instanceof SQLException s && isDisconnectSignal(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns true if {@code e}, an error in its cause chain or one chained by {@link
   * SQLException#getNextException()} has SQLState {@code state}.
   *
   * @param e the error
   * @param state the SQLState looked for
   * @return whether some error of the chain has it
   */
  public static boolean hasSqlState(SQLException e, String state) {
    for (Throwable t : chain(e)) {
      if (t instanceof SQLException s && state.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns {@code e}, its causes and, for SQL exceptions, their {@linkplain
   * SQLException#getNextException() chained} exceptions, each once, depth first.
   */
  private static List<Throwable> chain(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> out = new ArrayList<>();
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.push(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      out.add(t);
      if (t instanceof SQLException s && s.getNextException() != null) {
        todo.push(s.getNextException());
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
    }
    return out;
  }

  /**
   * Returns true if this one exception (not its causes) means disconnected: by default a {@link
   * SQLNonTransientConnectionException}, a {@link SQLRecoverableException} or SQLState class {@code
   * 08}. Dialects add their own states and codes.
   */
  protected boolean isDisconnectSignal(SQLException e) {
    return e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || hasStateClass(e, "08");
  }

  /**
   * Returns true if an error from opening a connection will not heal by retrying, so that the
   * borrowers waiting for it should fail at once: the server refused the credentials or knows no
   * such database or role, a driver property or the URL is invalid, the host name does not resolve,
   * or the driver is missing. Errors that can heal (connection refused or timed out, too many
   * connections, server starting) return false and are retried until the borrower's deadline.
   *
   * <p>The error, its causes and its chained exceptions are looked at; a sign that the error can
   * heal ({@link #isTransientConnectSignal}) wins over a sign that it cannot.
   */
  public final boolean isPermanentConnectError(Throwable error) {
    if (error instanceof RuntimeException && !(error.getCause() instanceof SQLException)) {
      return true; // a missing driver, a bad URL, a driver bug: nothing the network causes
    }
    boolean permanent = false;
    for (Throwable t : chain(error)) {
      if (t instanceof SQLException s) {
        if (isTransientConnectSignal(s)) {
          return false;
        }
        permanent |= isPermanentConnectSignal(s);
      } else if (t instanceof java.net.UnknownHostException
          || t instanceof IllegalArgumentException // a driver property that does not parse
          || t instanceof DriverNotFoundException) {
        permanent = true;
      }
    }
    return permanent;
  }

  /**
   * Returns true if this one exception (not its causes) says opening a connection cannot succeed as
   * things are: by default SQLState class {@code 28} (invalid authorization), {@code 3D000}
   * (unknown database), {@code 08004} (the server rejected the connection), {@code 22023} (an
   * invalid parameter value), or a {@link SQLInvalidAuthorizationSpecException}. Dialects add their
   * own codes.
   */
  protected boolean isPermanentConnectSignal(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLInvalidAuthorizationSpecException
        || e instanceof DriverRefusedUrlException
        || hasStateClass(e, "28")
        || "3D000".equals(state)
        || "08004".equals(state)
        || "22023".equals(state);
  }

  /**
   * Returns true if this one exception (not its causes) says opening a connection may succeed later
   * even though {@link #isPermanentConnectSignal} says otherwise (say, "too many connections"
   * reported with SQLState 08004); by default none.
   */
  protected boolean isTransientConnectSignal(SQLException e) {
    return false;
  }

  /** Returns true if the exception's SQLState starts with the given class, e.g. {@code 08}. */
  protected static boolean hasStateClass(SQLException e, String stateClass) {
    String state = e.getSQLState();
    return state != null && state.startsWith(stateClass);
  }

  /**
   * Returns the lexical rules of the database's SQL, for finding {@code :name} parameters; by
   * default standard SQL.
   */
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.ANSI;
  }

  /**
   * Returns the most {@code ?} parameters one statement may have; by default a conservative 2000
   * for a database Cistern does not know.
   */
  public int maxBindParameters() {
    return 2000;
  }

  /**
   * Returns true if the database takes {@code INSERT ... VALUES (..), (..)} with several tuples; by
   * default false.
   */
  public boolean supportsMultiRowInsert() {
    return false;
  }

  /**
   * Returns how to ask this dialect's server what its sessions are doing, for the lost-request
   * check, or empty if it cannot say (embedded databases, servers without a per-session idle time).
   */
  public abstract java.util.Optional<SessionProbe> sessionProbe();

  /**
   * Returns how many connections the server accepts from ordinary clients, read on {@code c} (one
   * query), or empty if the database has no such limit or the dialect cannot say (embedded
   * databases, unknown servers). Every dialect answers explicitly: there is no default. The engine
   * calls it once, on its first connection, for its sizing check.
   *
   * @throws SQLException if the query fails (say, no privilege to read the settings)
   */
  public abstract Optional<ServerLimits> serverLimits(Connection c) throws SQLException;

  /** Returns true if {@link #countSessions} works for this dialect. */
  public boolean canCountSessions() {
    return true;
  }

  /**
   * Counts the server's sessions of the application (or database, where the server cannot see
   * application names), not counting {@code admin}'s own session.
   *
   * @param admin a connection to count with
   * @param applicationName the application name, or {@code null} for any
   * @param database the database, or {@code null} for any
   * @throws UnsupportedOperationException if {@link #canCountSessions()} is false
   */
  public abstract int countSessions(Connection admin, String applicationName, String database)
      throws SQLException;

  /** Runs a query that returns one number, binding the given string parameters. */
  protected static int countQuery(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /** Returns the hosts as {@code host:port,host2}, IPv6 in brackets; {@code localhost} if none. */
  protected static String hostList(DatabaseUrl url) {
    if (url.hosts().isEmpty()) {
      return "localhost";
    }
    return url.hosts().stream().map(DatabaseUrl.Host::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return name();
  }
}
