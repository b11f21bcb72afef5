package dev.cistern.testkit.stub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The stub JDBC driver, for URLs {@code jdbc:stub:<name>[?param=value&...]}.
 *
 * <p>Each name maps to one {@link StubDatabase}. Query parameters configure that database when the
 * first connect creates it (later URLs for the same name are validated but not applied):
 *
 * <ul>
 *   <li>{@code connectFails}, {@code validateFails}, {@code closeFails}: {@code true}/{@code
 *       false}, make the operation throw;
 *   <li>{@code connectHangs}, {@code validateHangs}, {@code closeHangs}: make the operation block;
 *   <li>{@code connectDelay}, {@code validateDelay}, {@code closeDelay}, {@code queryDelay}:
 *       durations such as {@code 150ms}, {@code 2s}, {@code 1m}, {@code 500us} or {@code PT1S};
 *   <li>{@code connectSqlState}, {@code validateSqlState}, {@code closeSqlState}: the SQLState of
 *       injected failures;
 *   <li>{@code validateReturnsFalse}: {@code isValid} returns false;
 *   <li>{@code failNextConnects}: the number of connects that fail before connects succeed;
 *   <li>{@code rows}: the number of rows every query returns.
 * </ul>
 *
 * <p>A parameter without a value, e.g. {@code ?connectFails}, means {@code true}. Unknown
 * parameters are rejected with SQLState 22023. The driver registers itself with {@link
 * DriverManager} when loaded (through {@code META-INF/services/java.sql.Driver}); {@link
 * #register()} does so explicitly.
 */
public final class StubDriver implements java.sql.Driver {

  /** The prefix of every stub URL. */
  public static final String URL_PREFIX = "jdbc:stub:";

  /** The supported URL parameters. */
  public static final List<String> PARAMS =
      List.of(
          "connectFails",
          "connectHangs",
          "connectDelay",
          "connectSqlState",
          "validateFails",
          "validateHangs",
          "validateDelay",
          "validateSqlState",
          "validateReturnsFalse",
          "closeFails",
          "closeHangs",
          "closeDelay",
          "closeSqlState",
          "failNextConnects",
          "queryDelay",
          "rows");

  static final int MAJOR_VERSION = 0;
  static final int MINOR_VERSION = 1;

  private static final StubDriver INSTANCE = new StubDriver();

  static {
    register();
  }

  /** Creates a driver; {@link #register()} registers the shared instance instead. */
  public StubDriver() {
    // instances are stateless; DriverManager uses the shared one
  }

  /**
   * Registers the shared driver instance with {@link DriverManager}; calling it again is harmless.
   *
   * @return the registered instance
   */
  public static StubDriver register() {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not register the stub driver", e);
    }
    return INSTANCE;
  }

  /**
   * Returns the URL of the database called {@code name}.
   *
   * @param name the stub database's name
   * @return the JDBC URL
   */
  public static String url(String name) {
    return URL_PREFIX + name;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    StubUrl parsed = StubUrl.parse(url);
    return StubDatabase.named(parsed.name(), parsed).connect();
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(URL_PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger(StubDriver.class.getPackageName());
  }
}
