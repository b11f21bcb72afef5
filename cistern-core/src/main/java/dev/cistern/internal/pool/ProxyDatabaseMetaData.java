package dev.cistern.internal.pool;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The metadata of a {@link ProxyConnection}: forwards to the driver's, returns the connection proxy
 * from {@link #getConnection()}, and wraps the result sets it returns so that closing the
 * connection closes them. Its queries note that a transaction may be open.
 */
public final class ProxyDatabaseMetaData extends DatabaseMetaDataLimits {
  ProxyDatabaseMetaData(DatabaseMetaData raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return raw.unwrap(iface);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return raw.isWrapperFor(iface);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getProcedures(catalog, schemaPattern, procedureNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getProcedureColumns(
      String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getTables(
      String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getTables(catalog, schemaPattern, tableNamePattern, types);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getSchemas();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getCatalogs();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getTableTypes();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getColumnPrivileges(
      String catalog, String schema, String table, String columnNamePattern) throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getColumnPrivileges(catalog, schema, table, columnNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getTablePrivileges(catalog, schemaPattern, tableNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getBestRowIdentifier(
      String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getBestRowIdentifier(catalog, schema, table, scope, nullable);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getVersionColumns(catalog, schema, table);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getPrimaryKeys(catalog, schema, table);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getImportedKeys(catalog, schema, table);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getExportedKeys(catalog, schema, table);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getCrossReference(
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs =
          raw.getCrossReference(
              parentCatalog,
              parentSchema,
              parentTable,
              foreignCatalog,
              foreignSchema,
              foreignTable);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getTypeInfo();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getIndexInfo(
      String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getIndexInfo(catalog, schema, table, unique, approximate);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getUDTs(
      String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getUDTs(catalog, schemaPattern, typeNamePattern, types);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getSuperTypes(catalog, schemaPattern, typeNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getSuperTables(catalog, schemaPattern, tableNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getAttributes(
      String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getSchemas(catalog, schemaPattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getClientInfoProperties();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getFunctions(catalog, schemaPattern, functionNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public ResultSet getPseudoColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    beforeQuery();
    ResultSet rs;
    try {
      rs = raw.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }
}
