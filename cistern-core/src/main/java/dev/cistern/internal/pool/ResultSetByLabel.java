package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.Calendar;
import java.util.Map;

/** A layer of {@link ProxyResultSet}: the getters by column label. */
abstract class ResultSetByLabel extends DelegatingResultSet {
  ResultSetByLabel(ResultSet raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getString(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getBoolean(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getByte(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getShort(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getInt(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getLong(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getFloat(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getDouble(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    checkOpen();
    try {
      return raw.getBigDecimal(columnLabel, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getBytes(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getDate(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getTime(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getTimestamp(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getAsciiStream(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getUnicodeStream(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getBinaryStream(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getCharacterStream(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getBigDecimal(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnLabel, map);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getRef(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getBlob(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getClob(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getArray(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(String columnLabel, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getDate(columnLabel, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(String columnLabel, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getTime(columnLabel, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getTimestamp(columnLabel, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.net.URL getURL(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getURL(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getRowId(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getNClob(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getSQLXML(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getNString(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.getNCharacterStream(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnLabel, type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
