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

/** A layer of {@link ProxyResultSet}: the updaters by column index. */
abstract class ResultSetUpdates extends ResultSetByLabel {
  ResultSetUpdates(ResultSet raw, ProxyConnection connection) {
    super(raw, connection);
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    checkOpen();
    try {
      raw.updateNull(columnIndex);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    checkOpen();
    try {
      raw.updateBoolean(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    checkOpen();
    try {
      raw.updateByte(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    checkOpen();
    try {
      raw.updateShort(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    checkOpen();
    try {
      raw.updateInt(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    checkOpen();
    try {
      raw.updateLong(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    checkOpen();
    try {
      raw.updateFloat(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    checkOpen();
    try {
      raw.updateDouble(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    checkOpen();
    try {
      raw.updateBigDecimal(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    checkOpen();
    try {
      raw.updateString(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    checkOpen();
    try {
      raw.updateBytes(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateDate(int columnIndex, java.sql.Date x) throws SQLException {
    checkOpen();
    try {
      raw.updateDate(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateTime(int columnIndex, java.sql.Time x) throws SQLException {
    checkOpen();
    try {
      raw.updateTime(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateTimestamp(int columnIndex, java.sql.Timestamp x) throws SQLException {
    checkOpen();
    try {
      raw.updateTimestamp(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnIndex, x, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateRef(int columnIndex, java.sql.Ref x) throws SQLException {
    checkOpen();
    try {
      raw.updateRef(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, java.sql.Blob x) throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, java.sql.Clob x) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateArray(int columnIndex, java.sql.Array x) throws SQLException {
    checkOpen();
    try {
      raw.updateArray(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    checkOpen();
    try {
      raw.updateRowId(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNString(int columnIndex, String nString) throws SQLException {
    checkOpen();
    try {
      raw.updateNString(columnIndex, nString);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnIndex, nClob);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML xmlObject) throws SQLException {
    checkOpen();
    try {
      raw.updateSQLXML(columnIndex, xmlObject);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateNCharacterStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnIndex, x, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream, long length)
      throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnIndex, inputStream, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader, long length) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnIndex, reader, length);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    checkOpen();
    try {
      raw.updateNCharacterStream(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    checkOpen();
    try {
      raw.updateAsciiStream(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    checkOpen();
    try {
      raw.updateBinaryStream(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    checkOpen();
    try {
      raw.updateCharacterStream(columnIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, InputStream inputStream) throws SQLException {
    checkOpen();
    try {
      raw.updateBlob(columnIndex, inputStream);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateClob(columnIndex, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, Reader reader) throws SQLException {
    checkOpen();
    try {
      raw.updateNClob(columnIndex, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
    checkOpen();
    try {
      raw.updateObject(columnIndex, x, targetSqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
