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
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement of a {@link StubConnection}. Parameters are accepted and ignored; execution
 * behaves as in {@link StubStatement}, deciding between query and update by the prepared SQL.
 * Parameter metadata and the setters taking a {@link java.sql.SQLType} are not supported: the
 * methods written at build time in {@code GeneratedStubPreparedStatement} throw {@link
 * java.sql.SQLFeatureNotSupportedException}.
 */
@Unsupported
public abstract class StubPreparedStatement extends StubStatement implements PreparedStatement {

  StubPreparedStatement(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    super(connection, sql, resultSetType, concurrency, holdability);
  }

  /** A new prepared statement of {@code connection}. */
  static StubPreparedStatement create(
      StubConnection connection, String sql, int resultSetType, int concurrency, int holdability) {
    return new GeneratedStubPreparedStatement(
        connection, sql, resultSetType, concurrency, holdability);
  }

  /**
   * The SQL this statement was prepared with.
   *
   * @return the SQL text
   */
  public String sql() {
    return sql;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return query();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return update();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return update();
  }

  @Override
  public boolean execute() throws SQLException {
    if (isQuery(sql)) {
      query();
      return true;
    }
    update();
    return false;
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    batchSize++;
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return isQuery(sql) ? StubResultSetMetaData.INSTANCE : null;
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream stream, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream stream, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream stream, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream stream, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(int parameterIndex, InputStream stream, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(int parameterIndex, InputStream stream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setInt(int parameterIndex, int n) throws SQLException {
    checkOpen();
  }

  @Override
  public void setLong(int parameterIndex, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(int parameterIndex, NClob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNString(int parameterIndex, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setString(int parameterIndex, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    checkOpen();
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int parameterIndex, InputStream stream, int length)
      throws SQLException {
    checkOpen();
  }
}
