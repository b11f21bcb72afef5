package dev.cistern.internal.pool;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** A layer of {@link ProxyDatabaseMetaData}: the second half of the supports questions. */
abstract class DatabaseMetaDataSupports extends DelegatingDatabaseMetaData {
  DatabaseMetaDataSupports(DatabaseMetaData raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCatalogsInProcedureCalls();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCatalogsInTableDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCatalogsInIndexDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCatalogsInPrivilegeDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    checkOpen();
    try {
      return raw.supportsPositionedDelete();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    checkOpen();
    try {
      return raw.supportsPositionedUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSelectForUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    checkOpen();
    try {
      return raw.supportsStoredProcedures();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSubqueriesInComparisons();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSubqueriesInExists();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSubqueriesInIns();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSubqueriesInQuantifieds();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCorrelatedSubqueries();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    checkOpen();
    try {
      return raw.supportsUnion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    checkOpen();
    try {
      return raw.supportsUnionAll();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOpenCursorsAcrossCommit();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOpenCursorsAcrossRollback();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOpenStatementsAcrossCommit();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOpenStatementsAcrossRollback();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsTransactions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    checkOpen();
    try {
      return raw.supportsTransactionIsolationLevel(level);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsDataDefinitionAndDataManipulationTransactions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    checkOpen();
    try {
      return raw.supportsDataManipulationTransactionsOnly();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    checkOpen();
    try {
      return raw.supportsResultSetType(type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    checkOpen();
    try {
      return raw.supportsResultSetConcurrency(type, concurrency);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    checkOpen();
    try {
      return raw.supportsBatchUpdates();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSavepoints();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    checkOpen();
    try {
      return raw.supportsNamedParameters();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMultipleOpenResults();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    checkOpen();
    try {
      return raw.supportsGetGeneratedKeys();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    checkOpen();
    try {
      return raw.supportsResultSetHoldability(holdability);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    checkOpen();
    try {
      return raw.supportsStatementPooling();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    checkOpen();
    try {
      return raw.supportsStoredFunctionsUsingCallSyntax();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    checkOpen();
    try {
      return raw.supportsRefCursors();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSharding();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
