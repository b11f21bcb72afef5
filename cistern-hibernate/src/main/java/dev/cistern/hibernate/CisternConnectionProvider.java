package dev.cistern.hibernate;

import dev.cistern.CisternDataSource;
import dev.cistern.Engine;
import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.HibernateException;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.hibernate.service.spi.Configurable;
import org.hibernate.service.spi.Stoppable;

/**
 * A Hibernate {@link ConnectionProvider} that lends connections from a Cistern engine.
 *
 * <p>Selected with {@code hibernate.connection.provider_class=cistern} (or this class's name). It
 * reads the URL from {@code jakarta.persistence.jdbc.url} ({@code hibernate.connection.url}, {@code
 * javax.persistence.jdbc.url}), a Cistern URL or a {@code jdbc:} URL; the user and password from
 * {@code jakarta.persistence.jdbc.user}/{@code password} ({@code hibernate.connection.username}/
 * {@code password}); and each engine option from {@code hibernate.cistern.<option>}, e.g. {@code
 * hibernate.cistern.poolSize=5}. A {@code hibernate.cistern.*} key that names no option, or a value
 * out of range, fails the bootstrap naming the key. The engine is built at the first connection
 * (Hibernate takes one at start-up to read the database's metadata) and closed by {@link #stop()},
 * which Hibernate calls when the SessionFactory closes.
 */
public class CisternConnectionProvider implements ConnectionProvider, Configurable, Stoppable {
  private static final long serialVersionUID = 1L;

  /** The prefix of the keys that set engine options: {@code hibernate.cistern.poolSize=5}. */
  public static final String OPTION_PREFIX = "hibernate.cistern.";

  /** The short name that selects this provider: {@code hibernate.connection.provider_class}. */
  public static final String SHORT_NAME = "cistern";

  private static final String[] URL_KEYS = {
    "jakarta.persistence.jdbc.url", "hibernate.connection.url", "javax.persistence.jdbc.url"
  };
  private static final String[] USER_KEYS = {
    "jakarta.persistence.jdbc.user", "hibernate.connection.username", "javax.persistence.jdbc.user"
  };
  private static final String[] PASSWORD_KEYS = {
    "jakarta.persistence.jdbc.password",
    "hibernate.connection.password",
    "javax.persistence.jdbc.password"
  };
  private static final String[] DRIVER_KEYS = {
    "jakarta.persistence.jdbc.driver",
    "hibernate.connection.driver_class",
    "javax.persistence.jdbc.driver"
  };

  private transient volatile CisternDataSource dataSource;

  /** Made by Hibernate by name; {@link #configure} sets it up. */
  public CisternConnectionProvider() {}

  /**
   * Reads the URL, credentials, driver class and {@code hibernate.cistern.*} options; the engine is
   * built at the first {@link #getConnection()}.
   *
   * @throws HibernateException if no URL is set, a {@code hibernate.cistern.*} key names no option,
   *     or a value is malformed or out of range; the message names the key
   */
  @Override
  public void configure(Map<String, Object> settings) {
    String url = first(settings, URL_KEYS);
    if (url == null) {
      throw new HibernateException(
          "Cistern needs a database URL: set jakarta.persistence.jdbc.url (or"
              + " hibernate.connection.url) to a jdbc: URL or a Cistern URL");
    }
    CisternDataSource ds = new CisternDataSource();
    try {
      ds.setUrl(url);
    } catch (RuntimeException e) {
      throw new HibernateException("Cistern cannot use the database URL: " + e.getMessage(), e);
    }
    String user = first(settings, USER_KEYS);
    if (user != null) {
      ds.setUsername(user);
    }
    String password = first(settings, PASSWORD_KEYS);
    if (password != null) {
      ds.setPassword(password);
    }
    String driver = first(settings, DRIVER_KEYS);
    if (driver != null) {
      ds.setDriverClassName(driver);
    }
    // sorted, so that the first bad key reported does not depend on the map's order
    Map<String, Object> options = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (k != null && k.startsWith(OPTION_PREFIX)) {
            options.put(k, v);
          }
        });
    options.forEach((key, value) -> apply(ds, key, value));
    this.dataSource = ds;
  }

  private static String first(Map<String, Object> settings, String[] keys) {
    for (String k : keys) {
      Object v = settings.get(k);
      if (v != null && !v.toString().isEmpty()) {
        return v.toString();
      }
    }
    return null;
  }

  private static void apply(CisternDataSource ds, String key, Object value) {
    String name = key.substring(OPTION_PREFIX.length());
    Option<?> option =
        Option.byName(name).orElseThrow(() -> new HibernateException(unknown(key, name)));
    try {
      set(ds, option, value);
    } catch (IllegalArgumentException e) {
      throw new HibernateException("Invalid " + key + ": " + e.getMessage(), e);
    }
  }

  private static String unknown(String key, String name) {
    StringBuilder sb = new StringBuilder("Unknown Cistern option ").append(key);
    Optional<Option<?>> near = name.isEmpty() ? Optional.empty() : Option.closest(name);
    if (near.isPresent()) {
      sb.append(": did you mean ").append(OPTION_PREFIX).append(near.get().key()).append('?');
    } else {
      List<String> keys = new ArrayList<>();
      Option.values().forEach(o -> keys.add(o.key()));
      sb.append("; the options are ").append(String.join(", ", keys));
    }
    return sb.toString();
  }

  private static <T> void set(CisternDataSource ds, Option<T> option, Object value) {
    T typed;
    if (value == null) {
      typed = null;
    } else if (option.type().isInstance(value)) {
      typed = option.type().cast(value);
    } else if (value instanceof Number n && option.type() == Long.class) {
      typed = option.type().cast(n.longValue());
    } else {
      typed = option.parse(value.toString().trim());
    }
    ds.setOption(option, typed);
  }

  private CisternDataSource dataSource() {
    CisternDataSource ds = dataSource;
    if (ds == null) {
      throw new IllegalStateException(
          "CisternConnectionProvider was not configured: Hibernate calls configure(Map) first");
    }
    return ds;
  }

  /**
   * Borrows a connection from the engine, building the engine at the first call.
   *
   * @throws SQLException if the engine cannot be built, is closed, or no connection is available
   *     within {@code poolTimeout}
   */
  @Override
  public Connection getConnection() throws SQLException {
    return dataSource().getConnection();
  }

  /** Returns the connection to the pool. */
  @Override
  public void closeConnection(Connection connection) throws SQLException {
    connection.close();
  }

  /** False: Hibernate holds a connection for a whole transaction. */
  @Override
  public boolean supportsAggressiveRelease() {
    return false;
  }

  /** What Hibernate logs at start-up: the URL (without password), driver and pool bounds. */
  @Override
  public DatabaseConnectionInfo getDatabaseConnectionInfo(Dialect dialect) {
    CisternDataSource ds = dataSource();
    IsolationLevel level = ds.getOption(Option.ISOLATION_LEVEL);
    int size = ds.getOption(Option.POOL_SIZE);
    int overflow = ds.getOption(Option.MAX_OVERFLOW);
    Integer max = size == 0 || overflow < 0 ? null : size + overflow;
    return new Info(
        ds.getUrl(),
        ds.getDriverClassName(),
        dialect == null ? null : dialect.getVersion(),
        "true (restored when a connection returns)",
        level == null || level == IsolationLevel.AUTOCOMMIT
            ? "driver default"
            : level.name().toLowerCase(Locale.ROOT),
        ds.getOption(Option.MIN_IDLE),
        max);
  }

  /**
   * The engine, building it if this is the first use.
   *
   * @return the engine behind this provider
   */
  public Engine getEngine() {
    return dataSource().getEngine();
  }

  /**
   * The data source connections come from.
   *
   * @return the data source Hibernate borrows connections from
   */
  public CisternDataSource getDataSource() {
    return dataSource();
  }

  /**
   * Closes the engine, waiting up to its {@code closeGrace} for connections still borrowed.
   * Idempotent.
   */
  @Override
  public void stop() {
    CisternDataSource ds = dataSource;
    if (ds != null) {
      ds.close();
    }
  }

  @Override
  public boolean isUnwrappableAs(Class<?> type) {
    return type.isAssignableFrom(CisternConnectionProvider.class)
        || type.isAssignableFrom(CisternDataSource.class)
        || type == Engine.class;
  }

  /**
   * Returns this provider ({@code ConnectionProvider}, {@code CisternConnectionProvider}), its
   * {@code CisternDataSource} ({@code DataSource}) or its {@code Engine}.
   *
   * @throws UnknownUnwrapTypeException for any other type
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isAssignableFrom(CisternDataSource.class)) {
      return type.cast(dataSource());
    }
    if (type == Engine.class) {
      return type.cast(getEngine());
    }
    throw new UnknownUnwrapTypeException(type);
  }

  @Override
  public String toString() {
    CisternDataSource ds = dataSource;
    return "CisternConnectionProvider[" + (ds == null ? "not configured" : ds.getUrl()) + "]";
  }

  /** {@link DatabaseConnectionInfo} for Hibernate's start-up log line. */
  private record Info(
      String jdbcUrl,
      String jdbcDriver,
      DatabaseVersion dialectVersion,
      String autoCommitMode,
      String isolationLevel,
      Integer poolMinSize,
      Integer poolMaxSize)
      implements DatabaseConnectionInfo {
    @Override
    public String getJdbcUrl() {
      return jdbcUrl;
    }

    @Override
    public String getJdbcDriver() {
      return jdbcDriver;
    }

    @Override
    public DatabaseVersion getDialectVersion() {
      return dialectVersion;
    }

    @Override
    public String getAutoCommitMode() {
      return autoCommitMode;
    }

    @Override
    public String getIsolationLevel() {
      return isolationLevel;
    }

    @Override
    public Integer getPoolMinSize() {
      return poolMinSize;
    }

    @Override
    public Integer getPoolMaxSize() {
      return poolMaxSize;
    }

    @Override
    public String toInfoString() {
      return "\n\tDatabase JDBC URL ["
          + jdbcUrl
          + "]\n\tDatabase driver: "
          + (jdbcDriver == null ? "found by the URL" : jdbcDriver)
          + "\n\tDatabase version: "
          + (dialectVersion == null ? "unknown" : dialectVersion)
          + "\n\tAutocommit mode: "
          + autoCommitMode
          + "\n\tIsolation level: "
          + isolationLevel
          + "\n\tPool: Cistern, minIdle "
          + poolMinSize
          + ", at most "
          + (poolMaxSize == null ? "unlimited" : poolMaxSize)
          + " connections";
    }
  }
}
