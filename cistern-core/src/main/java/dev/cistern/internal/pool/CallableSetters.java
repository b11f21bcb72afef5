package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;

/** A layer of {@link ProxyCallableStatement}: the two-argument setters of parameters by name. */
abstract class CallableSetters extends CallableGettersByName {
  CallableSetters(CallableStatement raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public void setURL(String parameterName, java.net.URL val) throws SQLException {
    checkOpen();
    try {
      callable.setURL(parameterName, val);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNull(String parameterName, int sqlType) throws SQLException {
    checkOpen();
    try {
      callable.setNull(parameterName, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBoolean(String parameterName, boolean x) throws SQLException {
    checkOpen();
    try {
      callable.setBoolean(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setByte(String parameterName, byte x) throws SQLException {
    checkOpen();
    try {
      callable.setByte(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setShort(String parameterName, short x) throws SQLException {
    checkOpen();
    try {
      callable.setShort(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setInt(String parameterName, int x) throws SQLException {
    checkOpen();
    try {
      callable.setInt(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setLong(String parameterName, long x) throws SQLException {
    checkOpen();
    try {
      callable.setLong(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFloat(String parameterName, float x) throws SQLException {
    checkOpen();
    try {
      callable.setFloat(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDouble(String parameterName, double x) throws SQLException {
    checkOpen();
    try {
      callable.setDouble(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
    checkOpen();
    try {
      callable.setBigDecimal(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setString(String parameterName, String x) throws SQLException {
    checkOpen();
    try {
      callable.setString(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBytes(String parameterName, byte[] x) throws SQLException {
    checkOpen();
    try {
      callable.setBytes(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDate(String parameterName, java.sql.Date x) throws SQLException {
    checkOpen();
    try {
      callable.setDate(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTime(String parameterName, java.sql.Time x) throws SQLException {
    checkOpen();
    try {
      callable.setTime(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTimestamp(String parameterName, java.sql.Timestamp x) throws SQLException {
    checkOpen();
    try {
      callable.setTimestamp(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(String parameterName, Object x) throws SQLException {
    checkOpen();
    try {
      callable.setObject(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setRowId(String parameterName, RowId x) throws SQLException {
    checkOpen();
    try {
      callable.setRowId(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNString(String parameterName, String value) throws SQLException {
    checkOpen();
    try {
      callable.setNString(parameterName, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(String parameterName, NClob value) throws SQLException {
    checkOpen();
    try {
      callable.setNClob(parameterName, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
    checkOpen();
    try {
      callable.setSQLXML(parameterName, xmlObject);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(String parameterName, Blob x) throws SQLException {
    checkOpen();
    try {
      callable.setBlob(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(String parameterName, Clob x) throws SQLException {
    checkOpen();
    try {
      callable.setClob(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
    checkOpen();
    try {
      callable.setAsciiStream(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
    checkOpen();
    try {
      callable.setBinaryStream(parameterName, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
    checkOpen();
    try {
      callable.setCharacterStream(parameterName, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
    checkOpen();
    try {
      callable.setNCharacterStream(parameterName, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
    try {
      callable.setClob(parameterName, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
    checkOpen();
    try {
      callable.setBlob(parameterName, inputStream);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
    try {
      callable.setNClob(parameterName, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
