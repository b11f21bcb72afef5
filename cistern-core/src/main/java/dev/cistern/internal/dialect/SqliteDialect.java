package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import dev.cistern.InvalidUrlException;
import java.sql.Connection;
import java.util.List;

/**
 * The sqlite dialect, with the Xerial driver: {@code sqlite:///relative.db}, {@code
 * sqlite:////absolute/path.db}, or {@code sqlite://} for a private in-memory database.
 */
final class SqliteDialect extends Dialect {
  private static final List<DriverChoice> DRIVERS =
      List.of(new DriverChoice("xerial", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc"));
  private static final String MEMORY = ":memory:";

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return DRIVERS;
  }

  @Override
  protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
    if (!url.hosts().isEmpty()) {
      throw new InvalidUrlException(
          "SQLite is embedded: its URL names no host; write sqlite:///relative.db,"
              + " sqlite:////absolute/path.db or sqlite:// (in memory)",
          url.toString(),
          -1);
    }
    return "jdbc:sqlite:" + url.database().orElse(MEMORY);
  }

  @Override
  public boolean canCountSessions() {
    return false;
  }

  /**
   * Always throws: SQLite has no server.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public int countSessions(Connection admin, String applicationName, String database) {
    throw new UnsupportedOperationException("SQLite is embedded: it has no server sessions");
  }

  /** Returns 32766: SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32. */
  @Override
  public int maxBindParameters() {
    return 32766;
  }

  /** Returns true. */
  @Override
  public boolean supportsMultiRowInsert() {
    return true;
  }

  /** None: embedded: no network. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.empty();
  }

  /** None: SQLite is a file opened in this process; it has no server to fill. */
  @Override
  public java.util.Optional<ServerLimits> serverLimits(Connection c) {
    return java.util.Optional.empty();
  }
}
