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

/**
 * The base of {@link ProxyResultSet}: the state its layers share and the getters by column index.
 *
 * <p>A result set is used by the thread that borrowed its connection; only {@link #closed} is read
 * across threads (the connection may be closed from another thread).
 */
abstract class DelegatingResultSet implements ResultSet {
  final ResultSet raw;
  final ProxyConnection connection;
  volatile boolean closed;

  DelegatingResultSet(ResultSet raw, ProxyConnection connection) {
    this.raw = raw;
    this.connection = connection;
  }

  /** Throws if this result set was closed or its connection invalidated. */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("result set is closed", "HY010");
    }
    connection.checkNotInvalidated();
  }

  /** Passes an exception of the driver through the connection's check and returns it. */
  final SQLException fail(SQLException e) {
    return connection.checkException(e);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getString(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getBoolean(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getByte(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getShort(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getInt(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getLong(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getFloat(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getDouble(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    checkOpen();
    try {
      return raw.getBigDecimal(columnIndex, scale);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getBytes(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getDate(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getTime(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getTimestamp(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getAsciiStream(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getUnicodeStream(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getBinaryStream(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getCharacterStream(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getBigDecimal(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnIndex, map);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getRef(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getBlob(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getClob(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getArray(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Date getDate(int columnIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getDate(columnIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Time getTime(int columnIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getTime(columnIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.sql.Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    checkOpen();
    try {
      return raw.getTimestamp(columnIndex, cal);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public java.net.URL getURL(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getURL(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getRowId(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getNClob(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getSQLXML(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getNString(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    checkOpen();
    try {
      return raw.getNCharacterStream(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    checkOpen();
    try {
      return raw.getObject(columnIndex, type);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
