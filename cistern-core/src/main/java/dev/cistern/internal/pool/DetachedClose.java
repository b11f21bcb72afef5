package dev.cistern.internal.pool;

import dev.cistern.ResetOnReturn;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection its borrower detached from the pool, as SQLAlchemy's {@code _finalize_fairy}
 * does for a detached fairy: reset event, the pool's reset, closeDetached event, physical close.
 */
final class DetachedClose {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  private DetachedClose() {}

  static void close(PoolEntry e, PoolConfig config, PoolListeners listener) {
    ResetOnReturn kind = config.resetOnReturn();
    if (listener.active()) {
      listener.reset(e, PoolListeners.resetState(kind, true, true));
    }
    Connection raw = e.raw();
    try {
      // Only the transaction: the settings die with the connection. Left open, JDBC lets the
      // driver decide what closing does with it (some commit), so end it as the pool would.
      if (e.connectionState().isTransactionDirty()
          && kind != ResetOnReturn.NONE
          && !raw.getAutoCommit()) {
        if (kind == ResetOnReturn.COMMIT) {
          raw.commit();
        } else {
          raw.rollback();
        }
      }
    } catch (SQLException | RuntimeException ex) {
      log.warn(
          "pool '{}': resetting detached {} before closing it failed: {}",
          config.name(),
          e,
          ex.toString());
    }
    if (listener.active()) {
      listener.closeDetached(e);
    }
    try {
      raw.close();
    } catch (SQLException | RuntimeException ex) {
      log.warn("pool '{}': closing detached {} failed: {}", config.name(), e, ex.toString());
    }
  }
}
