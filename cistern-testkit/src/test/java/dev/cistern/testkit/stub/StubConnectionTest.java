package dev.cistern.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StubConnectionTest {

  private StubDatabase db;
  private RecordingSleeper sleeper;
  private StubConnection conn;

  @BeforeEach
  void setUp() throws SQLException {
    StubDatabase.resetAll();
    db = StubDatabase.named("conn");
    sleeper = new RecordingSleeper();
    db.setSleeper(sleeper);
    conn = db.connect();
  }

  @AfterEach
  void tearDown() throws SQLException {
    conn.close();
    StubDatabase.resetAll();
  }

  @Test
  void defaultsAndSessionState() throws SQLException {
    assertThat(conn.getAutoCommit()).isTrue();
    assertThat(conn.isReadOnly()).isFalse();
    assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    assertThat(conn.getCatalog()).isEqualTo("conn");
    assertThat(conn.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);

    conn.setAutoCommit(false);
    conn.setReadOnly(true);
    conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    conn.setCatalog("cat");
    conn.setSchema("s1");
    conn.setNetworkTimeout(Runnable::run, 1234);
    conn.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
    conn.setClientInfo("ApplicationName", "bench");

    assertThat(conn.getAutoCommit()).isFalse();
    assertThat(conn.isReadOnly()).isTrue();
    assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    assertThat(conn.getCatalog()).isEqualTo("cat");
    assertThat(conn.getSchema()).isEqualTo("s1");
    assertThat(conn.getNetworkTimeout()).isEqualTo(1234);
    assertThat(conn.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
    assertThat(conn.getClientInfo("ApplicationName")).isEqualTo("bench");
    Properties info = new Properties();
    info.setProperty("ClientUser", "u");
    conn.setClientInfo(info);
    assertThat(conn.getClientInfo()).containsOnlyKeys("ClientUser");

    assertThatThrownBy(() -> conn.setTransactionIsolation(99)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> conn.setNetworkTimeout(Runnable::run, -1))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void countsCommitsAndRollbacks() throws SQLException {
    assertThatThrownBy(conn::commit)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("25000");
    conn.setAutoCommit(false);
    conn.commit();
    conn.rollback();
    conn.rollback();
    assertThat(conn.commits()).isEqualTo(1);
    assertThat(conn.rollbacks()).isEqualTo(2);
  }

  @Test
  void idsAreSequentialPerDatabase() throws SQLException {
    try (StubConnection second = db.connect()) {
      assertThat(conn.id()).isEqualTo(1);
      assertThat(second.id()).isEqualTo(2);
      assertThat(second.toString()).contains("conn#2");
    }
  }

  @Test
  void methodsAfterCloseThrow08003() throws SQLException {
    conn.close();
    assertThat(conn.isClosed()).isTrue();
    for (Action a :
        new Action[] {
          conn::createStatement,
          () -> conn.prepareStatement("select 1"),
          () -> conn.setAutoCommit(false),
          conn::getAutoCommit,
          conn::commit,
          conn::rollback,
          conn::getMetaData,
          conn::getSchema,
          conn::getTransactionIsolation
        }) {
      assertThatThrownBy(a::run)
          .isInstanceOf(SQLException.class)
          .hasMessage("connection is closed")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("08003");
    }
    assertThatThrownBy(() -> conn.setClientInfo("a", "b")).isInstanceOf(SQLException.class);
  }

  @Test
  void unwrapAndMetaData() throws SQLException {
    Connection c = conn;
    assertThat(c.isWrapperFor(StubConnection.class)).isTrue();
    assertThat(c.unwrap(StubConnection.class)).isSameAs(conn);
    assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);

    DatabaseMetaData md = c.getMetaData();
    assertThat(md.getDatabaseProductName()).isEqualTo("Stub");
    assertThat(md.getURL()).isEqualTo("jdbc:stub:conn");
    assertThat(md.getConnection()).isSameAs(conn);
    assertThat(md.supportsTransactions()).isTrue();
    assertThat(md.getMaxConnections()).isZero();
    try (ResultSet tables = md.getTables(null, null, "%", null)) {
      assertThat(tables.next()).isFalse();
    }
    assertThat(md.unwrap(StubDatabaseMetaData.class).getConnection()).isSameAs(conn);
  }

  @Test
  void executeQueryReturnsOneRowByDefault() throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      assertThat(rs.getStatement()).isSameAs(s);
      assertThat(s.getConnection()).isSameAs(conn);
      assertThat(rs.isBeforeFirst()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getInt("1")).isEqualTo(1);
      assertThat(rs.getString(1)).isEqualTo("1");
      assertThat(rs.getLong("1")).isEqualTo(1L);
      assertThat(rs.getObject(1)).isEqualTo(1);
      assertThat(rs.getObject(1, Long.class)).isEqualTo(1L);
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
      assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("1");
      assertThat(rs.wasNull()).isFalse();
      assertThatThrownBy(() -> rs.getInt(2)).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> rs.getInt("nope")).isInstanceOf(SQLException.class);
      assertThat(rs.next()).isFalse();
      assertThatThrownBy(() -> rs.getInt(1)).hasMessage("no current row");
      assertThatThrownBy(rs::previous).hasMessageContaining("FORWARD_ONLY");
    }
    assertThat(conn.statementsExecuted()).isEqualTo(1);
  }

  @Test
  void configurableRowsAndScrolling() throws SQLException {
    db.setResultRows(3);
    try (Statement s =
            conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
        ResultSet rs = s.executeQuery("select x")) {
      int sum = 0;
      while (rs.next()) {
        sum += rs.getInt(1);
      }
      assertThat(sum).isEqualTo(6);
      assertThat(rs.isAfterLast()).isTrue();
      assertThat(rs.last()).isTrue();
      assertThat(rs.getRow()).isEqualTo(3);
      assertThat(rs.absolute(-3)).isTrue();
      assertThat(rs.isFirst()).isTrue();
      assertThat(rs.relative(5)).isFalse();
      assertThat(rs.isAfterLast()).isTrue();
    }
  }

  @Test
  void maxRowsLimitsTheResult() throws SQLException {
    db.setResultRows(10);
    try (Statement s = conn.createStatement()) {
      s.setMaxRows(2);
      ResultSet rs = s.executeQuery("select");
      assertThat(((StubResultSet) rs).rowCount()).isEqualTo(2);
    }
  }

  @Test
  void executeUpdateAndExecute() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(s.executeUpdate("update t set x = 1")).isEqualTo(1);
      assertThat(s.getUpdateCount()).isEqualTo(1);
      assertThat(s.execute("  SELECT 1")).isTrue();
      assertThat(s.getResultSet()).isNotNull();
      assertThat(s.getUpdateCount()).isEqualTo(-1);
      assertThat(s.execute("insert into t values (1)")).isFalse();
      assertThat(s.getResultSet()).isNull();
      s.addBatch("a");
      s.addBatch("b");
      assertThat(s.executeBatch()).containsExactly(1, 1);
      assertThat(s.getMoreResults()).isFalse();
    }
    assertThat(conn.statementsExecuted()).isEqualTo(4);
  }

  @Test
  void preparedAndCallableStatements() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("select ? from dual")) {
      ps.setInt(1, 42);
      ps.setString(2, "x");
      assertThat(ps.execute()).isTrue();
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
      assertThatThrownBy(() -> ps.executeQuery("select 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("prepared statement");
      ps.addBatch();
      assertThat(ps.executeBatch()).hasSize(1);
      assertThat(ps.getConnection()).isSameAs(conn);
    }
    try (CallableStatement cs = conn.prepareCall("{call p(?)}")) {
      cs.registerOutParameter(1, java.sql.Types.INTEGER);
      assertThat(cs.executeUpdate()).isEqualTo(1);
      assertThatThrownBy(() -> cs.getInt(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
    }
    assertThat(conn.statementsExecuted()).isEqualTo(4);
  }

  @Test
  void closingTheConnectionClosesStatementsAndResultSets() throws SQLException {
    Statement a = conn.createStatement();
    PreparedStatement b = conn.prepareStatement("select 1");
    Statement c = conn.createStatement();
    ResultSet rs = a.executeQuery("select 1");
    assertThat(conn.openStatements()).isEqualTo(3);
    c.close();
    assertThat(conn.openStatements()).isEqualTo(2);

    conn.close();

    assertThat(a.isClosed()).isTrue();
    assertThat(b.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertThat(conn.openStatements()).isZero();
    assertThatThrownBy(() -> a.executeQuery("select 1"))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08003");
    assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
  }

  @Test
  void statementCloseAndReexecuteCloseResultSets() throws SQLException {
    Statement s = conn.createStatement();
    ResultSet first = s.executeQuery("select 1");
    ResultSet second = s.executeQuery("select 1");
    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isFalse();
    s.close();
    assertThat(second.isClosed()).isTrue();
    assertThatThrownBy(() -> s.executeQuery("select 1"))
        .hasMessage("statement is closed")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("HY010");
    assertThat(conn.isClosed()).isFalse();
  }

  @Test
  void closeOnCompletion() throws SQLException {
    Statement s = conn.createStatement();
    s.closeOnCompletion();
    ResultSet rs = s.executeQuery("select 1");
    rs.close();
    assertThat(s.isClosed()).isTrue();
    assertThat(conn.openStatements()).isZero();
  }

  @Test
  void queryDelayAndTimeout() throws SQLException {
    db.setQueryDelay(Duration.ofMillis(300));
    try (Statement s = conn.createStatement()) {
      s.executeQuery("select 1");
      db.setQueryDelay(Duration.ofSeconds(10));
      s.setQueryTimeout(2);
      assertThatThrownBy(() -> s.executeQuery("select 1"))
          .isInstanceOf(SQLTimeoutException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("57014");
    }
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(300), Duration.ofSeconds(2));
  }

  @Test
  void manyStatementsGrowTheRegistry() throws SQLException {
    Statement[] statements = new Statement[20];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = conn.createStatement();
    }
    for (int i = 0; i < statements.length; i += 2) {
      statements[i].close();
    }
    assertThat(conn.openStatements()).isEqualTo(10);
    conn.close();
    for (Statement s : statements) {
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void unsupportedFeatures() throws SQLException {
    assertThatThrownBy(conn::createBlob)
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessage("StubConnection.createBlob is not supported");
    assertThatThrownBy(conn::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      assertThatThrownBy(() -> s.setCursorName("c"))
          .hasMessage("StubStatement.setCursorName is not supported");
      assertThatThrownBy(() -> rs.updateInt(1, 2))
          .hasMessage("StubResultSet.updateInt is not supported");
      assertThatThrownBy(() -> rs.getDate("1")).isInstanceOf(SQLFeatureNotSupportedException.class);
    }
    try (PreparedStatement ps = conn.prepareStatement("select ?")) {
      assertThatThrownBy(ps::getParameterMetaData)
          .hasMessage("StubPreparedStatement.getParameterMetaData is not supported");
    }
  }

  @Test
  void keepsTheJdbcDefaultsThatNeedNoServer() throws SQLException {
    conn.beginRequest();
    conn.endRequest();
    try (Statement s = conn.createStatement()) {
      assertThat(s.enquoteLiteral("it's")).isEqualTo("'it''s'");
      assertThat(s.enquoteIdentifier("a b", false)).isEqualTo("\"a b\"");
      assertThat(s.isSimpleIdentifier("ab")).isTrue();
      assertThat(s.enquoteNCharLiteral("x")).isEqualTo("N'x'");
    }
    assertThat(conn.isClosed()).isFalse();
  }

  @Test
  void unwrapNamesTheStubTypeNotTheGeneratedOne() {
    assertThatThrownBy(() -> conn.unwrap(DatabaseMetaData.class))
        .hasMessageStartingWith("StubConnection does not wrap");
  }

  interface Action {
    void run() throws Exception;
  }
}
