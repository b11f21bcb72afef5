package dev.cistern.internal.pool;

import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.Calendar;
import java.util.Map;

/** A layer of {@link ProxyCallableStatement}: the getters of OUT parameters by name. */
abstract class CallableGettersByName extends CallableGetters {
  CallableGettersByName(CallableStatement raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public String getString(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getString(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getBoolean(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getBoolean(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte getByte(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getByte(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public short getShort(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getShort(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getInt(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getInt(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLong(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getLong(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public float getFloat(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getFloat(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public double getDouble(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getDouble(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte[] getBytes(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getBytes(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getDate(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getTime(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getTimestamp(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getBigDecimal(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterName, map);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Ref getRef(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getRef(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Blob getBlob(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getBlob(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Clob getClob(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getClob(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Array getArray(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getArray(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(String parameterName, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getDate(parameterName, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(String parameterName, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getTime(parameterName, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getTimestamp(parameterName, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.net.URL getURL(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getURL(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public RowId getRowId(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getRowId(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public NClob getNClob(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getNClob(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLXML getSQLXML(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getSQLXML(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getNString(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getNString(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getNCharacterStream(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getNCharacterStream(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getCharacterStream(String parameterName) throws SQLException {
    checkOpen();
    try {
      return callable.getCharacterStream(parameterName);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterName, type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
