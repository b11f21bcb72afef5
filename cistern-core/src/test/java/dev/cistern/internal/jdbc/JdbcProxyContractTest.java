package dev.cistern.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolSupport;
import dev.cistern.internal.pool.Ticker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract of every JDBC object Cistern hands out, walked method by method through reflection
 * over the JDBC interfaces themselves (so a method added to {@code java.sql} is checked without
 * anyone writing a test for it), against a driver made of {@link Proxy} fakes:
 *
 * <ul>
 *   <li>after its owner is closed, every method throws the closed error (SQLState 08003 or HY010),
 *       but the few JDBC lets answer ({@code close}, {@code isClosed}, {@code isValid}, {@code
 *       abort});
 *   <li>a disconnect error from the driver, thrown by any method, invalidates the connection and
 *       reaches the caller as "connection invalidated";
 *   <li>every JDBC object a method returns is a Cistern proxy, whose {@code getConnection()} is the
 *       connection proxy and whose {@code getStatement()} is the statement proxy.
 * </ul>
 */
class JdbcProxyContractTest {
  /** The JDBC types a borrower can reach, and how to reach one from a fresh connection proxy. */
  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>(Connection.class, c -> c, Owner.CONNECTION),
          new Kind<>(Statement.class, c -> c.createStatement(), Owner.SELF),
          new Kind<>(PreparedStatement.class, c -> c.prepareStatement("q"), Owner.SELF),
          new Kind<>(CallableStatement.class, c -> c.prepareCall("q"), Owner.SELF),
          new Kind<>(ResultSet.class, c -> c.createStatement().executeQuery("q"), Owner.SELF),
          new Kind<>(DatabaseMetaData.class, c -> c.getMetaData(), Owner.CONNECTION),
          new Kind<>(
              ResultSetMetaData.class,
              c -> c.createStatement().executeQuery("q").getMetaData(),
              Owner.CONNECTION),
          new Kind<>(
              ParameterMetaData.class,
              c -> c.prepareStatement("q").getParameterMetaData(),
              Owner.CONNECTION));

  /** Methods JDBC lets answer after close. */
  private static final Set<String> ANSWER_WHEN_CLOSED =
      Set.of("close", "isClosed", "isValid", "abort");

  private final FakeDriver driver = new FakeDriver();
  private final ConnectionPool pool =
      new ConnectionPool(
          PoolConfig.defaults("contract").withSize(2, 0),
          driver::connect,
          Ticker.SYSTEM,
          PoolSupport.DEFAULT);

  @AfterEach
  void closePool() {
    pool.close();
  }

  private ProxyConnection borrow() {
    return ProxyConnection.of(pool.acquire(), pool);
  }

  @TestFactory
  Stream<DynamicTest> afterCloseEveryMethodThrowsTheClosedError() {
    return perKind(
        kind -> {
          List<String> wrong = new ArrayList<>();
          for (Method m : methods(kind.type)) {
            if (ANSWER_WHEN_CLOSED.contains(m.getName()) || !throwsSql(m)) {
              continue;
            }
            ProxyConnection c = borrow();
            Object target = kind.open(c);
            if (kind.owner == Owner.SELF) {
              ((AutoCloseable) target).close();
            }
            c.close();
            Throwable t = invoke(target, m);
            if (!(t instanceof SQLException e)
                || !Set.of("08003", "HY010").contains(e.getSQLState())) {
              wrong.add(m.getName() + Arrays.toString(m.getParameterTypes()) + " -> " + t);
            }
          }
          assertThat(wrong).as("methods answering after close").isEmpty();
        });
  }

  @TestFactory
  Stream<DynamicTest> aDisconnectFromAnyMethodInvalidatesTheConnection() {
    return perKind(
        kind -> {
          List<String> wrong = new ArrayList<>();
          int reached = 0;
          for (Method m : methods(kind.type)) {
            if (Set.of("close", "isValid", "abort").contains(m.getName()) || !throwsSql(m)) {
              continue; // close gives back, isValid answers false, abort removes
            }
            ProxyConnection c = borrow();
            Object target = kind.open(c);
            int before = driver.calls.get();
            driver.down.set(true);
            Throwable t;
            try {
              t = invoke(target, m);
            } finally {
              driver.down.set(false);
            }
            if (driver.calls.get() == before) {
              c.close();
              continue; // answered by the proxy alone (getConnection, getStatement)
            }
            reached++;
            if (!(t instanceof SQLException e)
                || !String.valueOf(e.getMessage()).startsWith("connection invalidated")
                || !c.isInvalidated()) {
              wrong.add(m.getName() + Arrays.toString(m.getParameterTypes()) + " -> " + t);
            }
            c.close();
          }
          assertThat(reached).as("methods that reach the driver").isPositive();
          assertThat(wrong).as("methods not invalidating on a disconnect").isEmpty();
        });
  }

  @TestFactory
  Stream<DynamicTest> everyJdbcObjectReturnedIsAProxyPointingBackAtItsOwner() {
    return perKind(
        kind -> {
          List<String> wrong = new ArrayList<>();
          for (Method m : methods(kind.type)) {
            if (!isJdbcObject(m.getReturnType()) || m.getName().equals("unwrap")) {
              continue;
            }
            ProxyConnection c = borrow();
            Object target = kind.open(c);
            Object result;
            try {
              result = m.invoke(target, args(m));
            } catch (InvocationTargetException e) {
              wrong.add(m.getName() + " threw " + e.getCause());
              c.close();
              continue;
            }
            String problem = checkReturned(result, c, target);
            if (problem != null) {
              wrong.add(m.getName() + Arrays.toString(m.getParameterTypes()) + ": " + problem);
            }
            c.close();
          }
          assertThat(wrong).as("raw or misdirected JDBC objects").isEmpty();
        });
  }

  @TestFactory
  Stream<DynamicTest> everyMethodCallsTheDriversOwnWithTheSameArgumentsAndReturnsItsAnswer() {
    return perKind(
        kind -> {
          List<String> wrong = new ArrayList<>();
          for (Method m : methods(kind.type)) {
            if (ANSWERED_BY_THE_PROXY.contains(m.getName())) {
              continue;
            }
            ProxyConnection c = borrow();
            Object target = kind.open(c);
            Object[] args = args(m);
            driver.seen.clear();
            Object result;
            try {
              result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
              wrong.add(m.getName() + " threw " + e.getCause());
              c.close();
              continue;
            }
            String expected = call(m.getName(), args);
            if (!driver.seen.contains(expected)) {
              wrong.add(expected + " reached the driver as " + driver.seen);
            } else if (!isJdbcObject(m.getReturnType())
                && m.getReturnType() != void.class
                && driver.seen.get(driver.seen.size() - 1).equals(expected)
                && result != driver.lastAnswer
                && !(m.getReturnType().isPrimitive() && result.equals(driver.lastAnswer))) {
              wrong.add(
                  expected + " returned " + result + ", not the driver's " + driver.lastAnswer);
            }
            c.close();
          }
          assertThat(wrong).as("methods not forwarding faithfully").isEmpty();
        });
  }

  /**
   * Methods the proxy answers or handles itself: the back-references, the lifecycle (close gives
   * back to the pool, abort removes, isValid and isClosed may answer from the proxy's state) and
   * unwrap, which the connection answers only for what the driver says it wraps.
   */
  private static final Set<String> ANSWERED_BY_THE_PROXY =
      Set.of("getConnection", "getStatement", "close", "abort", "isValid", "isClosed", "unwrap");

  /** A call as the fake driver records it. */
  static String call(String name, Object[] args) {
    return name + Arrays.deepToString(args == null ? new Object[0] : args);
  }

  /** One dynamic test per JDBC type, named after it. */
  private static Stream<DynamicTest> perKind(KindCheck check) {
    return KINDS.stream()
        .map(kind -> DynamicTest.dynamicTest(kind.type.getSimpleName(), () -> check.run(kind)));
  }

  @FunctionalInterface
  private interface KindCheck {
    void run(Kind<?> kind) throws Exception;
  }

  /** Null if {@code result} is a well-formed proxy, else what is wrong with it. */
  private static String checkReturned(Object result, Connection c, Object from)
      throws SQLException {
    if (result == null) {
      return "returned null";
    }
    if (!result.getClass().getPackageName().equals(JdbcProxyContractTest.class.getPackageName())) {
      return "returned the driver's object " + result;
    }
    if (result instanceof Statement s && s.getConnection() != c) {
      return "its getConnection() is not the connection proxy";
    }
    if (result instanceof DatabaseMetaData md && md.getConnection() != c) {
      return "its getConnection() is not the connection proxy";
    }
    if (result instanceof ResultSet rs) {
      Statement owner = rs.getStatement();
      Object expected = from instanceof Statement ? from : null; // metadata result sets have none
      if (owner != expected) {
        return "its getStatement() is " + owner + ", expected " + expected;
      }
    }
    return null;
  }

  private static boolean isJdbcObject(Class<?> type) {
    return Set.of(
            Connection.class,
            Statement.class,
            PreparedStatement.class,
            CallableStatement.class,
            ResultSet.class,
            ResultSetMetaData.class,
            ParameterMetaData.class,
            DatabaseMetaData.class)
        .contains(type);
  }

  /** The instance methods of a JDBC interface and its super-interfaces, in a stable order. */
  private static List<Method> methods(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .sorted(Comparator.comparing(Method::toGenericString))
        .toList();
  }

  private static boolean throwsSql(Method m) {
    return Arrays.stream(m.getExceptionTypes())
        .anyMatch(e -> e.isAssignableFrom(SQLException.class));
  }

  /** Invokes {@code m} and returns what it threw, or null. */
  private static Throwable invoke(Object target, Method m) throws IllegalAccessException {
    try {
      m.invoke(target, args(m));
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }

  /** Arguments a driver would accept: a value of each parameter type. */
  private static Object[] args(Method m) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = value(types[i]);
    }
    return args;
  }

  private static Object value(Class<?> t) {
    if (t == int.class) {
      return 1;
    } else if (t == long.class) {
      return 1L;
    } else if (t == boolean.class) {
      return false;
    } else if (t == short.class) {
      return (short) 1;
    } else if (t == byte.class) {
      return (byte) 1;
    } else if (t == double.class) {
      return 1d;
    } else if (t == float.class) {
      return 1f;
    } else if (t == String.class) {
      return "x";
    } else if (t == Class.class) {
      return Runnable.class; // unwrap(Runnable): not the proxy, so the driver is asked
    } else if (t.isArray()) {
      return java.lang.reflect.Array.newInstance(t.getComponentType(), 0);
    } else if (t == java.util.concurrent.Executor.class) {
      return (java.util.concurrent.Executor) Runnable::run;
    } else if (t == java.util.Map.class) {
      return new HashMap<>();
    } else if (t == Properties.class) {
      return new Properties();
    } else if (t == Calendar.class) {
      return Calendar.getInstance();
    } else if (t == java.sql.SQLType.class) {
      return java.sql.JDBCType.INTEGER;
    } else if (t.isInterface()) {
      return FakeDriver.fake(t, new FakeDriver());
    }
    return null;
  }

  /** Where the object comes from, which decides what "closed" means for it. */
  private enum Owner {
    /** Closed by closing the connection (the connection itself, and metadata). */
    CONNECTION,
    /** Closed by its own close() (statements, result sets). */
    SELF
  }

  private record Kind<T>(Class<T> type, JdbcFunction<Connection, T> opener, Owner owner) {
    Object open(Connection c) throws SQLException {
      return opener.apply(c);
    }
  }

  @FunctionalInterface
  private interface JdbcFunction<A, B> {
    B apply(A a) throws SQLException;
  }

  /**
   * A JDBC driver made of dynamic proxies: every method of every interface answers a default value
   * (a fake for a JDBC interface), or, while {@link #down} is set, throws SQLState 08006 (the
   * connection is gone) and counts the call.
   */
  static final class FakeDriver {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger calls = new AtomicInteger();

    /** The last value the driver answered with. */
    volatile Object lastAnswer;

    /** Every call the driver answered, as "name(args)", while up. */
    final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    Connection connect() {
      return fake(Connection.class, this);
    }

    /** What the fake answers for a return type that is not a JDBC interface. */
    static Object defaultAnswer(Class<?> r) {
      if (r == boolean.class) {
        return false;
      } else if (r == long.class) {
        return 0L;
      } else if (r == double.class) {
        return 0d;
      } else if (r == float.class) {
        return 0f;
      } else if (r == short.class) {
        return (short) 0;
      } else if (r == byte.class) {
        return (byte) 0;
      } else if (r.isPrimitive() && r != void.class) {
        return 0;
      }
      return null;
    }

    static <T> T fake(Class<T> type, FakeDriver driver) {
      Function<Method, Object> answer =
          m -> {
            Class<?> r = m.getReturnType();
            if (r.isInterface() && r.getName().startsWith("java.sql.")) {
              return fake(r, driver);
            }
            return defaultAnswer(r);
          };
      return type.cast(
          Proxy.newProxyInstance(
              FakeDriver.class.getClassLoader(),
              new Class<?>[] {type},
              (proxy, m, args) -> {
                if (m.getDeclaringClass() == Object.class) {
                  return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "fake " + type.getSimpleName();
                  };
                }
                if (driver.down.get()) {
                  driver.calls.incrementAndGet();
                  throw new SQLException("the connection is gone", "08006");
                }
                driver.seen.add(call(m.getName(), args));
                Object value = answer.apply(m);
                driver.lastAnswer = value;
                return value;
              }));
    }
  }
}
