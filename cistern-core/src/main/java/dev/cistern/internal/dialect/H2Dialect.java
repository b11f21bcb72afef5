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
}
