package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Engine#dataSource()} as a JDBC user sees it: borrowing, its errors, unwrap, settings. */
class EngineDataSourceTest {
  private final String name = "datasource-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private Engine engine;

  private DataSource dataSource(Duration poolTimeout) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name("orders")
            .poolSize(1, 0)
            .option(Option.POOL_TIMEOUT, poolTimeout)
            // the one connection opens at once in the background; tests wait for it to be idle
            .option(Option.MIN_IDLE, 1)
            .option(Option.SHUTDOWN_HOOK, false)
            .build();
    return engine.dataSource();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  @Test
  void getConnectionBorrowsFromThePoolAndCloseGivesItBack() throws SQLException {
    DataSource ds = dataSource(Duration.ofSeconds(5));
    try (Connection c = ds.getConnection()) {
      assertThat(c.isClosed()).isFalse();
      assertThat(engine.status().inUse()).isEqualTo(1);
    }
    assertThat(engine.status().inUse()).isZero();
    assertThat(engine.status().idle()).isEqualTo(1);
    assertThat(db.openedTotal()).isEqualTo(1);
  }

  @Test
  void anExhaustedPoolIsATransientConnectionErrorWithSqlState08001() throws SQLException {
    DataSource ds = dataSource(Duration.ofMillis(20));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.status().idle() == 1);
    try (Connection held = ds.getConnection()) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasCauseInstanceOf(PoolTimeoutException.class)
          .hasMessageContaining("orders")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
      assertThat(held.isClosed()).isFalse();
    }
  }

  @Test
  void aClosedEngineIsANonTransientConnectionErrorWithSqlState08003() {
    DataSource ds = dataSource(Duration.ofSeconds(5));
    engine.close();
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasCauseInstanceOf(EngineClosedException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
  }

  @Test
  void anyOtherEngineErrorIsAnSqlExceptionWithSqlState08001() {
    engine =
        Engine.builder("mysql+mysqlconnector://u@127.0.0.1:3306/test")
            .option(Option.SHUTDOWN_HOOK, false)
            .build();
    DataSource ds = engine.dataSource();
    assertThatThrownBy(ds::getConnection)
        .isExactlyInstanceOf(SQLException.class)
        .hasCauseInstanceOf(DriverNotFoundException.class)
        .hasMessageContaining("com.mysql:mysql-connector-j")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void otherCredentialsAreRefusedWithoutEchoingThePassword() {
    DataSource ds = dataSource(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.status().idle() == 1);
    long attempts = db.connectAttempts();
    assertThatThrownBy(() -> ds.getConnection("alice", "s3cret-pw"))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessageContaining("credentials")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(db.connectAttempts()).isEqualTo(attempts);
  }

  @Test
  void unwrapsToTheEngineAndToItselfButNothingElse() throws SQLException {
    DataSource ds = dataSource(Duration.ofSeconds(5));
    assertThat(ds.isWrapperFor(Engine.class)).isTrue();
    assertThat(ds.unwrap(Engine.class)).isSameAs(engine);
    assertThat(ds.isWrapperFor(DataSource.class)).isTrue();
    assertThat(ds.unwrap(DataSource.class)).isSameAs(ds);
    assertThat(ds.isWrapperFor(String.class)).isFalse();
    assertThatThrownBy(() -> ds.unwrap(String.class))
        .isInstanceOf(SQLException.class)
        .hasMessage("the data source of engine 'orders' does not wrap a java.lang.String");
  }

  @Test
  void keepsTheLogWriterAndLoginTimeoutItIsGivenAndNamesItsEngine() throws SQLException {
    DataSource ds = dataSource(Duration.ofSeconds(5));
    assertThat(ds.getLogWriter()).isNull();
    assertThat(ds.getLoginTimeout()).isZero();
    PrintWriter out = new PrintWriter(new StringWriter());
    ds.setLogWriter(out);
    ds.setLoginTimeout(7);
    assertThat(ds.getLogWriter()).isSameAs(out);
    assertThat(ds.getLoginTimeout()).isEqualTo(7);
    assertThatThrownBy(ds::getParentLogger)
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessageContaining("SLF4J");
    assertThat(ds).hasToString("DataSource(engine 'orders')");
  }
}
