package dev.cistern.testkit.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The {@link ResultSet} methods taking a column label: getters delegate to the index variant after
 * {@link #findColumn(String)}; updates are not supported.
 */
abstract class StubResultSetByLabel extends StubResultSetUnsupported {

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    throw StubSupport.unsupported("updateArray");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream stream, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream stream, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    throw StubSupport.unsupported("updateBigDecimal");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream stream, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream stream, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBlob(String columnLabel, InputStream stream, long length) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    throw StubSupport.unsupported("updateBoolean");
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    throw StubSupport.unsupported("updateByte");
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    throw StubSupport.unsupported("updateBytes");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    throw StubSupport.unsupported("updateDate");
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    throw StubSupport.unsupported("updateDouble");
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    throw StubSupport.unsupported("updateFloat");
  }

  @Override
  public void updateInt(String columnLabel, int n) throws SQLException {
    throw StubSupport.unsupported("updateInt");
  }

  @Override
  public void updateLong(String columnLabel, long length) throws SQLException {
    throw StubSupport.unsupported("updateLong");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, NClob x) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNString(String columnLabel, String typeName) throws SQLException {
    throw StubSupport.unsupported("updateNString");
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    throw StubSupport.unsupported("updateNull");
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    throw StubSupport.unsupported("updateObject");
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    throw StubSupport.unsupported("updateObject");
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    throw StubSupport.unsupported("updateRef");
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    throw StubSupport.unsupported("updateRowId");
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
    throw StubSupport.unsupported("updateSQLXML");
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    throw StubSupport.unsupported("updateShort");
  }

  @Override
  public void updateString(String columnLabel, String typeName) throws SQLException {
    throw StubSupport.unsupported("updateString");
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    throw StubSupport.unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    throw StubSupport.unsupported("updateTimestamp");
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return getArray(findColumn(columnLabel));
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return getAsciiStream(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String columnLabel, int n) throws SQLException {
    return getBigDecimal(findColumn(columnLabel), n);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return getBinaryStream(findColumn(columnLabel));
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return getBlob(findColumn(columnLabel));
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return getBytes(findColumn(columnLabel));
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return getCharacterStream(findColumn(columnLabel));
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return getClob(findColumn(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return getDate(findColumn(columnLabel), cal);
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return getNCharacterStream(findColumn(columnLabel));
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return getNClob(findColumn(columnLabel));
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return getNString(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(columnLabel), map);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return getRef(findColumn(columnLabel));
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return getRowId(findColumn(columnLabel));
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return getSQLXML(findColumn(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return getTime(findColumn(columnLabel), cal);
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(columnLabel), cal);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    return getURL(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return getUnicodeStream(findColumn(columnLabel));
  }
}
