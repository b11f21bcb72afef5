package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.sql.CallableStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.util.Calendar;

/** A callable statement handed to a borrower; see {@link ProxyStatement}. */
public final class ProxyCallableStatement extends CallableSetters {
  ProxyCallableStatement(CallableStatement raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    try {
      return callable.wasNull();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, String typeName)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, int scale)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, String typeName)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      callable.setAsciiStream(parameterName, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      callable.setBinaryStream(parameterName, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType, int scale)
      throws SQLException {
    checkOpen();
    try {
      callable.setObject(parameterName, x, targetSqlType, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
    checkOpen();
    try {
      callable.setObject(parameterName, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, int length)
      throws SQLException {
    checkOpen();
    try {
      callable.setCharacterStream(parameterName, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDate(String parameterName, java.sql.Date x, Calendar cal) throws SQLException {
    checkOpen();
    try {
      callable.setDate(parameterName, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTime(String parameterName, java.sql.Time x, Calendar cal) throws SQLException {
    checkOpen();
    try {
      callable.setTime(parameterName, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTimestamp(String parameterName, java.sql.Timestamp x, Calendar cal)
      throws SQLException {
    checkOpen();
    try {
      callable.setTimestamp(parameterName, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
    checkOpen();
    try {
      callable.setNull(parameterName, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader value, long length)
      throws SQLException {
    checkOpen();
    try {
      callable.setNCharacterStream(parameterName, value, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      callable.setClob(parameterName, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(String parameterName, InputStream inputStream, long length)
      throws SQLException {
    checkOpen();
    try {
      callable.setBlob(parameterName, inputStream, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      callable.setNClob(parameterName, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
    checkOpen();
    try {
      callable.setAsciiStream(parameterName, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x, long length)
      throws SQLException {
    checkOpen();
    try {
      callable.setBinaryStream(parameterName, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, long length)
      throws SQLException {
    checkOpen();
    try {
      callable.setCharacterStream(parameterName, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
    try {
      callable.setObject(parameterName, x, targetSqlType, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
    checkOpen();
    try {
      callable.setObject(parameterName, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType, int scale)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterIndex, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType, int scale)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType, String typeName)
      throws SQLException {
    checkOpen();
    try {
      callable.registerOutParameter(parameterName, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
