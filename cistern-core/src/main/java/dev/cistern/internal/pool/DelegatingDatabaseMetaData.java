package dev.cistern.internal.pool;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The base of {@link ProxyDatabaseMetaData}: the state its layers share and the first half of the
 * {@code supports...} questions.
 */
abstract class DelegatingDatabaseMetaData implements DatabaseMetaData {
  final DatabaseMetaData raw;
  final ProxyConnection connection;

  DelegatingDatabaseMetaData(DatabaseMetaData raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Throws if the connection was closed. */
  final void checkOpen() throws SQLException {
    connection.checkOpen();
  }

  /**
   * Checks the connection is open and notes that a transaction may now be open: drivers answer
   * these questions with queries.
   */
  final void beforeQuery() throws SQLException {
    connection.checkOpen();
    connection.state().markTransactionDirty();
  }

  /** Wraps a result set so that closing the connection closes it. */
  final ResultSet wrap(ResultSet rs) throws SQLException {
    return connection.wrapMetaData(rs);
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMixedCaseIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMixedCaseQuotedIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    checkOpen();
    try {
      return raw.supportsAlterTableWithAddColumn();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    checkOpen();
    try {
      return raw.supportsAlterTableWithDropColumn();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    checkOpen();
    try {
      return raw.supportsColumnAliasing();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    checkOpen();
    try {
      return raw.supportsConvert();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) throws SQLException {
    checkOpen();
    try {
      return raw.supportsConvert(fromType, toType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    checkOpen();
    try {
      return raw.supportsTableCorrelationNames();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    checkOpen();
    try {
      return raw.supportsDifferentTableCorrelationNames();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    checkOpen();
    try {
      return raw.supportsExpressionsInOrderBy();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOrderByUnrelated();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    checkOpen();
    try {
      return raw.supportsGroupBy();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    checkOpen();
    try {
      return raw.supportsGroupByUnrelated();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    checkOpen();
    try {
      return raw.supportsGroupByBeyondSelect();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    checkOpen();
    try {
      return raw.supportsLikeEscapeClause();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMultipleResultSets();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMultipleTransactions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    checkOpen();
    try {
      return raw.supportsNonNullableColumns();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    checkOpen();
    try {
      return raw.supportsMinimumSQLGrammar();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCoreSQLGrammar();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    checkOpen();
    try {
      return raw.supportsExtendedSQLGrammar();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    checkOpen();
    try {
      return raw.supportsANSI92EntryLevelSQL();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    checkOpen();
    try {
      return raw.supportsANSI92IntermediateSQL();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    checkOpen();
    try {
      return raw.supportsANSI92FullSQL();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    checkOpen();
    try {
      return raw.supportsIntegrityEnhancementFacility();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    checkOpen();
    try {
      return raw.supportsOuterJoins();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    checkOpen();
    try {
      return raw.supportsFullOuterJoins();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    checkOpen();
    try {
      return raw.supportsLimitedOuterJoins();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSchemasInDataManipulation();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSchemasInProcedureCalls();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSchemasInTableDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSchemasInIndexDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    checkOpen();
    try {
      return raw.supportsSchemasInPrivilegeDefinitions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    checkOpen();
    try {
      return raw.supportsCatalogsInDataManipulation();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
