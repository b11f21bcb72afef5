package dev.cistern.testkit.stub;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} of a {@link StubConnection}.
 *
 * <p>{@link DatabaseMetaData} has close to two hundred methods, almost all irrelevant to a pool, so
 * this class answers through a dynamic proxy: product and driver names and versions, the URL, the
 * user name, {@link #getConnection()} and the transaction support queries return real values; other
 * methods return {@code false}, {@code 0}, an empty string or an empty result set. Obtain the proxy
 * with {@link StubConnection#getMetaData()}; {@code unwrap(StubDatabaseMetaData.class)} returns the
 * handler.
 */
public final class StubDatabaseMetaData implements InvocationHandler {

  /** The product name reported by {@link DatabaseMetaData#getDatabaseProductName()}. */
  public static final String PRODUCT_NAME = "Stub";

  private final StubConnection connection;

  private StubDatabaseMetaData(StubConnection connection) {
    this.connection = connection;
  }

  static DatabaseMetaData create(StubConnection connection) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            StubDatabaseMetaData.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            new StubDatabaseMetaData(connection));
  }

  /**
   * The connection this metadata describes.
   *
   * @return the connection
   */
  public Connection getConnection() {
    return connection;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      case "toString":
        return "StubDatabaseMetaData[" + connection + "]";
      case "unwrap":
        return unwrap(proxy, (Class<?>) args[0]);
      case "isWrapperFor":
        return args[0] == StubDatabaseMetaData.class
            || (args[0] != null && ((Class<?>) args[0]).isInstance(proxy));
      default:
        break;
    }
    connection.checkOpen();
    switch (name) {
      case "getConnection":
        return connection;
      case "getDatabaseProductName":
        return PRODUCT_NAME;
      case "getDatabaseProductVersion":
      case "getDriverVersion":
        return StubDriver.MAJOR_VERSION + "." + StubDriver.MINOR_VERSION;
      case "getDriverName":
        return "Cistern stub JDBC driver";
      case "getURL":
        return connection.database().url();
      case "getUserName":
        return "stub";
      case "getDriverMajorVersion":
      case "getDatabaseMajorVersion":
        return StubDriver.MAJOR_VERSION;
      case "getDriverMinorVersion":
      case "getDatabaseMinorVersion":
        return StubDriver.MINOR_VERSION;
      case "getJDBCMajorVersion":
        return 4;
      case "getJDBCMinorVersion":
        return 2;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_READ_COMMITTED;
      case "supportsTransactions":
      case "supportsTransactionIsolationLevel":
      case "supportsResultSetType":
      case "supportsResultSetHoldability":
      case "supportsGetGeneratedKeys":
      case "supportsBatchUpdates":
        return true;
      case "isReadOnly":
        return connection.isReadOnly();
      case "getResultSetHoldability":
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "getRowIdLifetime":
        return RowIdLifetime.ROWID_UNSUPPORTED;
      case "getSQLStateType":
        return DatabaseMetaData.sqlStateSQL;
      default:
        return defaultValue(method.getReturnType());
    }
  }

  private Object unwrap(Object proxy, Class<?> iface) throws SQLException {
    if (iface.isInstance(proxy)) {
      return proxy;
    }
    if (iface == StubDatabaseMetaData.class) {
      return this;
    }
    return StubSupport.unwrap(proxy, iface);
  }

  private static Object defaultValue(Class<?> type) throws SQLException {
    if (type == boolean.class) {
      return Boolean.FALSE;
    } else if (type == int.class) {
      return 0;
    } else if (type == long.class) {
      return 0L;
    } else if (type == String.class) {
      return "";
    } else if (type == ResultSet.class) {
      return StubResultSet.create(null, 0, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }
    throw StubSupport.unsupported("DatabaseMetaData method returning " + type.getSimpleName());
  }
}
