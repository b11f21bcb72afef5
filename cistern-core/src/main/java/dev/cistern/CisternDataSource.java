package dev.cistern;

import dev.cistern.internal.util.OptionSetters;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A Cistern engine as a JavaBean {@link DataSource}, for containers that make data sources by class
 * name and setters (Spring Boot's {@code spring.datasource.type}, {@code DataSourceBuilder}, JNDI
 * factories) and close them when they shut down.
 *
 * <pre>{@code
 * CisternDataSource ds = new CisternDataSource();
 * ds.setUrl("jdbc:postgresql://db/shop");       // a jdbc: URL or a Cistern URL
 * ds.setUsername("app");
 * ds.setPassword(secret);
 * ds.setPoolSize(10);                           // one typed setter per Option
 * ds.setStatementTimeout(Duration.ofSeconds(5));
 * try (Connection c = ds.getConnection()) { ... }
 * ds.close();                                   // closes the engine with its closeGrace
 * }</pre>
 *
 * <p>Setters only record: the {@link Engine} is built at the first {@link #getConnection()} or
 * {@link #getEngine()}, and from then on every setter throws {@link IllegalStateException}, so a
 * setting can never silently not apply. Options given by setters win over the same options in the
 * URL's query. A value out of an option's range is refused by its setter at once.
 *
 * <p>{@link #close()} closes the engine with its {@code closeGrace}; the engine logs its {@link
 * DisposalReport} to {@code dev.cistern.engine}: at DEBUG when clean, at WARN when connections had
 * to be aborted. Made from an {@link Engine}, the data source takes that engine over: closing it
 * closes the engine. Not made from one, it owns the engine it builds. {@link Engine#dataSource()}
 * is the other face: a view of an engine the caller owns, which also closes the engine when closed
 * (see there).
 *
 * <p>Thread-safe. The password is never shown by {@link #toString()} or in any message.
 */
@OptionSetters
public final class CisternDataSource extends CisternDataSourceOptions
    implements DataSource, Closeable {

  private final Object lock = new Object();
  private final Map<Option<?>, Object> options = new IdentityHashMap<>(); // guarded by lock
  private String url; // guarded by lock
  private DatabaseUrl parsedUrl; // guarded by lock
  private String username; // guarded by lock
  private String password; // guarded by lock
  private String driverClassName; // guarded by lock
  private volatile Engine engine;
  private volatile DataSource view;
  private volatile boolean closed;
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  /** An unconfigured data source: set at least the URL before the first connection. */
  public CisternDataSource() {}

  /**
   * A data source for {@code url}, a Cistern URL ({@code postgresql://...}) or a JDBC one.
   *
   * @param url the database URL
   * @throws InvalidUrlException if the URL cannot be parsed
   */
  public CisternDataSource(String url) {
    setUrl(url);
  }

  /**
   * A data source for {@code url}.
   *
   * @param url the parsed database URL
   */
  public CisternDataSource(DatabaseUrl url) {
    synchronized (lock) {
      this.parsedUrl = Objects.requireNonNull(url, "url");
      this.url = url.toString();
    }
  }

  /**
   * A data source over an engine already built, which it takes over: its setters are refused (the
   * engine is built) and {@link #close()} closes the engine.
   *
   * @param engine the engine to serve connections from; this data source closes it
   */
  public CisternDataSource(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.view = engine.dataSource();
    synchronized (lock) {
      this.parsedUrl = engine.url();
      this.url = engine.url().toString();
    }
  }

  // ---- bean properties ----

  /**
   * Sets the database URL: a Cistern URL ({@code postgresql://user@host/db?poolSize=5}) or a JDBC
   * one ({@code jdbc:postgresql://host/db}), as Spring passes it.
   *
   * @param url the database URL, password included if the URL carries one
   * @throws InvalidUrlException if the URL cannot be parsed (the message hides the password)
   * @throws IllegalStateException once the engine is built
   */
  public void setUrl(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(Objects.requireNonNull(url, "url"));
    synchronized (lock) {
      checkNotStarted("url");
      this.url = url;
      this.parsedUrl = parsed;
    }
  }

  /**
   * Returns the URL as given, with its password hidden; null if none was set.
   *
   * @return the URL with its password hidden, or null
   */
  public String getUrl() {
    synchronized (lock) {
      return parsedUrl == null ? null : parsedUrl.toString();
    }
  }

  /**
   * Same as {@link #setUrl(String)}: HikariCP's and Spring's other name for it.
   *
   * @param url the database URL
   */
  public void setJdbcUrl(String url) {
    setUrl(url);
  }

  /**
   * Same as {@link #getUrl()}.
   *
   * @return the URL with its password hidden, or null
   */
  public String getJdbcUrl() {
    return getUrl();
  }

  /**
   * Sets the user name; it replaces one in the URL.
   *
   * @param username the user name to connect as
   * @throws IllegalStateException once the engine is built
   */
  public void setUsername(String username) {
    synchronized (lock) {
      checkNotStarted("username");
      this.username = username;
    }
  }

  /**
   * Returns the user name set, else the URL's, or null.
   *
   * @return the user name in use, or null if neither this nor the URL gives one
   */
  public String getUsername() {
    synchronized (lock) {
      if (username != null) {
        return username;
      }
      return parsedUrl == null ? null : parsedUrl.username().orElse(null);
    }
  }

  /**
   * Same as {@link #setUsername(String)}: the JDBC property's name.
   *
   * @param user the user name to connect as
   */
  public void setUser(String user) {
    setUsername(user);
  }

  /**
   * Same as {@link #getUsername()}.
   *
   * @return the user name in use, or null
   */
  public String getUser() {
    return getUsername();
  }

  /**
   * Sets the password; it replaces one in the URL, and is never shown.
   *
   * @param password the password to connect with
   * @throws IllegalStateException once the engine is built
   */
  public void setPassword(String password) {
    synchronized (lock) {
      checkNotStarted("password");
      this.password = password;
    }
  }

  /**
   * Returns the password set (not the URL's), for frameworks that copy a data source's properties;
   * Cistern itself never shows it.
   *
   * @return the password set through this data source, or null
   */
  public String getPassword() {
    synchronized (lock) {
      return password;
    }
  }

  /**
   * Sets the JDBC driver's class, for a {@code jdbc:} URL whose driver is not registered with
   * {@code DriverManager} by itself; Cistern's own URLs choose their driver. The class must be on
   * the class path when the engine is built.
   *
   * @param driverClassName the fully qualified class name of the JDBC driver
   * @throws IllegalStateException once the engine is built
   */
  public void setDriverClassName(String driverClassName) {
    synchronized (lock) {
      checkNotStarted("driverClassName");
      this.driverClassName = driverClassName;
    }
  }

  /**
   * Returns the driver class set, or null.
   *
   * @return the driver class name, or null if none was set
   */
  public String getDriverClassName() {
    synchronized (lock) {
      return driverClassName;
    }
  }

  /**
   * Sets an engine option; {@code null} goes back to its default (or the URL's value). The typed
   * setters ({@link #setPoolSize}, ...) do the same.
   *
   * @param <T> the option's value type
   * @param option the option to set
   * @param value the value, or null for the default
   * @throws IllegalStateException once the engine is built
   * @throws IllegalArgumentException if the value is out of the option's range
   */
  public <T> void setOption(Option<T> option, T value) {
    put(option, value);
  }

  /**
   * Returns an option's value: the engine's once built, else the one set, else the URL's, else the
   * default.
   *
   * @param <T> the option's value type
   * @param option the option to read
   * @return the value in effect, or null if the option is unset and has no default
   */
  public <T> T getOption(Option<T> option) {
    return value(option);
  }

  @Override
  <T> void put(Option<T> option, T value) {
    Objects.requireNonNull(option, "option");
    T checked = value == null ? null : option.validate(value);
    synchronized (lock) {
      checkNotStarted(option.key());
      if (checked == null) {
        options.remove(option);
      } else {
        options.put(option, checked);
      }
    }
  }

  @Override
  <T> T value(Option<T> option) {
    Engine e = engine;
    if (e != null) {
      return e.option(option);
    }
    synchronized (lock) {
      Object set = options.get(option);
      if (set != null) {
        return option.type().cast(set);
      }
      if (parsedUrl != null) {
        return parsedUrl.option(option).orElse(option.defaultValue());
      }
      return option.defaultValue();
    }
  }

  private void checkNotStarted(String what) {
    if (engine != null || closed) {
      throw new IllegalStateException(
          "cannot set "
              + what
              + ": "
              + describe()
              + (closed
                  ? " is closed"
                  : " already built its engine (at the first getConnection() or getEngine());"
                      + " set everything before first use"));
    }
  }

  // ---- the engine ----

  /**
   * Returns the engine, building it now if this is the first use.
   *
   * @return the engine behind this data source
   * @throws IllegalStateException if no URL was set, or this data source is closed
   * @throws CisternException if the engine cannot be built (a bad option, a missing driver class)
   */
  public Engine getEngine() {
    Engine e = engine;
    if (e != null) {
      return e;
    }
    synchronized (lock) {
      if (engine != null) {
        return engine;
      }
      if (closed) {
        throw new IllegalStateException(describe() + " is closed");
      }
      if (parsedUrl == null) {
        throw new IllegalStateException(
            describe() + " has no URL: call setUrl(...) (or setJdbcUrl) before first use");
      }
      loadDriverClass();
      Engine.Builder b = Engine.builder(parsedUrl);
      if (username != null || password != null) {
        // as credentials, which a jdbc: URL takes too (its own text cannot be rewritten safely)
        Credentials c =
            new Credentials(
                username != null ? username : parsedUrl.username().orElse(null),
                password != null ? password : parsedUrl.password().orElse(null));
        b.credentials(() -> c);
      }
      for (Map.Entry<Option<?>, Object> o : options.entrySet()) {
        apply(b, o.getKey(), o.getValue());
      }
      Engine built = b.build();
      DataSource v = built.dataSource();
      try {
        v.setLoginTimeout(loginTimeout);
        v.setLogWriter(logWriter);
      } catch (SQLException ex) {
        // stored only, as this class does: cannot fail
      }
      view = v;
      engine = built;
      return built;
    }
  }

  private static <T> void apply(Engine.Builder b, Option<T> option, Object value) {
    b.option(option, option.type().cast(value));
  }

  private void loadDriverClass() {
    if (driverClassName == null || driverClassName.isBlank()) {
      return;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader l : new ClassLoader[] {context, CisternDataSource.class.getClassLoader()}) {
      if (l == null) {
        continue;
      }
      try {
        Class.forName(driverClassName, true, l); // a JDBC 3 driver registers itself here
        return;
      } catch (ClassNotFoundException | LinkageError e) {
        // the next loader
      }
    }
    throw new CisternException(
        "driverClassName "
            + driverClassName
            + " is not on the class path: add the driver's jar, or leave driverClassName unset"
            + " for PostgreSQL, MariaDB, MySQL, H2 and SQLite URLs (Cistern picks their driver)");
  }

  /**
   * Returns true once the engine was built (at first use).
   *
   * @return true if the engine was built
   */
  public boolean isStarted() {
    return engine != null;
  }

  /**
   * Returns true once {@link #close()} was called.
   *
   * @return true if this data source is closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the engine, waiting up to its {@code closeGrace} for borrowed connections; the engine
   * logs the disposal report (to {@code dev.cistern.engine}: DEBUG when clean, WARN if any had to
   * be aborted or an error occurred). Idempotent; a data source never used just becomes closed.
   */
  @Override
  public void close() {
    Engine e;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      e = engine;
    }
    if (e == null) {
      return;
    }
    // the engine logs its disposal report (dev.cistern.engine): DEBUG when clean, else WARN
    e.close(e.option(Option.CLOSE_GRACE));
  }

  // ---- DataSource ----

  /**
   * Borrows a connection from the engine, building it at the first call.
   *
   * @throws SQLException if the engine cannot be built or no connection is available (see {@link
   *     Engine#dataSource()} for the SQLStates)
   */
  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLNonTransientConnectionException(describe() + " is closed", "08003");
    }
    try {
      getEngine();
    } catch (RuntimeException e) {
      throw new SQLNonTransientConnectionException(
          describe() + " cannot start its engine: " + e.getMessage(), "08001", e);
    }
    return view.getConnection();
  }

  /** Refused: every connection uses the credentials set on this data source. */
  @Override
  public Connection getConnection(String user, String pass) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        describe()
            + " hands out connections with the credentials it was set up with; use"
            + " getConnection(), and setUsername/setPassword before first use",
        "0A000");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    this.logWriter = out;
    DataSource v = view;
    if (v != null) {
      v.setLogWriter(out);
    }
  }

  /** Stored only: the engine's {@code poolTimeout} governs how long a borrower waits. */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    this.loginTimeout = seconds;
    DataSource v = view;
    if (v != null) {
      v.setLoginTimeout(seconds);
    }
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Cistern logs through SLF4J, not java.util.logging");
  }

  /** Unwraps to this data source or its {@link Engine} (built if needed). */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isAssignableFrom(Engine.class)) {
      try {
        return iface.cast(getEngine());
      } catch (RuntimeException e) {
        throw new SQLException(describe() + " cannot start its engine: " + e.getMessage(), e);
      }
    }
    throw new SQLException(describe() + " does not wrap a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this) || iface.isAssignableFrom(Engine.class);
  }

  private String describe() {
    Engine e = engine;
    return "CisternDataSource" + (e != null ? " '" + e.name() + "'" : "");
  }

  /** {@code CisternDataSource(postgresql://app:***@db/shop, started)}: never the password. */
  @Override
  public String toString() {
    String u;
    synchronized (lock) {
      u = parsedUrl == null ? "no URL" : parsedUrl.toString();
    }
    return "CisternDataSource("
        + u
        + (closed ? ", closed" : engine != null ? ", started" : ", not started")
        + ")";
  }
}
