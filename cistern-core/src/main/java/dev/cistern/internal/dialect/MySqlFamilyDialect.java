package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.sql.SqlSyntax;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What MySQL and MariaDB share: the wire protocol, the error codes, connection attributes and the
 * process list. Both MySQL Connector/J and MariaDB Connector/J speak to either server.
 */
abstract class MySqlFamilyDialect extends Dialect {
  static final DriverChoice MYSQL_CONNECTOR =
      new DriverChoice("mysqlconnector", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j");
  static final DriverChoice MARIADB_CONNECTOR =
      new DriverChoice(
          "mariadbconnector", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client");

  /** Whether MariaDB Connector/J can load {@link KeepAliveSocketFactory} (see its usableBy). */
  private static final boolean MARIADB_FACTORY_USABLE =
      KeepAliveSocketFactory.usableBy(loadClass("org.mariadb.jdbc.Driver").orElse(null));

  /** The driver property that carries {@code key:value,key:value} connection attributes. */
  static final String ATTRIBUTES = "connectionAttributes";

  /**
   * Server gone away (2006), lost connection (2013, 2055), disconnected for inactivity (4031),
   * connection killed (1927), server shutdown in progress (1053).
   */
  private static final Set<Integer> PERMANENT_CONNECT_CODES =
      Set.of(1045, 1044, 1698, 1049, 1102, 1130, 1129, 1251, 1862);

  private static final Set<Integer> TRANSIENT_CONNECT_CODES = Set.of(1040, 1203, 1226);

  private static final Set<Integer> DISCONNECT_CODES = Set.of(2006, 2013, 2055, 4031, 1927, 1053);

  @Override
  protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
    String scheme = driver.equals(MYSQL_CONNECTOR) ? "jdbc:mysql://" : "jdbc:mariadb://";
    return scheme + hostList(url) + "/" + url.database().orElse("");
  }

  /**
   * Adds {@code program_name:<name>} to the connection attributes, keeping the ones given; a {@code
   * program_name} given in the URL wins. Commas and colons in the name become {@code _}.
   */
  @Override
  protected void applyApplicationName(Properties p, String applicationName) {
    String given = p.getProperty(ATTRIBUTES, "").strip();
    for (String pair : given.split(",")) {
      if (pair.strip().startsWith("program_name:")) {
        return;
      }
    }
    String attr = "program_name:" + attributeValue(applicationName);
    p.setProperty(ATTRIBUTES, given.isEmpty() ? attr : given + "," + attr);
  }

  /**
   * MariaDB Connector/J and MySQL Connector/J: {@code connectTimeout} and {@code socketTimeout} in
   * milliseconds (the socket timeout here bounds the login handshake; the open connection's comes
   * from {@code setNetworkTimeout}) and {@code tcpKeepAlive}; with MariaDB Connector/J also its
   * keepalive timing ({@code tcpKeepIdle} 30 s, {@code tcpKeepInterval} 10 s, {@code tcpKeepCount}
   * 3, as {@link KeepAliveSocketFactory} gives pgjdbc), so that a silent peer is found dead within
   * about a minute. The drivers' own defaults: 30 s (MariaDB) or none (MySQL), none, on (MariaDB 3)
   * or off (MySQL), and the operating system's keepalive timing.
   */
  @Override
  protected boolean applyNetworkTimeouts(DatabaseUrl url, Properties p, NetworkTimeouts t) {
    int millis = NetworkTimeouts.millis(t.connect());
    setIfAbsent(p, "connectTimeout", millis);
    setIfAbsent(p, "tcpKeepAlive", true);
    if (preferredDriver(url) == MARIADB_CONNECTOR) { // MySQL Connector/J has no such options
      if (!p.containsKey("socketFactory") && MARIADB_FACTORY_USABLE) {
        p.setProperty("socketFactory", KeepAliveSocketFactory.class.getName());
      }
      setIfAbsent(p, "tcpKeepIdle", KeepAliveSocketFactory.IDLE.toSeconds());
      setIfAbsent(p, "tcpKeepInterval", KeepAliveSocketFactory.INTERVAL.toSeconds());
      setIfAbsent(p, "tcpKeepCount", KeepAliveSocketFactory.COUNT);
    }
    if (p.containsKey("socketTimeout")) {
      return false; // the URL bounds every read itself
    }
    p.setProperty("socketTimeout", String.valueOf(millis));
    return true;
  }

  /** Returns the application name as it appears in the {@code program_name} attribute. */
  static String attributeValue(String applicationName) {
    return applicationName.replace(',', '_').replace(':', '_');
  }

  @Override
  protected boolean isDisconnectSignal(SQLException e) {
    return super.isDisconnectSignal(e) || DISCONNECT_CODES.contains(e.getErrorCode());
  }

  /**
   * Access denied (1045, 1044, 1698), unknown database (1049) or a database name the server refuses
   * (1102, "Incorrect database name"), host not allowed or blocked (1130, 1129), authentication
   * method or expired password (1251, 1862) cannot heal by retrying.
   */
  @Override
  protected boolean isPermanentConnectSignal(SQLException e) {
    return super.isPermanentConnectSignal(e) || PERMANENT_CONNECT_CODES.contains(e.getErrorCode());
  }

  /**
   * Too many connections (1040, sent with SQLState 08004), too many for the user (1203) and the
   * user's resource limit (1226) heal when others disconnect.
   */
  @Override
  protected boolean isTransientConnectSignal(SQLException e) {
    return TRANSIENT_CONNECT_CODES.contains(e.getErrorCode());
  }

  /**
   * Counts by {@code program_name} in {@code performance_schema.session_connect_attrs} when that
   * table is readable and filled; otherwise counts the sessions whose default database is {@code
   * database} in {@code information_schema.processlist} (application names are not visible there).
   */
  @Override
  public int countSessions(Connection admin, String applicationName, String database)
      throws SQLException {
    if (applicationName != null) {
      Integer byName = countByProgramName(admin, attributeValue(applicationName));
      if (byName != null) {
        return byName;
      }
    }
    if (database == null) {
      return countQuery(
          admin, "select count(*) from information_schema.processlist where ID <> CONNECTION_ID()");
    }
    return countQuery(
        admin,
        "select count(*) from information_schema.processlist where DB = ? and ID <>"
            + " CONNECTION_ID()",
        database);
  }

  private static Integer countByProgramName(Connection admin, String programName) {
    try {
      if (countQuery(admin, "select count(*) from performance_schema.session_connect_attrs") == 0) {
        return null; // performance_schema is off
      }
      return countQuery(
          admin,
          "select count(distinct PROCESSLIST_ID) from performance_schema.session_connect_attrs"
              + " where ATTR_NAME = 'program_name' and ATTR_VALUE = ?"
              + " and PROCESSLIST_ID <> CONNECTION_ID()",
          programName);
    } catch (SQLException e) {
      return null; // not readable: no privilege, or no performance_schema
    }
  }

  /** Returns {@link SqlSyntax#MYSQL}. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.MYSQL;
  }

  /**
   * Returns 65535: the prepared statement protocol counts parameters in an unsigned 16-bit number.
   */
  @Override
  public int maxBindParameters() {
    return 65535;
  }

  /** Returns true. */
  @Override
  public boolean supportsMultiRowInsert() {
    return true;
  }

  /**
   * {@code @@max_connections}, for MySQL and MariaDB alike. Both servers allow one more connection
   * for an administrator on top of it, so nothing is subtracted; MariaDB's {@code
   * extra_max_connections} belong to its separate admin port and are ignored.
   */
  @Override
  public Optional<ServerLimits> serverLimits(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select @@max_connections")) {
      return rs.next()
          ? Optional.of(ServerLimits.of("max_connections", rs.getInt(1)))
          : Optional.empty();
    }
  }
}
