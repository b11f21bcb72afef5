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

/**
 * The parts of {@link ResultSet} the stub does not support: updates by column index, row changes
 * and getters of types other than numbers and strings.
 */
abstract class StubResultSetUnsupported implements ResultSet {

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    throw StubSupport.unsupported("updateArray");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream stream, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream stream, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateAsciiStream");
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    throw StubSupport.unsupported("updateBigDecimal");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream stream, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream stream, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateBinaryStream");
  }

  @Override
  public void updateBlob(int columnIndex, InputStream stream, long length) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBlob(int columnIndex, InputStream stream) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    throw StubSupport.unsupported("updateBlob");
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    throw StubSupport.unsupported("updateBoolean");
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    throw StubSupport.unsupported("updateByte");
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    throw StubSupport.unsupported("updateBytes");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader reader, int length)
      throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader reader, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateCharacterStream");
  }

  @Override
  public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateClob(int columnIndex, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    throw StubSupport.unsupported("updateClob");
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    throw StubSupport.unsupported("updateDate");
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    throw StubSupport.unsupported("updateDouble");
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    throw StubSupport.unsupported("updateFloat");
  }

  @Override
  public void updateInt(int columnIndex, int n) throws SQLException {
    throw StubSupport.unsupported("updateInt");
  }

  @Override
  public void updateLong(int columnIndex, long length) throws SQLException {
    throw StubSupport.unsupported("updateLong");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader reader, long length)
      throws SQLException {
    throw StubSupport.unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNClob(int columnIndex, NClob x) throws SQLException {
    throw StubSupport.unsupported("updateNClob");
  }

  @Override
  public void updateNString(int columnIndex, String typeName) throws SQLException {
    throw StubSupport.unsupported("updateNString");
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("updateNull");
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    throw StubSupport.unsupported("updateObject");
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    throw StubSupport.unsupported("updateObject");
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    throw StubSupport.unsupported("updateRef");
  }

  @Override
  public void updateRow() throws SQLException {
    throw StubSupport.unsupported("updateRow");
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    throw StubSupport.unsupported("updateRowId");
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
    throw StubSupport.unsupported("updateSQLXML");
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    throw StubSupport.unsupported("updateShort");
  }

  @Override
  public void updateString(int columnIndex, String typeName) throws SQLException {
    throw StubSupport.unsupported("updateString");
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    throw StubSupport.unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    throw StubSupport.unsupported("updateTimestamp");
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw StubSupport.unsupported("cancelRowUpdates");
  }

  @Override
  public void deleteRow() throws SQLException {
    throw StubSupport.unsupported("deleteRow");
  }

  @Override
  public void insertRow() throws SQLException {
    throw StubSupport.unsupported("insertRow");
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw StubSupport.unsupported("moveToCurrentRow");
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw StubSupport.unsupported("moveToInsertRow");
  }

  @Override
  public void refreshRow() throws SQLException {
    throw StubSupport.unsupported("refreshRow");
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    throw StubSupport.unsupported("rowDeleted");
  }

  @Override
  public boolean rowInserted() throws SQLException {
    throw StubSupport.unsupported("rowInserted");
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    throw StubSupport.unsupported("rowUpdated");
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getArray");
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getAsciiStream");
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBinaryStream");
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBlob");
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getBytes");
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getCharacterStream");
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getClob");
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
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getNCharacterStream");
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getNClob");
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getRef");
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getRowId");
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getSQLXML");
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
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getTimestamp");
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getURL");
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    throw StubSupport.unsupported("getUnicodeStream");
  }
}
