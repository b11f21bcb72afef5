package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The h2 dialect: {@code h2:mem:name}, {@code h2:file:/path}, {@code h2:./path}, or a server with
 * {@code h2://user@host:9092/path} ({@code jdbc:h2:tcp://host:9092/path}).
 */
final class H2Dialect extends Dialect {
  private static final List<DriverChoice> DRIVERS =
      List.of(new DriverChoice("h2", "org.h2.Driver", "com.h2database:h2"));

  /** Connection broken (90067), database closed (90098), database closed on shutdown (90121). */
  private static final Set<Integer> PERMANENT_CONNECT_CODES =
      Set.of(28000, 90013, 90146, 90149, 90113, 90046, 90008, 90049);

  private static final Set<Integer> DISCONNECT_CODES = Set.of(90067, 90098, 90121);

  @Override
  public String name() {
    return "h2";
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
    if (url.hosts().isEmpty()) {
      return "jdbc:h2:" + url.database().orElse("mem:");
    }
    return "jdbc:h2:tcp://" + hostList(url) + "/" + url.database().orElse("");
  }

  @Override
  protected boolean isDisconnectSignal(SQLException e) {
    return super.isDisconnectSignal(e) || DISCONNECT_CODES.contains(e.getErrorCode());
  }

  /**
   * Wrong user or password (28000), database not found (90013, 90146 with IFEXISTS, 90149 on a
   * server), unsupported setting (90113), bad URL (90046), invalid value (90008) and a wrong file
   * password (90049) cannot heal by retrying.
   */
  @Override
  protected boolean isPermanentConnectSignal(SQLException e) {
    return super.isPermanentConnectSignal(e) || PERMANENT_CONNECT_CODES.contains(e.getErrorCode());
  }

  /** A database file in use by another process (90020) or a broken link (90067) can heal. */
  @Override
  protected boolean isTransientConnectSignal(SQLException e) {
    return e.getErrorCode() == 90020 || e.getErrorCode() == 90067;
  }

  /** Counts every other session of the database; H2 knows no application names. */
  @Override
  public int countSessions(Connection admin, String applicationName, String database)
      throws SQLException {
    return countQuery(
        admin, "select count(*) from INFORMATION_SCHEMA.SESSIONS where SESSION_ID <> SESSION_ID()");
  }

  /** Returns 32767: a cautious bound matching PostgreSQL; H2 has no small fixed limit. */
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

  /** None: H2 sets no limit on its sessions. */
  @Override
  public java.util.Optional<ServerLimits> serverLimits(Connection c) {
    return java.util.Optional.empty();
  }
}
