package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLType;
import java.util.Calendar;

/**
 * A prepared statement handed to a borrower; see {@link ProxyStatement}. Its executions, too, note
 * that a transaction may be open.
 */
public class ProxyPreparedStatement extends PreparedStatementSetters {
  ProxyPreparedStatement(PreparedStatement raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    beforeExecute();
    ResultSet rs;
    try {
      rs = prepared.executeQuery();
    } catch (SQLException e) {
      throw fail(e);
    }
    return wrap(rs);
  }

  @Override
  public int executeUpdate() throws SQLException {
    beforeExecute();
    try {
      return prepared.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      prepared.setAsciiStream(parameterIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      prepared.setUnicodeStream(parameterIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      prepared.setBinaryStream(parameterIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    try {
      prepared.clearParameters();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    checkOpen();
    try {
      prepared.setObject(parameterIndex, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    beforeExecute();
    try {
      return prepared.execute();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    try {
      prepared.addBatch();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    checkOpen();
    try {
      prepared.setCharacterStream(parameterIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    try {
      return ProxyResultSetMetaData.wrap(prepared.getMetaData(), connection);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, java.sql.Date x, Calendar cal) throws SQLException {
    checkOpen();
    try {
      prepared.setDate(parameterIndex, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, java.sql.Time x, Calendar cal) throws SQLException {
    checkOpen();
    try {
      prepared.setTime(parameterIndex, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x, Calendar cal)
      throws SQLException {
    checkOpen();
    try {
      prepared.setTimestamp(parameterIndex, x, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    checkOpen();
    try {
      prepared.setNull(parameterIndex, sqlType, typeName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    try {
      return ProxyParameterMetaData.wrap(prepared.getParameterMetaData(), connection);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    checkOpen();
    try {
      prepared.setNCharacterStream(parameterIndex, value, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      prepared.setClob(parameterIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    checkOpen();
    try {
      prepared.setBlob(parameterIndex, inputStream, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      prepared.setNClob(parameterIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
    try {
      prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    checkOpen();
    try {
      prepared.setAsciiStream(parameterIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    checkOpen();
    try {
      prepared.setBinaryStream(parameterIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    checkOpen();
    try {
      prepared.setCharacterStream(parameterIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
    try {
      prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    checkOpen();
    try {
      prepared.setObject(parameterIndex, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    beforeExecute();
    try {
      return prepared.executeLargeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
