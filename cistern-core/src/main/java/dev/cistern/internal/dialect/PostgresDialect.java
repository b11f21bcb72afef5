package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.sql.SqlSyntax;
import dev.cistern.internal.util.Durations;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** The postgresql dialect (also {@code postgres}), with pgjdbc. */
final class PostgresDialect extends Dialect {
  private static final List<DriverChoice> DRIVERS =
      List.of(new DriverChoice("pgjdbc", "org.postgresql.Driver", "org.postgresql:postgresql"));

  /** Whether pgjdbc can load {@link KeepAliveSocketFactory} (see its {@code usableBy}). */
  private static final boolean KEEPALIVE_FACTORY_USABLE =
      KeepAliveSocketFactory.usableBy(loadClass("org.postgresql.Driver").orElse(null));

  /** admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now. */
  /** Connect errors that heal: too many connections, out of resources, server starting. */
  private static final Set<String> TRANSIENT_CONNECT_STATES = Set.of("53300", "53000", "57P03");

  private static final Set<String> DISCONNECT_STATES = Set.of("57P01", "57P02", "57P03");

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public List<String> aliases() {
    return List.of("postgres");
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return DRIVERS;
  }

  @Override
  protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
    // pgjdbc percent-decodes the database name (and reads '+' as a space).
    return "jdbc:postgresql://"
        + hostList(url)
        + "/"
        + url.database().map(PostgresDialect::encode).orElse("");
  }

  private static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", x & 0xff));
      }
    }
    return b.toString();
  }

  /**
   * Adds, for a URL with several hosts, {@code hostRecheckSeconds=2} unless the URL sets it: pgjdbc
   * remembers for that long which host was a standby or down, so after a failover a new connection
   * tries the promoted host within 2 s instead of pgjdbc's default 10 s.
   */
  @Override
  public Properties connectionProperties(DatabaseUrl url, String applicationName) {
    Properties p = super.connectionProperties(url, applicationName);
    if (url.hosts().size() > 1) {
      setIfAbsent(p, "hostRecheckSeconds", MULTI_HOST_RECHECK_SECONDS);
    }
    return p;
  }

  /** pgjdbc's {@code hostRecheckSeconds} for multi-host URLs; see {@link #connectionProperties}. */
  static final int MULTI_HOST_RECHECK_SECONDS = 2;

  @Override
  protected void applyApplicationName(Properties p, String applicationName) {
    p.setProperty("ApplicationName", applicationName);
  }

  /**
   * pgjdbc: {@code connectTimeout} (the TCP connect), {@code socketTimeout} (here the login
   * handshake; the open connection's comes from {@code setNetworkTimeout}), {@code
   * cancelSignalTimeout} (a statement cancel opens a connection too), {@code tcpKeepAlive}, and
   * {@code socketFactory}: {@link KeepAliveSocketFactory}, whose sockets probe a silent peer after
   * 30 s and give up after three more unanswered probes, 10 s apart, where pgjdbc can load it.
   * pgjdbc's own defaults: 10 s, none, 10 s, off, and the operating system's keepalive timing (two
   * hours on Linux).
   */
  @Override
  protected boolean applyNetworkTimeouts(DatabaseUrl url, Properties p, NetworkTimeouts t) {
    int seconds = Durations.toJdbcSeconds(t.connect());
    setIfAbsent(p, "connectTimeout", seconds);
    setIfAbsent(p, "cancelSignalTimeout", Durations.toJdbcSeconds(t.cancel()));
    setIfAbsent(p, "tcpKeepAlive", true);
    if (!p.containsKey("socketFactory") && KEEPALIVE_FACTORY_USABLE) {
      p.setProperty("socketFactory", KeepAliveSocketFactory.class.getName());
    }
    if (p.containsKey("socketTimeout")) {
      return false; // the URL bounds every read itself
    }
    p.setProperty("socketTimeout", String.valueOf(seconds));
    return true;
  }

  @Override
  protected boolean isDisconnectSignal(SQLException e) {
    String state = e.getSQLState(); // Set.of(...).contains(null) throws
    return super.isDisconnectSignal(e) || (state != null && DISCONNECT_STATES.contains(state));
  }

  /** Too many connections (53300) and the server starting or shutting down (57P03) can heal. */
  @Override
  protected boolean isTransientConnectSignal(SQLException e) {
    String state = e.getSQLState();
    return state != null && TRANSIENT_CONNECT_STATES.contains(state);
  }

  @Override
  public int countSessions(Connection admin, String applicationName, String database)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("select count(*) from pg_stat_activity where pid <> pg_backend_pid()");
    List<String> params = new ArrayList<>();
    if (applicationName != null) {
      sql.append(" and application_name = ?");
      params.add(applicationName);
    }
    if (database != null) {
      sql.append(" and datname = ?");
      params.add(database);
    }
    return countQuery(admin, sql.toString(), params.toArray(new String[0]));
  }

  /** Returns {@link SqlSyntax#POSTGRES}. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.POSTGRES;
  }

  /** Returns 32767: the wire protocol counts parameters in a signed 16-bit number. */
  @Override
  public int maxBindParameters() {
    return 32767;
  }

  /** Returns true. */
  @Override
  public boolean supportsMultiRowInsert() {
    return true;
  }

  /** The server's sessions as {@code pg_stat_activity} shows them. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.of(PostgresSessionProbe.INSTANCE);
  }

  /**
   * {@code max_connections} minus {@code superuser_reserved_connections} and, from PostgreSQL 16,
   * {@code reserved_connections} (for roles with {@code pg_use_reserved_connections}), from {@code
   * pg_settings} in one query.
   */
  @Override
  public Optional<ServerLimits> serverLimits(Connection c) throws SQLException {
    Map<String, Integer> values = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select name, setting from pg_settings where name in ('max_connections',"
                    + " 'superuser_reserved_connections', 'reserved_connections')")) {
      while (rs.next()) {
        values.put(rs.getString(1), Integer.parseInt(rs.getString(2).strip()));
      }
    } catch (NumberFormatException e) {
      throw new SQLException("unexpected value in pg_settings: " + e.getMessage(), e);
    }
    Integer max = values.get("max_connections");
    if (max == null) {
      return Optional.empty();
    }
    List<ServerLimits.Reserved> reserved = new ArrayList<>();
    for (String name : List.of("superuser_reserved_connections", "reserved_connections")) {
      Integer n = values.get(name);
      if (n != null) {
        reserved.add(new ServerLimits.Reserved(name, n));
      }
    }
    return Optional.of(new ServerLimits("max_connections", max, reserved, ""));
  }
}
