package dev.cistern.internal.pool;

import dev.cistern.ResetOnReturn;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * What a borrower changed on a physical connection, so that returning it restores exactly that.
 *
 * <p>The proxy calls a {@code before...} method before it forwards a setter; the first call records
 * the value the connection had, so a connection whose settings were never touched costs nothing on
 * return. {@link #markTransactionDirty()} is called when a statement runs; only then does return
 * roll back (or commit).
 */
public final class ConnectionState {
  private static final int AUTO_COMMIT = 1;
  private static final int ISOLATION = 1 << 1;
  private static final int READ_ONLY = 1 << 2;
  private static final int CATALOG = 1 << 3;
  private static final int SCHEMA = 1 << 4;
  private static final int NETWORK_TIMEOUT = 1 << 5;
  private static final int CLIENT_INFO = 1 << 6;
  private static final int HOLDABILITY = 1 << 7;

  private static final Executor DIRECT = Runnable::run;

  private final Connection raw;
  private int changed;
  private boolean transactionDirty;
  private boolean autoCommit;
  private int isolation;
  private boolean readOnly;
  private String catalog;
  private String schema;
  private int networkTimeout;
  private Properties clientInfo;
  private int holdability;

  ConnectionState(Connection raw) {
    this.raw = raw;
  }

  /** Records the auto-commit mode before the borrower changes it. */
  public void beforeSetAutoCommit() throws SQLException {
    if ((changed & AUTO_COMMIT) == 0) {
      autoCommit = raw.getAutoCommit();
      changed |= AUTO_COMMIT;
    }
  }

  /** Records the isolation level before the borrower changes it. */
  public void beforeSetTransactionIsolation() throws SQLException {
    if ((changed & ISOLATION) == 0) {
      isolation = raw.getTransactionIsolation();
      changed |= ISOLATION;
    }
  }

  /** Records the read-only flag before the borrower changes it. */
  public void beforeSetReadOnly() throws SQLException {
    if ((changed & READ_ONLY) == 0) {
      readOnly = raw.isReadOnly();
      changed |= READ_ONLY;
    }
  }

  /** Records the catalog before the borrower changes it. */
  public void beforeSetCatalog() throws SQLException {
    if ((changed & CATALOG) == 0) {
      catalog = raw.getCatalog();
      changed |= CATALOG;
    }
  }

  /** Records the schema before the borrower changes it. */
  public void beforeSetSchema() throws SQLException {
    if ((changed & SCHEMA) == 0) {
      schema = raw.getSchema();
      changed |= SCHEMA;
    }
  }

  /** Records the network timeout before the borrower changes it. */
  public void beforeSetNetworkTimeout() throws SQLException {
    if ((changed & NETWORK_TIMEOUT) == 0) {
      networkTimeout = raw.getNetworkTimeout();
      changed |= NETWORK_TIMEOUT;
    }
  }

  /** Records the client info before the borrower changes it. */
  public void beforeSetClientInfo() throws SQLException {
    if ((changed & CLIENT_INFO) == 0) {
      Properties p = raw.getClientInfo();
      clientInfo = p == null ? new Properties() : (Properties) p.clone();
      changed |= CLIENT_INFO;
    }
  }

  /** Records the holdability before the borrower changes it. */
  public void beforeSetHoldability() throws SQLException {
    if ((changed & HOLDABILITY) == 0) {
      holdability = raw.getHoldability();
      changed |= HOLDABILITY;
    }
  }

  /** Notes that a statement ran, so a transaction may be open. */
  public void markTransactionDirty() {
    transactionDirty = true;
  }

  /** Notes that the borrower committed or rolled back. */
  public void markTransactionClean() {
    transactionDirty = false;
  }

  /** Returns true if a statement ran since the last commit or rollback. */
  public boolean isTransactionDirty() {
    return transactionDirty;
  }

  /** Returns true if the borrower changed any setting. */
  public boolean hasChanges() {
    return changed != 0;
  }

  /**
   * Ends the borrower's transaction as {@code mode} says and restores every setting it changed.
   *
   * @throws SQLException if the connection cannot be reset; the pool then discards it
   */
  public void reset(ResetOnReturn mode) throws SQLException {
    if (!transactionDirty && changed == 0 && clientInfo == null) {
      return; // nothing to do, and nothing written: the entry's lines stay clean in other caches
    }
    try {
      if (transactionDirty && mode != ResetOnReturn.NONE && !raw.getAutoCommit()) {
        if (mode == ResetOnReturn.COMMIT) {
          raw.commit();
        } else {
          raw.rollback();
        }
      }
      if (changed != 0) {
        restore();
      }
    } finally {
      transactionDirty = false;
      changed = 0;
      clientInfo = null;
    }
  }

  private void restore() throws SQLException {
    if ((changed & AUTO_COMMIT) != 0) {
      raw.setAutoCommit(autoCommit);
    }
    if ((changed & ISOLATION) != 0) {
      raw.setTransactionIsolation(isolation);
    }
    if ((changed & READ_ONLY) != 0) {
      raw.setReadOnly(readOnly);
    }
    if ((changed & CATALOG) != 0 && catalog != null) {
      raw.setCatalog(catalog);
    }
    if ((changed & SCHEMA) != 0 && schema != null) {
      raw.setSchema(schema);
    }
    if ((changed & NETWORK_TIMEOUT) != 0) {
      raw.setNetworkTimeout(DIRECT, networkTimeout);
    }
    if ((changed & HOLDABILITY) != 0) {
      raw.setHoldability(holdability);
    }
    if ((changed & CLIENT_INFO) != 0) {
      try {
        raw.setClientInfo(clientInfo);
      } catch (SQLClientInfoException e) {
        throw new SQLException("could not restore client info", e.getSQLState(), e);
      }
    }
  }
}
