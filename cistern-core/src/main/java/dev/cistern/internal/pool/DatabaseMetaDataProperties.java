package dev.cistern.internal.pool;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** A layer of {@link ProxyDatabaseMetaData}: names, versions and other properties. */
abstract class DatabaseMetaDataProperties extends DatabaseMetaDataSupports {
  DatabaseMetaDataProperties(DatabaseMetaData raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    checkOpen();
    try {
      return raw.allProceduresAreCallable();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    checkOpen();
    try {
      return raw.allTablesAreSelectable();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getURL() throws SQLException {
    checkOpen();
    try {
      return raw.getURL();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getUserName() throws SQLException {
    checkOpen();
    try {
      return raw.getUserName();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    try {
      return raw.isReadOnly();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    checkOpen();
    try {
      return raw.nullsAreSortedHigh();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    checkOpen();
    try {
      return raw.nullsAreSortedLow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    checkOpen();
    try {
      return raw.nullsAreSortedAtStart();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    checkOpen();
    try {
      return raw.nullsAreSortedAtEnd();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    checkOpen();
    try {
      return raw.getDatabaseProductName();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getDatabaseProductVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getDriverName() throws SQLException {
    checkOpen();
    try {
      return raw.getDriverName();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getDriverVersion() throws SQLException {
    checkOpen();
    try {
      return raw.getDriverVersion();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getDriverMajorVersion() {
    return raw.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return raw.getDriverMinorVersion();
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    checkOpen();
    try {
      return raw.usesLocalFiles();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    checkOpen();
    try {
      return raw.usesLocalFilePerTable();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesUpperCaseIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesLowerCaseIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesMixedCaseIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesUpperCaseQuotedIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesLowerCaseQuotedIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    checkOpen();
    try {
      return raw.storesMixedCaseQuotedIdentifiers();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    checkOpen();
    try {
      return raw.getIdentifierQuoteString();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    checkOpen();
    try {
      return raw.getSQLKeywords();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    checkOpen();
    try {
      return raw.getNumericFunctions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getStringFunctions() throws SQLException {
    checkOpen();
    try {
      return raw.getStringFunctions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    checkOpen();
    try {
      return raw.getSystemFunctions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    checkOpen();
    try {
      return raw.getTimeDateFunctions();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    checkOpen();
    try {
      return raw.getSearchStringEscape();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    checkOpen();
    try {
      return raw.getExtraNameCharacters();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    checkOpen();
    try {
      return raw.nullPlusNonNullIsNull();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    checkOpen();
    try {
      return raw.getSchemaTerm();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    checkOpen();
    try {
      return raw.getProcedureTerm();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    checkOpen();
    try {
      return raw.getCatalogTerm();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    checkOpen();
    try {
      return raw.isCatalogAtStart();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    checkOpen();
    try {
      return raw.getCatalogSeparator();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxBinaryLiteralLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxCharLiteralLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    checkOpen();
    try {
      return raw.getMaxColumnNameLength();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
