package dev.cistern.testkit.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A callable statement of a {@link StubConnection}. It executes like {@link StubPreparedStatement};
 * parameters (by index or by name) and out-parameter registrations are accepted and ignored.
 * Reading out parameters is not supported: those getters, written at build time in {@code
 * GeneratedStubCallableStatement}, throw {@link java.sql.SQLFeatureNotSupportedException}.
 */
@Unsupported
public abstract class StubCallableStatement extends StubPreparedStatement
    implements CallableStatement {

  StubCallableStatement(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    super(connection, sql, resultSetType, concurrency, holdability);
  }

  /** A new callable statement of {@code connection}. */
  static StubCallableStatement create(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    return new GeneratedStubCallableStatement(
        connection, sql, resultSetType, concurrency, holdability);
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, String typeName)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, int scale)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, String typeName)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream stream, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream stream, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream stream, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream stream, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(String parameterName, InputStream stream, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(String parameterName, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(String parameterName, Blob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBoolean(String parameterName, boolean x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setByte(String parameterName, byte x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBytes(String parameterName, byte[] x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Clob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(String parameterName, Date x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDouble(String parameterName, double x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setFloat(String parameterName, float x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setInt(String parameterName, int n) throws SQLException {
    checkOpen();
  }

  @Override
  public void setLong(String parameterName, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader reader, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, NClob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNString(String parameterName, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(String parameterName, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setRowId(String parameterName, RowId x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setSQLXML(String parameterName, SQLXML x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setShort(String parameterName, short x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setString(String parameterName, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(String parameterName, Time x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setURL(String parameterName, URL x) throws SQLException {
    checkOpen();
  }
}
