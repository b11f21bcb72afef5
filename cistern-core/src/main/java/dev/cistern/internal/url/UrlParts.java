package dev.cistern.internal.url;

import dev.cistern.DatabaseUrl.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts {@link UrlParser} found in a URL, for {@code DatabaseUrl} to build itself from: the
 * parser reads text and knows nothing of how a URL object is made or checked as a whole.
 */
public final class UrlParts {
  private final String dialect;
  private final String maskedText;
  private String driver;
  private String username;
  private String password;
  private final List<Host> hosts = new ArrayList<>();
  private String database;
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private String rawJdbcUrl;

  UrlParts(String dialect, String maskedText) {
    this.dialect = dialect;
    this.maskedText = maskedText;
  }

  /** Returns the dialect's canonical name ({@code jdbc} for an unknown raw JDBC URL). */
  public String dialect() {
    return dialect;
  }

  /**
   * Returns the URL as written, with its password masked: the text an error about the URL as a
   * whole shows.
   */
  public String maskedText() {
    return maskedText;
  }

  /** Returns the driver after {@code +} in the scheme, or null. */
  public String driver() {
    return driver;
  }

  /** Returns the user name, or null. */
  public String username() {
    return username;
  }

  /** Returns the password, or null. */
  public String password() {
    return password;
  }

  /** Returns the hosts, in order. */
  public List<Host> hosts() {
    return hosts;
  }

  /** Returns the database, or null. */
  public String database() {
    return database;
  }

  /** Returns the query parameters, in order, each with its values. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** Returns the whole URL if it was a raw {@code jdbc:} URL, else null. */
  public String rawJdbcUrl() {
    return rawJdbcUrl;
  }

  UrlParts driver(String driver) {
    this.driver = driver;
    return this;
  }

  void username(String username) {
    this.username = username;
  }

  void password(String password) {
    this.password = password;
  }

  void host(String name, int port) {
    hosts.add(new Host(name, port));
  }

  void database(String database) {
    this.database = database;
  }

  void queryParameter(String key, String value) {
    query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  UrlParts rawJdbcUrl(String url) {
    this.rawJdbcUrl = url;
    return this;
  }
}
