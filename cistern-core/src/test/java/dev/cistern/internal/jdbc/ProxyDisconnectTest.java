package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.PoolListener;
import dev.cistern.internal.pool.PoolSupport;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubConnection;
import dev.cistern.testkit.stub.StubDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A disconnect error seen by the JDBC proxies invalidates the checkout and ages the pool. */
class ProxyDisconnectTest {
  private final String name = "disconnect-" + UUID.randomUUID();
  private final StubDatabase db = StubDatabase.named(name);
  private final AtomicInteger invalidations = new AtomicInteger();
  private final AtomicInteger softInvalidations = new AtomicInteger();
  private final PoolListener counting =
      new PoolListener() {
        @Override
        public void invalidate(PoolEntry e, Throwable cause) {
          invalidations.incrementAndGet();
        }

        @Override
        public void softInvalidate(Throwable cause) {
          softInvalidations.incrementAndGet();
        }
      };
  private final ConnectionPool pool =
      new ConnectionPool(
          PoolConfig.defaults("disconnect").withSize(2, 0),
          this::connect,
          Ticker.SYSTEM,
          PoolSupport.DEFAULT.withListener(counting));

  @AfterEach
  void tearDown() {
    pool.close();
    StubDatabase.reset(name);
  }

  /** Opens a stub connection whose statements fail "bad sql" with a syntax error (42601). */
  private Connection connect() throws SQLException {
    return withSyntaxErrors(StubDatabase.named(name).connect());
  }

  private static StubConnection stub(PoolEntry e) throws SQLException {
    return e.raw().unwrap(StubConnection.class);
  }

  @Test
  void aDisconnectInvalidatesTheEntryAndSaysWhatHappened() throws SQLException {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    StubConnection physical = stub(entry);
    Statement st = c.createStatement();
    physical.markBroken();

    SQLException e = catchThrowableOfType(SQLException.class, () -> st.execute("select 1"));

    assertThat(e.getMessage())
        .startsWith("connection invalidated: the database connection was lost (")
        .contains("was broken by disconnectAll()")
        .endsWith("); close this connection and borrow another");
    assertThat(e.getSQLState()).isEqualTo("08006");
    assertThat(e.getCause()).isInstanceOf(SQLException.class);
    SQLException cause = (SQLException) e.getCause();
    assertThat(e.getErrorCode()).isEqualTo(cause.getErrorCode());
    assertThat(e.getMessage()).contains(cause.getMessage());
    assertThat(c.isInvalidated()).isTrue();
    assertThat(pool.status().size()).isZero();
    assertThat(invalidations.get()).isOne();
    assertThat(softInvalidations.get()).isOne();
    await("the broken connection to close").until(physical::isClosed);
    assertThat(db.liveConnections()).isZero();
    c.close();
  }

  @Test
  void everyLaterCallThrowsTheInvalidatedErrorAndCloseStillWorks() throws SQLException {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    Statement other = c.createStatement();
    ResultSet rs = other.executeQuery("select 1");
    PreparedStatement ps = c.prepareStatement("select 1");
    DatabaseMetaData md = c.getMetaData();
    Statement st = c.createStatement();
    stub(entry).markBroken();
    assertThatThrownBy(() -> st.executeQuery("select 1"))
        .hasMessageStartingWith("connection invalidated");

    List<ThrowingCall> calls =
        List.of(
            () -> st.execute("select 1"),
            () -> other.executeQuery("select 1"),
            other::getMaxRows,
            () -> rs.next(),
            () -> rs.getInt(1),
            ps::executeQuery,
            () -> ps.setInt(1, 1),
            c::createStatement,
            () -> c.prepareStatement("select 1"),
            c::getAutoCommit,
            () -> c.setAutoCommit(false),
            c::commit,
            c::rollback,
            c::getMetaData,
            md::getDatabaseProductName,
            () -> c.unwrap(StubConnection.class),
            () -> c.setClientInfo("ApplicationName", "x"));
    for (ThrowingCall call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOf(SQLException.class)
          .hasMessage("connection was invalidated after a disconnect; close it and borrow another")
          .satisfies(t -> assertThat(((SQLException) t).getSQLState()).isEqualTo("08003"));
    }
    assertThat(c.isValid(1)).isFalse();
    assertThat(c.isClosed()).isFalse();

    c.close();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(st.isClosed()).isTrue();
    assertThat(pool.status().size()).isZero();
    assertThat(pool.status().idle()).isZero();
    assertThat(invalidations.get()).isOne();
    await("every stub connection to close").until(() -> db.liveConnections() == 0);

    // The pool still works: a fresh connection.
    try (ProxyConnection fresh = ProxyConnection.of(pool.acquire(), pool);
        Statement s = fresh.createStatement()) {
      assertThat(s.execute("select 1")).isTrue();
    }
    assertThat(pool.status().size()).isOne();
  }

  @Test
  void olderIdleConnectionsAreReplacedAtTheirNextCheckout() throws SQLException {
    PoolEntry a = pool.acquire();
    PoolEntry b = pool.acquire();
    StubConnection bPhysical = stub(b);
    ProxyConnection.of(b, pool).close(); // b is idle, healthy, and older than the disconnect
    assertThat(pool.status().idle()).isOne();

    ProxyConnection ca = ProxyConnection.of(a, pool);
    stub(a).markBroken(); // only a is broken
    assertThatThrownBy(() -> ca.createStatement().execute("select 1"))
        .hasMessageStartingWith("connection invalidated");
    ca.close();
    assertThat(pool.status().size()).isOne();
    assertThat(pool.status().idle()).isOne();

    PoolEntry next = pool.acquire();
    try (ProxyConnection c = ProxyConnection.of(next, pool);
        Statement st = c.createStatement()) {
      assertThat(next.id()).isNotEqualTo(b.id()).isNotEqualTo(a.id());
      assertThat(stub(next).id()).isNotEqualTo(bPhysical.id());
      assertThat(st.execute("select 1")).isTrue();
    }
    await("the stale connection to close").until(bPhysical::isClosed);
    assertThat(pool.status().size()).isOne();
    assertThat(db.liveConnections()).isOne();

    // Connections opened after the disconnect are not stale: the same one comes back.
    PoolEntry again = pool.acquire();
    assertThat(again).isSameAs(next);
    ProxyConnection.of(again, pool).close();
  }

  @Test
  void disconnectAllOnTheStubInvalidatesEachBorrowerOnceAndThePoolRecovers() throws SQLException {
    PoolEntry a = pool.acquire();
    PoolEntry b = pool.acquire();
    ProxyConnection.of(b, pool).close();
    assertThat(db.disconnectAll()).isEqualTo(2);
    ProxyConnection ca = ProxyConnection.of(a, pool);
    assertThatThrownBy(() -> ca.createStatement().executeQuery("select 1"))
        .hasMessageStartingWith("connection invalidated");
    ca.close();
    for (int i = 0; i < 5; i++) {
      try (ProxyConnection c = ProxyConnection.of(pool.acquire(), pool);
          Statement st = c.createStatement()) {
        assertThat(st.execute("select 1")).isTrue();
      }
    }
    await("the broken connections to close")
        .until(() -> db.liveConnectionsList().stream().noneMatch(StubConnection::isBroken));
    assertThat(invalidations.get()).isOne();
  }

  @Test
  void concurrentFailuresInvalidateOnce() throws Exception {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    int n = 8;
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statements.add(c.createStatement());
    }
    stub(entry).markBroken();
    CyclicBarrier start = new CyclicBarrier(n);
    CountDownLatch done = new CountDownLatch(n);
    List<SQLException> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    for (Statement st : statements) {
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  st.execute("select 1");
                } catch (SQLException e) {
                  errors.add(e);
                } catch (Exception e) {
                  unexpected.set(e);
                } finally {
                  done.countDown();
                }
              });
      t.start();
    }
    done.await();
    assertThat(unexpected.get()).isNull();
    assertThat(errors).hasSize(n);
    // Every one either saw the disconnect itself or came after another did.
    assertThat(errors)
        .allSatisfy(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf(
                        "connection invalidated: the database connection was lost",
                        ProxyConnection.INVALIDATED_MESSAGE));
    assertThat(invalidations.get()).isOne();
    assertThat(softInvalidations.get()).isOne();
    c.close();
    assertThat(pool.status().size()).isZero();
  }

  @Test
  void otherErrorsChangeNothing() throws SQLException {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    Statement st = c.createStatement();
    SQLException e = catchThrowableOfType(SQLException.class, () -> st.execute("bad sql"));
    assertThat(e.getSQLState()).isEqualTo("42601");
    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"bad\"");
    assertThat(e.getCause()).isNull();
    assertThat(c.isInvalidated()).isFalse();
    assertThat(st.execute("select 1")).isTrue();
    assertThat(pool.status().size()).isOne();
    assertThat(invalidations.get()).isZero();
    assertThat(softInvalidations.get()).isZero();
    c.close();
    assertThat(pool.status().idle()).isOne();
    PoolEntry again = pool.acquire();
    assertThat(again).isSameAs(entry); // not stale
    ProxyConnection.of(again, pool).close();
    assertThat(db.liveConnections()).isOne();
  }

  @Test
  void aDisconnectAfterTheBorrowerClosedDoesNotTouchTheReturnedEntry() throws Exception {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    c.close();
    // A late driver error (say, from a statement another thread still ran) reaches the proxy.
    SQLException e = c.checkException(new SQLException("socket closed", "08006"));
    assertThat(e.getMessage()).startsWith("connection invalidated");
    assertThat(invalidations.get()).isZero(); // the entry may already belong to someone else
    assertThat(softInvalidations.get()).isOne();
    assertThat(pool.status().idle()).isOne();
    PoolEntry next = pool.acquire(); // the returned entry is stale now
    assertThat(next).isNotSameAs(entry);
    ProxyConnection.of(next, pool).close();
  }

  @Test
  void anInvalidatedErrorIsNotWrappedTwice() {
    PoolEntry entry = pool.acquire();
    ProxyConnection c = ProxyConnection.of(entry, pool);
    SQLException first = c.checkException(new SQLException("gone", "08006", 17));
    assertThat(first.getErrorCode()).isEqualTo(17);
    assertThat((Object) c.checkException(first)).isSameAs(first);
    assertThat(invalidations.get()).isOne();
    c.close();
  }

  @Test
  void givingBackAnInvalidatedEntryIsANoOp() {
    PoolEntry e = pool.acquire();
    pool.invalidate(e, new SQLException("gone", "08006"));
    assertThat(e.state()).isEqualTo(PoolEntry.REMOVED);
    pool.giveBack(e);
    assertThat(e.state()).isEqualTo(PoolEntry.REMOVED);
    assertThat(pool.status().size()).isZero();
    assertThat(pool.status().idle()).isZero();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  // ---- a driver with syntax errors ----

  private static Connection withSyntaxErrors(Connection raw) {
    return proxy(
        Connection.class,
        raw,
        (p, m, args) -> {
          Object result = invoke(m, raw, args);
          if (m.getName().equals("createStatement") && result instanceof Statement) {
            Statement s = (Statement) result;
            return proxy(
                Statement.class,
                s,
                (p2, m2, args2) -> {
                  if (args2 != null && args2.length > 0 && "bad sql".equals(args2[0])) {
                    throw new SQLException("syntax error at or near \"bad\"", "42601");
                  }
                  return invoke(m2, s, args2);
                });
          }
          return result;
        });
  }

  private static <T> T proxy(Class<T> type, T target, InvocationHandler h) {
    InvocationHandler unwrapping =
        (p, m, args) -> {
          if (m.getName().equals("unwrap")
              && args[0] instanceof Class<?> k
              && k.isInstance(target)) {
            return target;
          }
          if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
            return invoke(m, target, args);
          }
          return h.invoke(p, m, args);
        };
    return type.cast(
        Proxy.newProxyInstance(
            ProxyDisconnectTest.class.getClassLoader(), new Class<?>[] {type}, unwrapping));
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
