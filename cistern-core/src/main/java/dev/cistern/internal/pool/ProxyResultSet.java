package dev.cistern.internal.pool;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A result set handed to a borrower. It forwards to the driver's result set, reports the proxy
 * statement as its statement (never the driver's), and is closed when its statement or connection
 * proxy closes. Result sets of {@link java.sql.DatabaseMetaData} belong to the connection and have
 * no statement.
 */
public final class ProxyResultSet extends ResultSetUpdatesByLabel {
  private final ProxyStatement statement;

  ProxyResultSet(ResultSet raw, ProxyConnection connection, ProxyStatement statement) {
    super(raw, connection);
    this.statement = statement;
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public boolean isClosed() throws SQLException {
    if (closed) {
      return true;
    }
    try {
      return raw.isClosed();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      raw.close();
    } catch (SQLException e) {
      throw fail(e);
    } finally {
      if (statement != null) {
        statement.forget(this);
      } else {
        connection.forget(this);
      }
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return raw.unwrap(iface);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    checkOpen();
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return raw.isWrapperFor(iface);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String toString() {
    return "ProxyResultSet[" + raw + (closed ? ", closed]" : "]");
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    try {
      return raw.next();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    try {
      return raw.wasNull();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    try {
      return raw.getWarnings();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    try {
      raw.clearWarnings();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public String getCursorName() throws SQLException {
    checkOpen();
    try {
      return raw.getCursorName();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    try {
      return ProxyResultSetMetaData.wrap(raw.getMetaData(), connection);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    try {
      return raw.findColumn(columnLabel);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    try {
      return raw.isBeforeFirst();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    try {
      return raw.isAfterLast();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    try {
      return raw.isFirst();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    try {
      return raw.isLast();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void beforeFirst() throws SQLException {
    checkOpen();
    try {
      raw.beforeFirst();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void afterLast() throws SQLException {
    checkOpen();
    try {
      raw.afterLast();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean first() throws SQLException {
    checkOpen();
    try {
      return raw.first();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean last() throws SQLException {
    checkOpen();
    try {
      return raw.last();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    try {
      return raw.getRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    checkOpen();
    try {
      return raw.absolute(row);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    checkOpen();
    try {
      return raw.relative(rows);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean previous() throws SQLException {
    checkOpen();
    try {
      return raw.previous();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    try {
      raw.setFetchDirection(direction);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    try {
      return raw.getFetchDirection();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    try {
      raw.setFetchSize(rows);
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    try {
      return raw.getFetchSize();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    try {
      return raw.getType();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    try {
      return raw.getConcurrency();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    checkOpen();
    try {
      return raw.rowUpdated();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean rowInserted() throws SQLException {
    checkOpen();
    try {
      return raw.rowInserted();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    checkOpen();
    try {
      return raw.rowDeleted();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void insertRow() throws SQLException {
    checkOpen();
    try {
      raw.insertRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void updateRow() throws SQLException {
    checkOpen();
    try {
      raw.updateRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void deleteRow() throws SQLException {
    checkOpen();
    try {
      raw.deleteRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void refreshRow() throws SQLException {
    checkOpen();
    try {
      raw.refreshRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    checkOpen();
    try {
      raw.cancelRowUpdates();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    checkOpen();
    try {
      raw.moveToInsertRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    checkOpen();
    try {
      raw.moveToCurrentRow();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    try {
      return raw.getHoldability();
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
