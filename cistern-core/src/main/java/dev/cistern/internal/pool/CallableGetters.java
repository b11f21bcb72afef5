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

/** A layer of {@link ProxyCallableStatement}: the getters of OUT parameters by index. */
abstract class CallableGetters extends ProxyPreparedStatement implements CallableStatement {
  final CallableStatement callable;

  CallableGetters(CallableStatement raw, ProxyConnection connection) {
    super(raw, connection);
    this.callable = raw;
  }

  @Override
  public String getString(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getString(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getBoolean(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getBoolean(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte getByte(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getByte(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public short getShort(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getShort(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getInt(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getInt(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLong(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getLong(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public float getFloat(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getFloat(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public double getDouble(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getDouble(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
    checkOpen();
    try {
      return callable.getBigDecimal(parameterIndex, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte[] getBytes(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getBytes(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getDate(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getTime(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getTimestamp(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getBigDecimal(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterIndex, map);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Ref getRef(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getRef(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Blob getBlob(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getBlob(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Clob getClob(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getClob(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Array getArray(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getArray(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(int parameterIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getDate(parameterIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(int parameterIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getTime(parameterIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return callable.getTimestamp(parameterIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.net.URL getURL(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getURL(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public RowId getRowId(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getRowId(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public NClob getNClob(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getNClob(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLXML getSQLXML(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getSQLXML(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getNString(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getNString(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getNCharacterStream(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getNCharacterStream(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getCharacterStream(int parameterIndex) throws SQLException {
    checkOpen();
    try {
      return callable.getCharacterStream(parameterIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
    checkOpen();
    try {
      return callable.getObject(parameterIndex, type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
