package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.stub.StubConnection;
import dev.cistern.testkit.stub.StubResultSet;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection proxy over the stub driver: closing, wrapping and unwrapping. */
class ProxyConnectionTest {
  private final PoolFixture fx = PoolFixture.withSize(2);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void closeReturnsTheConnectionAndIsIdempotent() throws SQLException {
    ProxyConnection c = fx.borrow();
    assertThat(fx.pool.status().inUse()).isEqualTo(1);
    assertThat(c.isClosed()).isFalse();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(fx.pool.status().inUse()).isZero();
    assertThat(fx.pool.status().idle()).isEqualTo(1);
    c.close(); // a second close must not return the entry again
    assertThat(fx.pool.status().idle()).isEqualTo(1);
    assertThat(fx.pool.status().size()).isEqualTo(1);
    assertThat(fx.db.liveConnections()).isEqualTo(1);
  }

  @Test
  void anotherThreadCanClose() throws Exception {
    ProxyConnection c = fx.borrow();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> closeCatching(c, failure));
    t.start();
    t.join();
    assertThat(failure.get()).isNull();
    assertThat(c.isClosed()).isTrue();
    assertThat(fx.pool.status().inUse()).isZero();
    assertThat(fx.pool.status().idle()).isEqualTo(fx.pool.status().size()).isPositive();
  }

  private static void closeCatching(Connection c, AtomicReference<Throwable> failure) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      failure.set(e);
    }
  }

  @Test
  void everyMethodThrowsAfterClose() throws Exception {
    ProxyConnection c = fx.borrow();
    c.close();
    Set<String> allowed = Set.of("close", "isClosed", "isValid", "abort");
    List<String> checked = new ArrayList<>();
    for (Method m : Connection.class.getMethods()) {
      if (allowed.contains(m.getName()) || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      assertThat(invoke(c, m)).as(m.toString()).hasMessage(ProxyConnection.CLOSED_MESSAGE);
      checked.add(m.getName());
    }
    assertThat(checked).contains("createStatement", "setAutoCommit", "unwrap", "commit");
    assertThat(c.isValid(1)).isFalse();
    assertThat(fx.db.abortedTotal()).isZero();
    c.abort(Runnable::run); // a no-op once closed
    assertThat(fx.db.abortedTotal()).isZero();
  }

  /** Calls {@code m} with default arguments and returns what it threw (an SQLException). */
  static Throwable invoke(Object target, Method m) throws IllegalAccessException {
    Object[] args = new Object[m.getParameterCount()];
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      if (types[i] == int.class) {
        args[i] = 1;
      } else if (types[i] == long.class) {
        args[i] = 1L;
      } else if (types[i] == boolean.class) {
        args[i] = false;
      } else if (types[i] == short.class) {
        args[i] = (short) 1;
      } else if (types[i] == byte.class) {
        args[i] = (byte) 1;
      } else if (types[i] == float.class) {
        args[i] = 1f;
      } else if (types[i] == double.class) {
        args[i] = 1d;
      } else if (types[i] == String.class) {
        args[i] = "x";
      } else if (types[i] == Class.class) {
        args[i] = Object.class;
      }
    }
    try {
      m.invoke(target, args);
    } catch (InvocationTargetException e) {
      assertThat(e.getCause()).as(m.toString()).isInstanceOf(SQLException.class);
      return e.getCause();
    }
    throw new AssertionError(m + " did not throw");
  }

  @Test
  void openStatementsAndResultSetsAreClosedOnReturn() throws SQLException {
    ProxyConnection c = fx.borrow();
    StubConnection raw = c.unwrap(StubConnection.class);
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("select 1");
    PreparedStatement ps = c.prepareStatement("select 1");
    ResultSet prs = ps.executeQuery();
    CallableStatement cs = c.prepareCall("{call p}");
    ResultSet mrs = c.getMetaData().getTables(null, null, "%", null);
    Statement closedByUser = c.createStatement();
    closedByUser.close();
    assertThat(raw.openStatements()).isEqualTo(3);
    c.close();
    assertThat(raw.openStatements()).isZero();
    for (Statement st : List.of(s, ps, cs)) {
      assertThat(st.isClosed()).isTrue();
    }
    for (ResultSet r : List.of(rs, prs, mrs)) {
      assertThat(r.isClosed()).isTrue();
    }
    assertThatThrownBy(() -> s.executeQuery("select 1")).hasMessage("statement is closed");
    assertThatThrownBy(rs::next).hasMessage("result set is closed");
  }

  @Test
  void closingAStatementClosesItsResultSets() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("select 1");
      assertThat(rs.next()).isTrue();
      // executeQuery's proxy is not remembered (so that it can cost nothing); getResultSet()
      // returns one proxy per result, however often it is called
      ResultSet current = s.getResultSet();
      assertThat(current).isNotNull().isSameAs(s.getResultSet());
      assertThat(current.unwrap(StubResultSet.class)).isSameAs(rs.unwrap(StubResultSet.class));
      s.close();
      assertThat(rs.isClosed()).isTrue();
      assertThat(current.isClosed()).isTrue();
      assertThatThrownBy(rs::next).hasMessage("result set is closed");
      assertThatThrownBy(current::next).hasMessage("result set is closed");
      assertThat(c.unwrap(StubConnection.class).openStatements()).isZero();
      s.close(); // idempotent
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void everyStatementMethodThrowsAfterClose() throws Exception {
    try (ProxyConnection c = fx.borrow()) {
      CallableStatement cs = c.prepareCall("{call p}");
      ResultSet rs = cs.executeQuery();
      cs.close();
      int n = 0;
      for (Method m : CallableStatement.class.getMethods()) {
        if (Set.of("close", "isClosed").contains(m.getName())
            || Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        assertThat(invoke(cs, m)).as(m.toString()).hasMessage("statement is closed");
        n++;
      }
      assertThat(n).isGreaterThan(200);
      n = 0;
      for (Method m : ResultSet.class.getMethods()) {
        if (Set.of("close", "isClosed").contains(m.getName())) {
          continue;
        }
        assertThat(invoke(rs, m)).as(m.toString()).hasMessage("result set is closed");
        n++;
      }
      assertThat(n).isGreaterThan(180);
    }
  }

  @Test
  void metaDataMethodsThrowAfterClose() throws Exception {
    ProxyConnection c = fx.borrow();
    DatabaseMetaData md = c.getMetaData();
    c.close();
    int n = 0;
    for (Method m : DatabaseMetaData.class.getMethods()) {
      if (m.getExceptionTypes().length == 0 || Modifier.isStatic(m.getModifiers())) {
        continue; // getDriverMajorVersion and getDriverMinorVersion cannot throw
      }
      assertThat(invoke(md, m)).as(m.toString()).hasMessage(ProxyConnection.CLOSED_MESSAGE);
      n++;
    }
    assertThat(n).isGreaterThan(170);
  }

  @Test
  void proxiesPointBackToProxies() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      Statement s = c.createStatement();
      assertThat(s.getConnection()).isSameAs(c);
      ResultSet rs = s.executeQuery("select 1");
      assertThat(rs.getStatement()).isSameAs(s);
      PreparedStatement ps = c.prepareStatement("select 1");
      assertThat(ps.getConnection()).isSameAs(c);
      assertThat(ps.executeQuery().getStatement()).isSameAs(ps);
      assertThat(ps.execute()).isTrue();
      assertThat(ps.getResultSet().getStatement()).isSameAs(ps);
      CallableStatement cs = c.prepareCall("{call p}");
      assertThat(cs.getConnection()).isSameAs(c);
      assertThat(cs).isInstanceOf(ProxyCallableStatement.class);
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getConnection()).isSameAs(c);
      assertThat(md.getDatabaseProductName()).isEqualTo("Stub");
      ResultSet tables = md.getTables(null, null, "%", null);
      assertThat(tables).isInstanceOf(ProxyResultSet.class);
      assertThat(tables.getStatement()).isNull();
    }
  }

  @Test
  void unwrapReachesTheDriverConnection() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      StubConnection raw = c.unwrap(StubConnection.class);
      assertThat(raw).isSameAs(fx.db.liveConnectionsList().get(0));
      assertThat(c.isWrapperFor(StubConnection.class)).isTrue();
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
      assertThat(c.isWrapperFor(Connection.class)).isTrue();
      assertThat(c.isWrapperFor(String.class)).isFalse();
      assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
      Statement s = c.createStatement();
      assertThat(s.unwrap(Statement.class)).isSameAs(s);
      assertThat(s.isWrapperFor(Statement.class)).isTrue();
    }
  }

  @Test
  void abortDiscardsTheConnection() throws SQLException {
    ProxyConnection c = fx.borrow();
    c.abort(Runnable::run);
    assertThat(c.isClosed()).isTrue();
    assertThat(fx.db.abortedTotal()).isEqualTo(1);
    assertThat(fx.db.liveConnections()).isZero();
    assertThat(fx.pool.status().size()).isZero();
    c.close(); // nothing more to return
    assertThat(fx.pool.status().size()).isZero();
    assertThatThrownBy(() -> c.abort(null)).isInstanceOf(SQLException.class);
  }

  @Test
  void executionMarksTheTransactionDirtyAndCommitCleansIt() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      c.setAutoCommit(false);
      assertThat(c.state().isTransactionDirty()).isFalse();
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (1)");
      }
      assertThat(c.state().isTransactionDirty()).isTrue();
      c.commit();
      assertThat(c.state().isTransactionDirty()).isFalse();
      try (PreparedStatement ps = c.prepareStatement("insert into t values (?)")) {
        ps.setInt(1, 2);
        ps.addBatch();
        ps.executeBatch();
      }
      assertThat(c.state().isTransactionDirty()).isTrue();
      c.rollback();
      assertThat(c.state().isTransactionDirty()).isFalse();
      c.getMetaData().getSchemas().close();
      assertThat(c.state().isTransactionDirty()).isTrue();
    }
  }
}
