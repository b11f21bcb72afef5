package dev.cistern.internal.pool;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;

/** A layer of {@link ProxyPreparedStatement}: the parameter setters. */
abstract class PreparedStatementSetters extends ProxyStatement implements PreparedStatement {
  final PreparedStatement prepared;

  PreparedStatementSetters(PreparedStatement raw, ProxyConnection connection) {
    super(raw, connection);
    this.prepared = raw;
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    checkOpen();
    try {
      prepared.setNull(parameterIndex, sqlType);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    checkOpen();
    try {
      prepared.setBoolean(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    checkOpen();
    try {
      prepared.setByte(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    checkOpen();
    try {
      prepared.setShort(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    checkOpen();
    try {
      prepared.setInt(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    checkOpen();
    try {
      prepared.setLong(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    checkOpen();
    try {
      prepared.setFloat(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    checkOpen();
    try {
      prepared.setDouble(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    checkOpen();
    try {
      prepared.setBigDecimal(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    checkOpen();
    try {
      prepared.setString(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    checkOpen();
    try {
      prepared.setBytes(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setDate(int parameterIndex, java.sql.Date x) throws SQLException {
    checkOpen();
    try {
      prepared.setDate(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTime(int parameterIndex, java.sql.Time x) throws SQLException {
    checkOpen();
    try {
      prepared.setTime(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
    checkOpen();
    try {
      prepared.setTimestamp(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    checkOpen();
    try {
      prepared.setObject(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    checkOpen();
    try {
      prepared.setRef(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    checkOpen();
    try {
      prepared.setBlob(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    checkOpen();
    try {
      prepared.setClob(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    checkOpen();
    try {
      prepared.setArray(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setURL(int parameterIndex, java.net.URL x) throws SQLException {
    checkOpen();
    try {
      prepared.setURL(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    checkOpen();
    try {
      prepared.setRowId(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    checkOpen();
    try {
      prepared.setNString(parameterIndex, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    checkOpen();
    try {
      prepared.setNClob(parameterIndex, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    checkOpen();
    try {
      prepared.setSQLXML(parameterIndex, xmlObject);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    checkOpen();
    try {
      prepared.setAsciiStream(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    checkOpen();
    try {
      prepared.setBinaryStream(parameterIndex, x);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
    try {
      prepared.setCharacterStream(parameterIndex, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    checkOpen();
    try {
      prepared.setNCharacterStream(parameterIndex, value);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
    try {
      prepared.setClob(parameterIndex, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    checkOpen();
    try {
      prepared.setBlob(parameterIndex, inputStream);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
    try {
      prepared.setNClob(parameterIndex, reader);
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
