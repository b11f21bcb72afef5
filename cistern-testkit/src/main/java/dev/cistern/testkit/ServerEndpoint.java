package dev.cistern.testkit;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a database server lives and how to log in to it as administrator: the parsed form of {@code
 * CISTERN_TEST_POSTGRES_URL} / {@code CISTERN_TEST_MARIADB_URL}.
 *
 * <p>Accepted forms are Cistern URLs such as {@code postgresql://postgres@127.0.0.1:5432/test} and
 * JDBC URLs such as {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}. User and password may be
 * given in the authority part (percent-encoded) or as {@code user} / {@code password} query
 * parameters; every other query parameter is kept and passed on to the JDBC driver.
 *
 * @param kind the server kind (never {@link DatabaseKind#H2})
 * @param host host name or address
 * @param port TCP port
 * @param user administrator user
 * @param password administrator password, possibly empty
 * @param database the database the administrator connects to (and, on PostgreSQL, the one that
 *     holds the per-test schemas)
 * @param parameters further driver parameters, in order
 */
public record ServerEndpoint(
    DatabaseKind kind,
    String host,
    int port,
    String user,
    String password,
    String database,
    Map<String, String> parameters) {

  /**
   * Validates and freezes the components.
   *
   * @param kind the kind of server
   * @param host the host name or address
   * @param port the TCP port
   * @param user the administrator user
   * @param password the administrator password, possibly empty
   * @param database the database to connect to
   * @param parameters extra JDBC URL parameters (copied)
   */
  public ServerEndpoint {
    Objects.requireNonNull(kind, "kind");
    if (!kind.isServer()) {
      throw new IllegalArgumentException(
          kind.displayName() + " is embedded and has no server endpoint");
    }
    Objects.requireNonNull(host, "host");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    database = database == null ? "" : database;
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * The built-in default endpoint of a server kind, used when no environment variable is set.
   *
   * @param kind the kind of server
   * @return the default endpoint on 127.0.0.1
   */
  public static ServerEndpoint defaultFor(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> parse(kind, "postgresql://postgres@127.0.0.1:5432/test");
      case MARIADB -> parse(kind, "mariadb://root@127.0.0.1:3306/test");
      case H2, SQLITE ->
          throw new IllegalArgumentException(
              kind.displayName() + " is embedded and has no server endpoint");
    };
  }

  /**
   * Parses a Cistern or JDBC URL for the given server kind.
   *
   * @param kind the kind of server the URL must name
   * @param url the Cistern or JDBC URL
   * @return the endpoint the URL describes
   * @throws IllegalArgumentException if the URL is malformed or names another kind of server
   */
  public static ServerEndpoint parse(DatabaseKind kind, String url) {
    Objects.requireNonNull(url, "url");
    String text = url.strip();
    if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
      text = text.substring(5);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed " + kind.displayName() + " URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeMatches =
        scheme.equals(kind.dialect())
            || (kind == DatabaseKind.POSTGRESQL && scheme.equals("postgres"))
            || (kind == DatabaseKind.MARIADB && scheme.equals("mysql"));
    if (!schemeMatches || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "not a " + kind.displayName() + " URL (expected " + kind.dialect() + "://...): " + url);
    }
    String user = "";
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (key.equals("user")) {
          user = value;
        } else if (key.equals("password")) {
          password = value;
        } else {
          parameters.put(key, value);
        }
      }
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    int port = uri.getPort() < 0 ? kind.defaultPort() : uri.getPort();
    return new ServerEndpoint(kind, uri.getHost(), port, user, password, database, parameters);
  }

  /**
   * {@code host:port}, as used in messages.
   *
   * @return {@code host:port}
   */
  public String address() {
    return host + ":" + port;
  }

  /**
   * The JDBC URL of {@link #database()} on this server (without user or password).
   *
   * @return the JDBC URL
   */
  public String jdbcUrl() {
    return jdbcUrl(database, Map.of());
  }

  /**
   * A JDBC URL of another database on this server, with this endpoint's parameters plus {@code
   * extra} (which win on conflicts).
   *
   * @param databaseName the database to connect to
   * @param extra extra URL parameters, winning over this endpoint's
   * @return the JDBC URL
   */
  public String jdbcUrl(String databaseName, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.putAll(extra);
    StringBuilder sb = new StringBuilder("jdbc:").append(kind.dialect()).append("://");
    sb.append(host).append(':').append(port).append('/').append(databaseName);
    char separator = '?';
    for (Map.Entry<String, String> e : all.entrySet()) {
      sb.append(separator).append(UrlText.encode(e.getKey()));
      sb.append('=').append(UrlText.encode(e.getValue()));
      separator = '&';
    }
    return sb.toString();
  }

  /**
   * Driver properties carrying the administrator credentials.
   *
   * @return properties with {@code user} and {@code password}
   */
  public Properties credentials() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return props;
  }

  @Override
  public String toString() {
    return kind.dialect() + "://" + UrlText.encode(user) + "@" + address() + "/" + database;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
