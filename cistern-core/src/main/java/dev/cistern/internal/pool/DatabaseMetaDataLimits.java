package dev.cistern.internal.pool;

import java.sql.DatabaseMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/** A layer of {@link ProxyDatabaseMetaData}: limits and the remaining properties. */
abstract class DatabaseMetaDataLimits extends DatabaseMetaDataProperties {
  DatabaseMetaDataLimits(DatabaseMetaData raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnsInGroupBy();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnsInIndex();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnsInOrderBy();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnsInSelect();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnsInTable();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxConnections() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxConnections();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxCursorNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxIndexLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxSchemaNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxProcedureNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxCatalogNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxRowSize();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    checkOpen();
    try {
      return raw.doesMaxRowSizeIncludeBlobs();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxStatementLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxStatements() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxStatements();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxTableNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxTablesInSelect();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxUserNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    checkOpen();
    try {
      return raw.getDefaultTransactionIsolation();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    checkOpen();
    try {
      return raw.dataDefinitionCausesTransactionCommit();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    checkOpen();
    try {
      return raw.dataDefinitionIgnoredInTransactions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.ownUpdatesAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.ownDeletesAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.ownInsertsAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.othersUpdatesAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.othersDeletesAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    checkOpen();
    try {
      return raw.othersInsertsAreVisible(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    checkOpen();
    try {
      return raw.updatesAreDetected(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    checkOpen();
    try {
      return raw.deletesAreDetected(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    checkOpen();
    try {
      return raw.insertsAreDetected(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    try {
      return raw.getResultSetHoldability();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getDatabaseMinorVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getJDBCMajorVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getJDBCMinorVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getSQLStateType() throws SQLException {
    checkOpen();
    try {
      return raw.getSQLStateType();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    checkOpen();
    try {
      return raw.locatorsUpdateCopy();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    checkOpen();
    try {
      return raw.getRowIdLifetime();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    checkOpen();
    try {
      return raw.autoCommitFailureClosesAllResultSets();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    checkOpen();
    try {
      return raw.generatedKeyAlwaysReturned();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxLogicalLobSize();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
