package dev.cistern.testkit.stub;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Shared exception factories and SQLState constants of the stub driver. */
final class StubSupport {

  /** SQLState for a failure to establish a connection. */
  static final String CONNECT_FAILURE = "08001";

  /** SQLState for a connection failure on an established connection. */
  static final String CONNECTION_FAILURE = "08006";

  /** SQLState for an operation on a closed connection. */
  static final String CONNECTION_CLOSED = "08003";

  /** SQLState for an operation on a closed statement or result set (function sequence error). */
  static final String SEQUENCE_ERROR = "HY010";

  /** SQLState for an invalid parameter or column. */
  static final String INVALID_PARAMETER = "22023";

  /** SQLState for an operation that needs a current row (invalid cursor state). */
  static final String INVALID_CURSOR = "24000";

  /** SQLState for a cancelled statement. */
  static final String QUERY_CANCELED = "57014";

  private StubSupport() {}

  static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException(method + " is not supported by the stub driver");
  }

  static SQLException connectionClosed() {
    return new SQLException("connection is closed", CONNECTION_CLOSED);
  }

  static SQLException broken(long connectionId, String database) {
    return new SQLException(
        "connection "
            + connectionId
            + " to stub database '"
            + database
            + "' was broken by disconnectAll()",
        CONNECTION_FAILURE);
  }

  static SQLException interrupted(String what, String sqlState) {
    Thread.currentThread().interrupt();
    return new SQLException("interrupted while " + what, sqlState);
  }

  static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
    if (iface != null && iface.isInstance(self)) {
      return iface.cast(self);
    }
    // the hand-written type's name, not the generated subclass's
    String type = self.getClass().getSimpleName().replaceFirst("^Generated(?=Stub)", "");
    throw new SQLException(type + " does not wrap " + iface, INVALID_PARAMETER);
  }
}
