package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The hsqldb dialect: {@code hsqldb:mem:name}, {@code hsqldb:file:path} (a path without a prefix is
 * a file), or a server with {@code hsqldb://user@host:9001/db} ({@code
 * jdbc:hsqldb:hsql://host:9001/db}).
 */
final class HsqldbDialect extends Dialect {
  private static final List<DriverChoice> DRIVERS =
      List.of(new DriverChoice("hsqldb", "org.hsqldb.jdbc.JDBCDriver", "org.hsqldb:hsqldb"));
  private static final List<String> PREFIXES = List.of("mem:", "file:", "res:");

  @Override
  public String name() {
    return "hsqldb";
  }

  @Override
  public boolean allowsOpaqueForm() {
    return true;
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return DRIVERS;
  }

  @Override
  protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
    String db = url.database().orElse("");
    if (!url.hosts().isEmpty()) {
      return "jdbc:hsqldb:hsql://" + hostList(url) + "/" + db;
    }
    if (db.isEmpty()) {
      return "jdbc:hsqldb:mem:";
    }
    boolean typed = PREFIXES.stream().anyMatch(db::startsWith);
    return "jdbc:hsqldb:" + (typed ? db : "file:" + db);
  }

  /** Counts the other sessions (all of them only when {@code admin} has the DBA role). */
  @Override
  public int countSessions(Connection admin, String applicationName, String database)
      throws SQLException {
    return countQuery(
        admin,
        "select count(*) from INFORMATION_SCHEMA.SYSTEM_SESSIONS where SESSION_ID <> SESSION_ID()");
  }

  /** Returns 32767: a cautious bound; HSQLDB has no small fixed limit. */
  @Override
  public int maxBindParameters() {
    return 32767;
  }

  /** Returns true. */
  @Override
  public boolean supportsMultiRowInsert() {
    return true;
  }

  /** None: embedded or local: no network to lose a request on. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.empty();
  }

  /** None: HSQLDB sets no limit on its sessions. */
  @Override
  public java.util.Optional<ServerLimits> serverLimits(Connection c) {
    return java.util.Optional.empty();
  }
}
