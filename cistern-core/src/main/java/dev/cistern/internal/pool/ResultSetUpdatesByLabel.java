package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;

/** A layer of {@link ProxyResultSet}: the updaters by column label. */
abstract class ResultSetUpdatesByLabel extends ResultSetUpdates {
  ResultSetUpdatesByLabel(ResultSet raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    checkOpen();
    try {
      raw.updateNull(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    checkOpen();
    try {
      raw.updateBoolean(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    checkOpen();
    try {
      raw.updateByte(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    checkOpen();
    try {
      raw.updateShort(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateInt(String columnLabel, int x) throws SQLException {
    checkOpen();
    try {
      raw.updateInt(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateLong(String columnLabel, long x) throws SQLException {
    checkOpen();
    try {
      raw.updateLong(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    checkOpen();
    try {
      raw.updateFloat(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    checkOpen();
    try {
      raw.updateDouble(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    checkOpen();
    try {
      raw.updateBigDecimal(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    checkOpen();
    try {
      raw.updateString(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    checkOpen();
    try {
      raw.updateBytes(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateDate(String columnLabel, java.sql.Date x) throws SQLException {
    checkOpen();
    try {
      raw.updateDate(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateTime(String columnLabel, java.sql.Time x) throws SQLException {
    checkOpen();
    try {
      raw.updateTime(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateTimestamp(String columnLabel, java.sql.Timestamp x) throws SQLException {
    checkOpen();
    try {
      raw.updateTimestamp(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnLabel, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnLabel, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, int length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnLabel, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnLabel, x, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateRef(String columnLabel, java.sql.Ref x) throws SQLException {
    checkOpen();
    try {
      raw.updateRef(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, java.sql.Blob x) throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, java.sql.Clob x) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateArray(String columnLabel, java.sql.Array x) throws SQLException {
    checkOpen();
    try {
      raw.updateArray(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    checkOpen();
    try {
      raw.updateRowId(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNString(String columnLabel, String nString) throws SQLException {
    checkOpen();
    try {
      raw.updateNString(columnLabel, nString);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnLabel, nClob);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML xmlObject) throws SQLException {
    checkOpen();
    try {
      raw.updateSQLXML(columnLabel, xmlObject);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateNCharacterStream(columnLabel, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnLabel, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnLabel, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnLabel, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnLabel, inputStream, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnLabel, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnLabel, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateNCharacterStream(columnLabel, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnLabel, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnLabel, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, InputStream inputStream) throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnLabel, inputStream);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnLabel, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnLabel, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType)
      throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnLabel, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
