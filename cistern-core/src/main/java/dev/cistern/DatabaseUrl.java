package dev.cistern;

import dev.cistern.internal.url.UrlParser;
import dev.cistern.internal.url.UrlParts;
import dev.cistern.internal.url.UrlRenderer;
import dev.cistern.internal.url.UrlValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable database URL: {@code dialect[+driver]://user:password@host:port/database?key=value}.
 *
 * <p>User, password and database are percent-decoded; IPv6 hosts are written in brackets; several
 * hosts are separated by commas; query keys may repeat. Keys that name an {@link Option} ({@code
 * poolSize}, or SQLAlchemy's {@code pool_size}) are engine options, checked and typed when the URL
 * is made; every other key is a driver property. An empty password ({@code user:@host}) and no
 * password ({@code user@host}) are different URLs.
 *
 * <p>Other forms: {@code sqlite:///relative.db}, {@code sqlite:////absolute/path.db}, {@code
 * sqlite://} (in memory), {@code h2:mem:name}, {@code h2:file:/path}, {@code hsqldb:mem:name}, and
 * a raw {@code jdbc:...} URL, which is passed to the driver as it is.
 *
 * <p>{@link #toString()} masks the password as {@code ***}; {@link #render(boolean)} shows it only
 * when asked. {@code parse(url.render(false))} gives back an equal URL.
 */
public final class DatabaseUrl {
  private final String dialect;
  private final String driver;
  private final String username;
  private final String password;
  private final List<Host> hosts;
  private final String database;
  private final Map<String, List<String>> query;
  private final String rawJdbcUrl;
  private final Map<Option<?>, Object> options;
  private final Map<String, String> driverProperties;

  private DatabaseUrl(Builder b) {
    this.dialect = b.dialect;
    this.driver = emptyToNull(b.driver);
    this.username = emptyToNull(b.username);
    this.password = b.password;
    this.hosts = List.copyOf(b.hosts);
    this.database = emptyToNull(b.database);
    Map<String, List<String>> q = new LinkedHashMap<>();
    b.query.forEach((k, v) -> q.put(k, List.copyOf(v)));
    this.query = Collections.unmodifiableMap(q);
    this.rawJdbcUrl = b.rawJdbcUrl;
    UrlValues.Split split = UrlValues.split(this.query, this::toString);
    this.options = split.options();
    this.driverProperties = split.driverProperties();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * Parses a database URL.
   *
   * @param url the URL text, such as {@code postgresql://app@db/shop} or {@code jdbc:h2:mem:test}
   * @return the parsed URL
   * @throws InvalidUrlException naming the problem and its position, the password masked
   */
  public static DatabaseUrl parse(String url) {
    UrlParts p = UrlParser.parse(url);
    Builder b = builder(p.dialect());
    if (p.rawJdbcUrl() != null) {
      return b.rawJdbcUrl(p.rawJdbcUrl()).build();
    }
    b.driver(p.driver()).username(p.username()).password(p.password()).database(p.database());
    for (Host h : p.hosts()) {
      b.host(h.name(), h.port());
    }
    p.query().forEach((k, vs) -> vs.forEach(v -> b.queryParameter(k, v)));
    try {
      return b.build();
    } catch (InvalidUrlException e) {
      // a check on the URL as a whole: show the URL as written (masked), with no position
      throw new InvalidUrlException(e.reason(), p.maskedText(), -1);
    }
  }

  /**
   * Parses the URL in the environment variable {@code DATABASE_URL}.
   *
   * @return the parsed URL
   * @throws CisternException if the variable is not set or empty
   * @throws InvalidUrlException if its value cannot be parsed
   */
  public static DatabaseUrl fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  static DatabaseUrl fromEnvironment(Function<String, String> env) {
    String value = env.apply("DATABASE_URL");
    if (value == null || value.isBlank()) {
      throw new CisternException(
          "DATABASE_URL is not set: set it to a URL such as postgresql://user:password@host/db");
    }
    return parse(value);
  }

  /**
   * Starts a builder for a URL of the given dialect; parts are given raw, not percent-encoded.
   *
   * @param dialect the dialect, such as {@code postgresql}, {@code mysql} or {@code h2}
   * @return a builder with no parts set yet
   */
  public static Builder builder(String dialect) {
    return new Builder(dialect);
  }

  /**
   * Makes a URL from raw (unescaped) parts; {@code null} leaves a part out.
   *
   * @param port the port, or {@code null} for the dialect's default
   * @param dialect the dialect, such as {@code postgresql}
   * @param username the user name, or {@code null}
   * @param password the password, or {@code null}
   * @param host the host name, or {@code null}
   * @param database the database name or path, or {@code null}
   * @return the URL made from the parts
   */
  public static DatabaseUrl of(
      String dialect,
      String username,
      String password,
      String host,
      Integer port,
      String database) {
    Builder b = builder(dialect).username(username).password(password).database(database);
    if (host != null) {
      b.host(host, port == null ? Host.NO_PORT : port);
    }
    return b.build();
  }

  /**
   * Returns a builder holding this URL's parts, to make a modified copy.
   *
   * @return a builder with this URL's dialect, driver, credentials, hosts, database and query
   */
  public Builder toBuilder() {
    Builder b = new Builder(dialect);
    b.driver = driver;
    b.username = username;
    b.password = password;
    b.hosts.addAll(hosts);
    b.database = database;
    query.forEach((k, v) -> b.query.put(k, new ArrayList<>(v)));
    b.rawJdbcUrl = rawJdbcUrl;
    return b;
  }

  /**
   * Returns the dialect's canonical name, e.g. {@code postgresql} (also for {@code postgres://}).
   *
   * @return the canonical dialect name
   */
  public String dialect() {
    return dialect;
  }

  /**
   * Returns the driver named after {@code +}, e.g. {@code mariadbconnector} in {@code
   * mysql+mariadbconnector}.
   *
   * @return the driver name, or empty when the URL names none
   */
  public Optional<String> driver() {
    return Optional.ofNullable(driver);
  }

  /**
   * Returns the user name, percent-decoded.
   *
   * @return the user name, or empty when the URL has none
   */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /**
   * Returns the password, percent-decoded; present but empty for {@code user:@host}.
   *
   * @return the password, or empty when the URL has none
   */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /**
   * Returns the hosts in the order given; empty when the URL names none.
   *
   * @return the hosts, possibly empty
   */
  public List<Host> hosts() {
    return hosts;
  }

  /**
   * Returns the first host's name.
   *
   * @return the first host's name, or empty when the URL names no host
   */
  public Optional<String> host() {
    return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0).name());
  }

  /**
   * Returns the first host's port, if one was given.
   *
   * @return the first host's port, or empty when none was given
   */
  public Optional<Integer> port() {
    return hosts.isEmpty() || !hosts.get(0).hasPort()
        ? Optional.empty()
        : Optional.of(hosts.get(0).port());
  }

  /**
   * Returns the database: a name, a file path (SQLite, H2) or {@code mem:name} (H2, HSQLDB).
   *
   * @return the database, or empty when the URL names none
   */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /**
   * Returns every query parameter, percent-decoded, in order; a repeated key has several values.
   *
   * @return the query parameters by key, each with its values in order
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * Returns the engine options given in the query, typed.
   *
   * @return the engine options given in the query, by option
   */
  public Map<Option<?>, Object> options() {
    return options;
  }

  /**
   * Returns an engine option given in the query, typed as the option is.
   *
   * @param <T> the option's value type
   * @param option the option to look up
   * @return the option's value from the query, or empty when the query does not set it
   */
  public <T> Optional<T> option(Option<T> option) {
    return Optional.ofNullable(option.type().cast(options.get(option)));
  }

  /**
   * Returns the query parameters that are not engine options: they go to the driver. A key given
   * several times has its values joined with commas, in order.
   *
   * @return the driver properties by key
   */
  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  /**
   * Returns the raw {@code jdbc:} URL this was parsed from, if it was one.
   *
   * @return the raw JDBC URL, or empty when this URL is not one
   */
  public Optional<String> rawJdbcUrl() {
    return Optional.ofNullable(rawJdbcUrl);
  }

  /**
   * Returns true if this URL is a raw {@code jdbc:} URL passed through to the driver.
   *
   * @return true for a raw {@code jdbc:} URL
   */
  public boolean isRawJdbc() {
    return rawJdbcUrl != null;
  }

  /**
   * Returns a copy with another user name ({@code null} removes it).
   *
   * @param username the new user name, or {@code null}
   * @return the modified copy
   */
  public DatabaseUrl withUsername(String username) {
    return toBuilder().username(username).build();
  }

  /**
   * Returns a copy with another password ({@code null} removes it; {@code ""} is an empty one).
   *
   * @param password the new password, or {@code null}
   * @return the modified copy
   */
  public DatabaseUrl withPassword(String password) {
    return toBuilder().password(password).build();
  }

  /**
   * Returns a copy with one host, replacing all hosts.
   *
   * @param host the host name
   * @param port the port, or {@link Host#NO_PORT} for the dialect's default
   * @return the modified copy
   */
  public DatabaseUrl withHost(String host, int port) {
    Builder b = toBuilder();
    b.hosts.clear();
    return b.host(host, port).build();
  }

  /**
   * Returns a copy with these hosts, in this order, replacing all hosts (a multi-host URL such as
   * {@code postgresql://u@h1:5432,h2:5433/db}).
   *
   * @param hosts the hosts, at least one
   * @return the modified copy
   * @throws IllegalArgumentException if {@code hosts} is empty
   */
  public DatabaseUrl withHosts(List<Host> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("withHosts needs at least one host");
    }
    Builder b = toBuilder();
    b.hosts.clear();
    b.hosts.addAll(hosts);
    return b.build();
  }

  /**
   * Returns a copy with another database ({@code null} removes it).
   *
   * @param database the new database, or {@code null}
   * @return the modified copy
   */
  public DatabaseUrl withDatabase(String database) {
    return toBuilder().database(database).build();
  }

  /**
   * Returns a copy with another driver name ({@code null} removes it).
   *
   * @param driver the new driver name, or {@code null}
   * @return the modified copy
   */
  public DatabaseUrl withDriver(String driver) {
    return toBuilder().driver(driver).build();
  }

  /**
   * Returns a copy where query key {@code key} has exactly the given values.
   *
   * @param key the query key
   * @param values the values, in order
   * @return the modified copy
   */
  public DatabaseUrl withQueryParameter(String key, String... values) {
    Builder b = toBuilder();
    b.query.remove(key);
    for (String v : values) {
      b.queryParameter(key, v);
    }
    return b.build();
  }

  /**
   * Returns a copy without query key {@code key}.
   *
   * @param key the query key to remove
   * @return the modified copy
   */
  public DatabaseUrl withoutQueryParameter(String key) {
    Builder b = toBuilder();
    b.query.remove(key);
    return b.build();
  }

  /**
   * Returns a copy with an engine option set (written under its key, e.g. {@code poolSize}).
   *
   * @param <T> the option's value type
   * @param option the option to set
   * @param value the value, written as the option's text form
   * @return the modified copy
   */
  public <T> DatabaseUrl withOption(Option<T> option, T value) {
    T checked = option.validate(value);
    Builder b = toBuilder();
    for (String n : option.names()) {
      b.query.remove(n);
    }
    if (checked != null) {
      b.queryParameter(option.key(), dev.cistern.internal.url.OptionValues.format(checked));
    }
    return b.build();
  }

  /**
   * Renders the URL as text that {@link #parse(String)} reads back to an equal URL.
   *
   * @param hidePassword if true, the password is written as {@code ***}
   * @return the URL as text
   */
  public String render(boolean hidePassword) {
    return UrlRenderer.render(
        dialect, driver, username, password, hosts, database, query, rawJdbcUrl, hidePassword);
  }

  /** Returns the URL with its password masked as {@code ***}. */
  @Override
  public String toString() {
    return render(true);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DatabaseUrl)) {
      return false;
    }
    DatabaseUrl u = (DatabaseUrl) o;
    return dialect.equals(u.dialect)
        && Objects.equals(driver, u.driver)
        && Objects.equals(username, u.username)
        && Objects.equals(password, u.password)
        && hosts.equals(u.hosts)
        && Objects.equals(database, u.database)
        && query.equals(u.query)
        && Objects.equals(rawJdbcUrl, u.rawJdbcUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dialect, driver, username, password, hosts, database, query, rawJdbcUrl);
  }

  /**
   * One host of a URL, with its port or {@link #NO_PORT}.
   *
   * @param name the host name or address; an IPv6 address without brackets
   * @param port the port from 1 to 65535, or {@link #NO_PORT} for the dialect's default
   */
  public record Host(String name, int port) {
    /** The port value meaning "not given: use the dialect's default". */
    public static final int NO_PORT = -1;

    /**
     * Checks the host name and port.
     *
     * @param name the host name or address, not blank
     * @param port the port, or {@link #NO_PORT} for the dialect's default
     */
    public Host {
      Objects.requireNonNull(name, "host name");
      if (port != NO_PORT && (port < 1 || port > 65535)) {
        throw new InvalidUrlException(
            "bad port " + port + ": a port is a number from 1 to 65535", null, -1);
      }
    }

    /**
     * Returns true if a port was given.
     *
     * @return true if the port is not {@link #NO_PORT}
     */
    public boolean hasPort() {
      return port != NO_PORT;
    }

    @Override
    public String toString() {
      String n = name.indexOf(':') >= 0 ? "[" + name + "]" : name;
      return hasPort() ? n + ":" + port : n;
    }
  }

  /** Builds a {@link DatabaseUrl} from raw (unescaped) parts. */
  public static final class Builder {
    private String dialect;
    private String driver;
    private String username;
    private String password;
    private final List<Host> hosts = new ArrayList<>();
    private String database;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private String rawJdbcUrl;

    private Builder(String dialect) {
      this.dialect = UrlValues.canonicalDialect(dialect);
    }

    /**
     * Marks the URL as a raw {@code jdbc:} URL passed to the driver as it is.
     *
     * @param jdbcUrl the full {@code jdbc:} URL
     * @return this builder
     */
    public Builder rawJdbcUrl(String jdbcUrl) {
      this.rawJdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * Sets the driver name written after {@code +}.
     *
     * @param driver the driver name, such as {@code mariadbconnector}
     * @return this builder
     */
    public Builder driver(String driver) {
      if (driver != null && !driver.isEmpty() && !driver.matches("[A-Za-z0-9_.-]+")) {
        throw new InvalidUrlException(
            "bad driver name '" + driver + "': use letters, digits, '_', '.' and '-'", null, -1);
      }
      this.driver = driver;
      return this;
    }

    /**
     * Sets the user name.
     *
     * @param username the user name, raw (not percent-encoded)
     * @return this builder
     */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets the password; {@code ""} is an empty password, {@code null} none.
     *
     * @param password the password, raw (not percent-encoded)
     * @return this builder
     */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * Adds a host without a port.
     *
     * @param host the host name or address
     * @return this builder
     */
    public Builder host(String host) {
      return host(host, Host.NO_PORT);
    }

    /**
     * Adds a host and port ({@link Host#NO_PORT} for the default).
     *
     * @param host the host name or address
     * @param port the port
     * @return this builder
     */
    public Builder host(String host, int port) {
      hosts.add(new Host(host, port));
      return this;
    }

    /**
     * Sets the database name, file path or {@code mem:name}.
     *
     * @param database the database name, file path or {@code mem:name}
     * @return this builder
     */
    public Builder database(String database) {
      this.database = database;
      return this;
    }

    /**
     * Adds a value for query key {@code key}; a key may have several values.
     *
     * @param key the query key
     * @param value the value to add, raw
     * @return this builder
     */
    public Builder queryParameter(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new InvalidUrlException("a query key must not be empty", null, -1);
      }
      java.util.Objects.requireNonNull(value, () -> "value of query key " + key);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Sets an engine option, written under its key.
     *
     * @param <T> the option's value type
     * @param option the option to set
     * @param value the value, written as the option's text form
     * @return this builder
     */
    public <T> Builder option(Option<T> option, T value) {
      for (String n : option.names()) {
        query.remove(n);
      }
      T checked = option.validate(value);
      if (checked != null) {
        queryParameter(option.key(), dev.cistern.internal.url.OptionValues.format(checked));
      }
      return this;
    }

    /** H2 and HSQLDB URLs carry credentials as ?user= and ?password=: they are the same parts. */
    private String liftFromQuery(String key, String current) {
      List<String> values = query.remove(key);
      if (values == null) {
        return current;
      }
      if (current != null || values.size() != 1) {
        throw new InvalidUrlException(
            "the " + key + " is given more than once; give it once", null, -1);
      }
      return values.get(0);
    }

    /**
     * Builds the URL.
     *
     * @return the URL
     * @throws InvalidUrlException if an option has a bad value or parts do not fit together
     */
    public DatabaseUrl build() {
      if (rawJdbcUrl == null && UrlValues.takesCredentialsInQuery(dialect)) {
        username = liftFromQuery("user", username);
        password = liftFromQuery("password", password);
      }
      UrlValues.checkParts(dialect, username, password, hosts, rawJdbcUrl);
      UrlValues.checkName("database name", database);
      return new DatabaseUrl(this);
    }
  }
}
