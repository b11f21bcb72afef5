package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import dev.cistern.InvalidUrlException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Raw {@code jdbc:} URLs of databases Cistern has no dialect for. The URL goes to the driver as it
 * is; as no driver class is known, the driver is the one {@link DriverManager} finds for the URL.
 * Not registered by name: {@link Dialects#forUrl} returns it for the {@code jdbc} pseudo-dialect.
 */
final class GenericJdbcDialect extends Dialect {
  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<DriverChoice> driverChoices() {
    return List.of();
  }

  @Override
  protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
    throw new InvalidUrlException("the jdbc dialect needs a raw jdbc: URL", url.toString(), -1);
  }

  @Override
  protected Connection open(DatabaseUrl url, Properties properties) throws SQLException {
    String raw = jdbcUrl(url);
    Driver driver = DriverManager.getDriver(raw);
    Connection c = driver.connect(raw, properties);
    if (c == null) {
      throw refused(url, raw, driver.getClass().getName());
    }
    return c;
  }

  @Override
  public boolean canCountSessions() {
    return false;
  }

  /**
   * Always throws: sessions are counted differently on every database.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public int countSessions(Connection admin, String applicationName, String database) {
    throw new UnsupportedOperationException(
        "cannot count sessions of a database Cistern has no dialect for");
  }

  /** None: an unknown server: no portable way to ask. */
  @Override
  public java.util.Optional<SessionProbe> sessionProbe() {
    return java.util.Optional.empty();
  }

  /** None: an unknown server: no portable way to ask. */
  @Override
  public java.util.Optional<ServerLimits> serverLimits(Connection c) {
    return java.util.Optional.empty();
  }
}
