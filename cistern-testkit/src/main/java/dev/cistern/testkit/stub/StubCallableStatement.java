package dev.cistern.testkit.stub;

import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A callable statement of a {@link StubConnection}. It executes like {@link StubPreparedStatement};
 * parameters are accepted and ignored, and reading out parameters is not supported.
 */
public final class StubCallableStatement extends StubCallableParameters {

  StubCallableStatement(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    super(connection, sql, resultSetType, concurrency, holdability);
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getArray");
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getArray");
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getBigDecimal");
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int columnIndex, int n) throws SQLException {
    throw StubSupport.unsupported("getBigDecimal");
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBigDecimal");
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getBlob");
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBlob");
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getBoolean");
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBoolean");
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getByte");
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getByte");
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getBytes");
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBytes");
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getCharacterStream");
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getCharacterStream");
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getClob");
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getClob");
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getDate");
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getDate");
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getDate");
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getDate");
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getDouble");
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getDouble");
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getFloat");
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getFloat");
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getInt");
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getInt");
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getLong");
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getLong");
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getNCharacterStream");
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getNCharacterStream");
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getNClob");
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getNClob");
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getNString");
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getNString");
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getObject");
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getRef");
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getRef");
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getRowId");
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getRowId");
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getSQLXML");
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getSQLXML");
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getShort");
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getShort");
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getString");
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getString");
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getTime");
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getTime");
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getTime");
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getTime");
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("getURL");
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getURL");
  }
}
