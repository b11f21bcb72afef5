package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cistern.Credentials;
import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.jdbc.JdbcDataSource;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.Ticker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening connections through the dialect, with credentials asked for each new connection. */
class DialectConnectionFactoryTest {
  private final DatabaseUrl url =
      DatabaseUrl.parse(
          "h2:mem:cred_" + UUID.randomUUID().toString().replace("-", "") + "?user=sa");
  private final Dialect dialect = Dialects.forUrl(url);
  private final Connection admin; // keeps the in-memory database alive

  DialectConnectionFactoryTest() throws SQLException {
    admin = dialect.connect(url, null);
    try (Statement st = admin.createStatement()) {
      st.execute("create user bob password 'first-Pw1'");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    admin.close();
  }

  @Test
  void withoutASupplierTheUrlsCredentialsAreUsed() throws SQLException {
    try (Connection c = new DialectConnectionFactory(url, dialect, "app", null).create()) {
      assertThat(currentUser(c)).isEqualTo("SA");
    }
  }

  @Test
  void theSupplierIsAskedOnceForEachNewConnectionAndMayRotate() throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> password = new AtomicReference<>("first-Pw1");
    DialectConnectionFactory factory =
        new DialectConnectionFactory(
            url,
            dialect,
            "app",
            () -> {
              calls.incrementAndGet();
              return new Credentials("bob", password.get());
            });
    ConnectionPool pool =
        new ConnectionPool(PoolConfig.defaults("cred").withSize(3, 0), factory, Ticker.SYSTEM);
    JdbcDataSource ds = JdbcDataSource.forPool(pool);
    try {
      Connection first = ds.getConnection();
      assertThat(currentUser(first)).isEqualTo("BOB");
      assertThat(calls.get()).isOne();

      try (Statement st = admin.createStatement()) {
        st.execute("alter user bob set password 'second-Pw2'");
      }
      password.set("second-Pw2");
      Connection second = ds.getConnection(); // a new physical connection: asks again
      assertThat(currentUser(second)).isEqualTo("BOB");
      assertThat(calls.get()).isEqualTo(2);
      first.close();
      second.close();

      for (int i = 0; i < 5; i++) { // reuse asks nothing
        try (Connection c = ds.getConnection()) {
          assertThat(currentUser(c)).isEqualTo("BOB");
        }
      }
      assertThat(calls.get()).isEqualTo(2);
      assertThat(pool.status().size()).isEqualTo(2);
    } finally {
      pool.close();
    }
  }

  @Test
  void aWrongPasswordMakesConnectFail() {
    AtomicInteger calls = new AtomicInteger();
    DialectConnectionFactory factory =
        new DialectConnectionFactory(
            url,
            dialect,
            null,
            () -> {
              calls.incrementAndGet();
              return new Credentials("bob", "Wrong-Pw9");
            });
    SQLException e = catchThrowableOfType(SQLException.class, factory::create);
    assertThat((Throwable) e).isNotNull();
    assertThat(e.getMessage()).doesNotContain("Wrong-Pw9");
    assertThat(calls.get()).isOne();
  }

  @Test
  void theSupplierReplacesTheUrlsUser() throws SQLException {
    DialectConnectionFactory factory =
        new DialectConnectionFactory(url, dialect, null, () -> new Credentials("sa", ""));
    try (Connection c = factory.create()) {
      assertThat(currentUser(c)).isEqualTo("SA");
    }
  }

  @Test
  void aSupplierThatFailsOrReturnsNullIsAnSqlException() {
    DialectConnectionFactory nothing = new DialectConnectionFactory(url, dialect, null, () -> null);
    assertThat((Throwable) catchThrowableOfType(SQLException.class, nothing::create))
        .hasMessageContaining("returned null");
    IllegalStateException boom = new IllegalStateException("vault unreachable");
    DialectConnectionFactory failing =
        new DialectConnectionFactory(
            url,
            dialect,
            null,
            () -> {
              throw boom;
            });
    assertThat((Throwable) catchThrowableOfType(SQLException.class, failing::create))
        .hasMessageContaining("credentials supplier failed")
        .hasCause(boom);
  }

  @Test
  void toStringShowsNoPassword() {
    DatabaseUrl withPassword = url.withPassword("Hidden-Pw3");
    assertThat(new DialectConnectionFactory(withPassword, dialect, null, null).toString())
        .doesNotContain("Hidden-Pw3")
        .contains("h2");
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select current_user")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
