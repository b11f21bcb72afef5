package dev.cistern.internal.engine;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.NetworkTimeouts;
import dev.cistern.internal.pool.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens a pool's physical connections through its dialect, with the URL's credentials or, when a
 * supplier is given, with the credentials it returns for each new connection (rotating passwords,
 * IAM tokens).
 */
public final class DialectConnectionFactory implements ConnectionFactory {
  private final DatabaseUrl url;
  private final Dialect dialect;
  private final String applicationName;
  private final Supplier<Credentials> credentials;
  private final NetworkTimeouts timeouts;

  /**
   * Creates a factory.
   *
   * @param url where to connect
   * @param dialect the URL's dialect
   * @param applicationName the name sessions show on the server, or {@code null}
   * @param credentials called once per new connection; its user and password replace the URL's; or
   *     {@code null} to use the URL's
   */
  public DialectConnectionFactory(
      DatabaseUrl url, Dialect dialect, String applicationName, Supplier<Credentials> credentials) {
    this(url, dialect, applicationName, credentials, NetworkTimeouts.NONE);
  }

  /**
   * Creates a factory whose connections are bounded by {@code timeouts} where the URL sets no bound
   * of its own (see {@link Dialect#connect(DatabaseUrl, String, Credentials, NetworkTimeouts)}).
   */
  public DialectConnectionFactory(
      DatabaseUrl url,
      Dialect dialect,
      String applicationName,
      Supplier<Credentials> credentials,
      NetworkTimeouts timeouts) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.url = Objects.requireNonNull(url, "url");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.applicationName = applicationName;
    this.credentials = credentials;
  }

  /**
   * Opens a connection.
   *
   * @throws SQLException if the driver fails, or the credentials supplier returns null or throws
   */
  @Override
  public Connection create() throws SQLException {
    Credentials c = null;
    if (credentials != null) {
      try {
        c = credentials.get();
      } catch (RuntimeException e) {
        throw new SQLException("the credentials supplier failed: " + e, "28000", e);
      }
      if (c == null) {
        throw new SQLException("the credentials supplier returned null", "28000");
      }
    }
    return dialect.connect(url, applicationName, c, timeouts);
  }

  @Override
  public String toString() {
    return "DialectConnectionFactory[" + dialect.name() + ", " + url + "]";
  }
}
