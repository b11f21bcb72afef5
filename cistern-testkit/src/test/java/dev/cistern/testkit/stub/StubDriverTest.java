package dev.cistern.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubDriverTest {

  @AfterEach
  void reset() {
    StubDatabase.resetAll();
  }

  @Test
  void acceptsOnlyStubUrls() {
    StubDriver driver = new StubDriver();
    assertThat(driver.acceptsURL("jdbc:stub:orders")).isTrue();
    assertThat(driver.acceptsURL("jdbc:stub:orders?rows=3")).isTrue();
    assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isFalse();
    assertThat(driver.acceptsURL("jdbc:stubby:x")).isFalse();
    assertThat(driver.acceptsURL(null)).isFalse();
  }

  @Test
  void connectReturnsNullForForeignUrls() throws SQLException {
    assertThat(new StubDriver().connect("jdbc:h2:mem:x", new Properties())).isNull();
  }

  @Test
  void driverManagerFindsTheDriverThroughServiceLoader() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:stub:dm")) {
      assertThat(c).isInstanceOf(StubConnection.class);
      assertThat(StubDatabase.named("dm").liveConnections()).isEqualTo(1);
    }
    assertThat(StubDatabase.named("dm").liveConnections()).isZero();
  }

  @Test
  void registerIsIdempotent() throws SQLException {
    StubDriver first = StubDriver.register();
    StubDriver second = StubDriver.register();
    assertThat(second).isSameAs(first);
    long registered =
        DriverManager.drivers()
            .filter(d -> d instanceof StubDriver)
            .filter(d -> d == first)
            .count();
    assertThat(registered).isEqualTo(1);
    assertThat(DriverManager.getDriver("jdbc:stub:x")).isInstanceOf(StubDriver.class);
  }

  @Test
  void sameNameSameDatabase() throws SQLException {
    StubDriver driver = new StubDriver();
    StubConnection a = (StubConnection) driver.connect("jdbc:stub:same", null);
    StubConnection b = (StubConnection) driver.connect("jdbc:stub:same?rows=2", null);
    StubConnection c = (StubConnection) driver.connect("jdbc:stub:other", null);
    assertThat(a.database()).isSameAs(b.database()).isSameAs(StubDatabase.named("same"));
    assertThat(c.database()).isNotSameAs(a.database());
    assertThat(a.id()).isEqualTo(1);
    assertThat(b.id()).isEqualTo(2);
    assertThat(c.id()).isEqualTo(1);
    assertThat(a.database().getResultRows()).as("params apply only at creation").isEqualTo(1);
  }

  @Test
  void urlParametersConfigureANewDatabase() throws SQLException {
    String url =
        "jdbc:stub:params?connectDelay=150ms&validateFails=true&validateSqlState=08S01"
            + "&closeDelay=2s&queryDelay=PT0.5S&rows=3&closeHangs=false&validateReturnsFalse"
            + "&validateDelay=250us&connectSqlState=28000";
    try (Connection c = new StubDriver().connect(url, null)) {
      StubDatabase db = ((StubConnection) c).database();
      assertThat(db.connectFaults().getDelay()).isEqualTo(Duration.ofMillis(150));
      assertThat(db.connectFaults().getSqlState()).isEqualTo("28000");
      assertThat(db.validateFaults().isFail()).isTrue();
      assertThat(db.validateFaults().getSqlState()).isEqualTo("08S01");
      assertThat(db.validateFaults().getDelay()).isEqualTo(Duration.ofNanos(250_000));
      assertThat(db.closeFaults().getDelay()).isEqualTo(Duration.ofSeconds(2));
      assertThat(db.closeFaults().isHang()).isFalse();
      assertThat(db.getQueryDelay()).isEqualTo(Duration.ofMillis(500));
      assertThat(db.getResultRows()).isEqualTo(3);
      assertThat(db.isValidateReturnsFalse()).isTrue();
      db.closeFaults().setDelay(null);
      db.setSleeper(new RecordingSleeper());
    }
  }

  @Test
  void failNextConnectsFromUrl() throws SQLException {
    StubDriver driver = new StubDriver();
    assertThatThrownBy(() -> driver.connect("jdbc:stub:flaky?failNextConnects=1", null))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
    try (Connection c = driver.connect("jdbc:stub:flaky?failNextConnects=1", null)) {
      assertThat(c.isValid(0)).isTrue();
    }
  }

  @Test
  void rejectsBadUrls() {
    StubDriver driver = new StubDriver();
    assertThatThrownBy(() -> driver.connect("jdbc:stub:", null))
        .hasMessageContaining("missing database name");
    assertThatThrownBy(() -> driver.connect("jdbc:stub:x?bogus=1", null))
        .hasMessageContaining("unknown stub URL parameter 'bogus'");
    assertThatThrownBy(() -> driver.connect("jdbc:stub:x?connectFails=yes", null))
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> driver.connect("jdbc:stub:x?connectDelay=soon", null))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> driver.connect("jdbc:stub:x?rows=-1", null))
        .hasMessageContaining("non-negative");
    assertThat(StubDatabase.named("x").openedTotal()).isZero();
  }

  @Test
  void parsesDurations() throws SQLException {
    assertThat(StubUrl.duration("d", "10ns")).isEqualTo(Duration.ofNanos(10));
    assertThat(StubUrl.duration("d", "3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(StubUrl.duration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(StubUrl.duration("d", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(StubUrl.duration("d", "42")).isEqualTo(Duration.ofMillis(42));
    assertThatThrownBy(() -> StubUrl.duration("d", "-PT1S")).hasMessageContaining("negative");
  }

  @Test
  void dataSourceOpensConnectionsToItsDatabase() throws SQLException {
    StubDataSource ds = new StubDataSource("ds");
    try (Connection c = ds.getConnection();
        Connection d = ds.getConnection("user", "secret")) {
      assertThat(ds.database().liveConnections()).isEqualTo(2);
      assertThat(c.getMetaData().getURL()).isEqualTo("jdbc:stub:ds");
      assertThat(d).isNotSameAs(c);
    }
    assertThat(ds.database().closedTotal()).isEqualTo(2);
    assertThat(ds.isWrapperFor(StubDataSource.class)).isTrue();
    assertThat(ds.unwrap(StubDataSource.class)).isSameAs(ds);
    ds.setLoginTimeout(5);
    assertThat(ds.getLoginTimeout()).isEqualTo(5);
  }
}
