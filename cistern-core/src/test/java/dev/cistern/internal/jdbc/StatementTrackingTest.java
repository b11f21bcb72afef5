package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection's lock-free statement tracking and the untracked result sets: whatever order
 * statements are opened and closed in, and whichever thread closes the connection, closing it
 * closes every statement still open, and no proxy of a closed statement or connection reaches the
 * driver.
 */
class StatementTrackingTest {
  private final PoolFixture fx = PoolFixture.withSize(2);

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void aSlidingWindowOfOpenStatementsIsTrackedExactlyAndDoesNotGrow() throws SQLException {
    ProxyConnection c = fx.borrow();
    StubConnection raw = c.unwrap(StubConnection.class);
    Deque<Statement> window = new ArrayDeque<>();
    for (int i = 0; i < 1_000; i++) {
      window.addLast(c.prepareStatement("select " + i));
      if (window.size() > 3) {
        window.removeFirst().close(); // the oldest first: holes at the bottom of the slots
      }
    }
    assertThat(raw.openStatements()).isEqualTo(3);
    assertThat(c.trackedCapacity()).isLessThanOrEqualTo(8);
    c.close();
    assertThat(raw.openStatements()).isZero();
    for (Statement s : window) {
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void statementsClosedInAnyOrderLeaveNothingBehind() throws SQLException {
    ProxyConnection c = fx.borrow();
    StubConnection raw = c.unwrap(StubConnection.class);
    List<Statement> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(c.createStatement());
    }
    for (int i = 0; i < 10; i += 2) {
      all.get(i).close(); // every other one: holes in the middle
    }
    all.get(9).close(); // the top one: trailing holes are dropped
    assertThat(raw.openStatements()).isEqualTo(4);
    Statement late = c.createStatement();
    c.close();
    assertThat(raw.openStatements()).isZero();
    assertThat(late.isClosed()).isTrue();
    for (Statement s : all) {
      assertThat(s.isClosed()).isTrue();
    }
  }

  /**
   * The borrower makes (and closes some) statements while another thread closes the connection: the
   * close must close every statement the borrower got, and the borrower's next prepare must fail.
   * The stub driver is not thread-safe, so this runs on {@link CountingDriver}, which is.
   */
  @Test
  void aCloseFromAnotherThreadWhileStatementsAreMadeClosesEveryOne() throws Exception {
    CountingDriver driver = new CountingDriver();
    ConnectionPool pool =
        new ConnectionPool(
            PoolConfig.defaults("tracking").withSize(1, 0), driver::connect, Ticker.SYSTEM);
    ExecutorService borrower = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 500; round++) {
        ProxyConnection c = ProxyConnection.of(pool.acquire(), pool);
        CountDownLatch making = new CountDownLatch(1);
        List<Statement> made = new ArrayList<>();
        int signalAt = round % 17; // vary how many statements exist when the close comes
        Future<SQLException> stopped =
            borrower.submit(
                () -> {
                  for (int i = 0; ; i++) {
                    try {
                      made.add(c.prepareStatement("select 1"));
                      if (made.size() % 3 == 0) {
                        made.get(made.size() - 2).close(); // keep most open, make holes
                      }
                    } catch (SQLException e) {
                      return e;
                    }
                    if (i == signalAt) {
                      making.countDown();
                    }
                  }
                });
        assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
        c.close();
        SQLException e = stopped.get(10, TimeUnit.SECONDS);
        assertThat(e.getSQLState()).isEqualTo("08003");
        assertThat(driver.open()).as("driver statements left open, round %d", round).isZero();
        for (Statement s : made) {
          assertThat(s.isClosed()).isTrue();
        }
      }
    } finally {
      borrower.shutdownNow();
      pool.close();
    }
  }

  /** A thread-safe fake driver: counts the prepared statements opened and not closed yet. */
  static final class CountingDriver implements InvocationHandler {
    private final AtomicInteger open = new AtomicInteger();

    Connection connect() {
      return (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(), new Class<?>[] {Connection.class}, this);
    }

    int open() {
      return open.get();
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) {
      switch (m.getName()) {
        case "prepareStatement":
          open.incrementAndGet();
          return statement();
        case "isValid":
        case "getAutoCommit":
          return true;
        default:
          return fallback(self, m, args);
      }
    }

    private PreparedStatement statement() {
      AtomicBoolean closed = new AtomicBoolean();
      return (PreparedStatement)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {PreparedStatement.class},
              (self, m, args) -> {
                if (m.getName().equals("close")) {
                  if (closed.compareAndSet(false, true)) {
                    open.decrementAndGet();
                  }
                  return null;
                }
                if (m.getName().equals("isClosed")) {
                  return closed.get();
                }
                return fallback(self, m, args);
              });
    }

    private static Object fallback(Object self, Method m, Object[] args) {
      switch (m.getName()) {
        case "equals":
          return self == args[0];
        case "hashCode":
          return System.identityHashCode(self);
        case "toString":
          return "counting-driver object";
        default:
          break;
      }
      Class<?> t = m.getReturnType();
      if (t == boolean.class) {
        return false;
      }
      if (t == int.class) {
        return 0;
      }
      if (t == long.class) {
        return 0L;
      }
      return null;
    }
  }

  @Test
  void statementsOfAnAbortedConnectionAreDeadThoughNotClosedOneByOne() throws SQLException {
    ProxyConnection c = fx.borrow();
    PreparedStatement ps = c.prepareStatement("select 1");
    ResultSet rs = ps.executeQuery();
    c.abort(Runnable::run); // the statements die with the physical connection
    assertThat(ps.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertThatThrownBy(ps::executeQuery).hasMessage("statement is closed");
    assertThatThrownBy(rs::next).hasMessage("result set is closed");
  }

  @Test
  void aResultSetDiesWithItsStatementAndSeesTheStatementItCameFrom() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      PreparedStatement ps = c.prepareStatement("select 1");
      ResultSet first = ps.executeQuery();
      ResultSet second = ps.executeQuery();
      assertThat(first.getStatement()).isSameAs(ps);
      assertThat(second.getStatement()).isSameAs(ps);
      assertThat(second.next()).isTrue();
      ps.close();
      assertThat(first.isClosed()).isTrue();
      assertThat(second.isClosed()).isTrue();
      assertThatThrownBy(second::next).hasMessage("result set is closed");
      assertThatThrownBy(() -> second.getInt(1)).hasMessage("result set is closed");
    }
  }

  @Test
  void getResultSetAfterACloseThrows() throws SQLException {
    try (ProxyConnection c = fx.borrow()) {
      Statement s = c.createStatement();
      assertThat(s.execute("select 1")).isTrue();
      ResultSet rs = s.getResultSet();
      assertThat(s.getResultSet()).isSameAs(rs);
      s.close();
      assertThatThrownBy(s::getResultSet).hasMessage("statement is closed");
      assertThat(rs.isClosed()).isTrue();
    }
  }
}
