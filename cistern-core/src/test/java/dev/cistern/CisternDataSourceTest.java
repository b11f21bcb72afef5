package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link CisternDataSource}: the JavaBean face containers make by class name and setters. */
class CisternDataSourceTest {
  private static String h2() {
    return "jdbc:h2:mem:cds" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
  }

  private static int selectOne(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void setUpBySettersItBuildsItsEngineAtFirstUseAndThenFreezes() throws Exception {
    CisternDataSource ds = new CisternDataSource();
    ds.setJdbcUrl(h2());
    ds.setUsername("sa");
    ds.setPassword("");
    ds.setName("beans");
    ds.setPoolSize(3);
    ds.setMaxOverflow(0);
    ds.setPoolTimeout(Duration.ofSeconds(2));
    assertThat(ds.isStarted()).isFalse();
    assertThat(ds.getPoolSize()).isEqualTo(3);

    assertThat(selectOne(ds)).isEqualTo(1);
    assertThat(ds.isStarted()).isTrue();
    Engine e = ds.getEngine();
    assertThat(e.name()).isEqualTo("beans");
    assertThat(e.option(Option.POOL_SIZE)).isEqualTo(3);
    assertThat(e.option(Option.POOL_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
    assertThat(ds.unwrap(Engine.class)).isSameAs(e);

    assertThatThrownBy(() -> ds.setPoolSize(5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot set poolSize")
        .hasMessageContaining("already built its engine");
    assertThatThrownBy(() -> ds.setUrl(h2())).isInstanceOf(IllegalStateException.class);
    assertThat(e.option(Option.POOL_SIZE)).as("unchanged").isEqualTo(3);

    ds.close();
    assertThat(ds.isClosed()).isTrue();
    assertThat(e.isClosed()).isTrue();
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLException.class)
        .satisfies(t -> assertThat(((SQLException) t).getSQLState()).isEqualTo("08003"));
    ds.close(); // idempotent
  }

  @Test
  void everyOptionHasATypedSetterAndGetter() throws Exception {
    for (Option<?> o : Option.values()) {
      String cap = Character.toUpperCase(o.key().charAt(0)) + o.key().substring(1);
      Method set = CisternDataSource.class.getMethod("set" + cap, o.type());
      Method get = CisternDataSource.class.getMethod("get" + cap);
      assertThat(get.getReturnType()).as(o.key()).isEqualTo(o.type());
      assertThat(java.lang.reflect.Modifier.isPublic(set.getModifiers())).isTrue();
    }
  }

  @Test
  void aBadValueIsRefusedByItsSetterAtOnce() {
    CisternDataSource ds = new CisternDataSource(h2());
    assertThatThrownBy(() -> ds.setPoolSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be >= 0, was -1");
    assertThatThrownBy(() -> ds.setPoolTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolTimeout must not be negative");
    assertThat(ds.getPoolSize()).as("the refused value was not kept").isEqualTo(5);
  }

  @Test
  void optionsComeFromTheSetterThenTheUrlThenTheDefault() {
    CisternDataSource ds = new CisternDataSource("h2:mem:cdsq" + System.nanoTime() + "?poolSize=7");
    assertThat(ds.getPoolSize()).isEqualTo(7);
    assertThat(ds.getMaxOverflow()).isEqualTo(Option.MAX_OVERFLOW.defaultValue());
    ds.setPoolSize(2);
    assertThat(ds.getPoolSize()).isEqualTo(2);
    ds.setPoolSize(null);
    assertThat(ds.getPoolSize()).as("null goes back to the URL's").isEqualTo(7);
    ds.setOption(Option.ECHO, true);
    assertThat(ds.getEcho()).isTrue();
    ds.close();
  }

  @Test
  void withoutAUrlTheFirstUseSaysWhatIsMissing() {
    CisternDataSource ds = new CisternDataSource();
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("has no URL: call setUrl");
    assertThatThrownBy(ds::getEngine).isInstanceOf(IllegalStateException.class);
    ds.close();
    assertThat(ds.isClosed()).isTrue();
  }

  @Test
  void aMissingDriverClassIsNamedAndAPresentOneWorks() throws Exception {
    CisternDataSource missing = new CisternDataSource(h2());
    missing.setDriverClassName("com.example.NoSuchDriver");
    assertThatThrownBy(missing::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("driverClassName com.example.NoSuchDriver is not on the class path");
    missing.close();

    CisternDataSource present = new CisternDataSource(h2());
    present.setDriverClassName("org.h2.Driver");
    assertThat(selectOne(present)).isEqualTo(1);
    present.close();
  }

  @Test
  void thePasswordIsNeverShown() {
    CisternDataSource ds = new CisternDataSource("postgresql://app:Sup3rSecret@127.0.0.1:1/db");
    ds.setPassword("An0therSecret");
    assertThat(ds.toString())
        .doesNotContain("Sup3rSecret")
        .doesNotContain("An0therSecret")
        .contains("not started");
    assertThat(ds.getUrl()).doesNotContain("Sup3rSecret");
    assertThat(ds.getPassword()).isEqualTo("An0therSecret");
    ds.close();
  }

  @Test
  void madeFromAnEngineItTakesItOver() throws Exception {
    Engine e = Engine.create("h2:mem:cdse" + System.nanoTime());
    CisternDataSource ds = new CisternDataSource(e);
    assertThat(ds.isStarted()).isTrue();
    assertThat(selectOne(ds)).isEqualTo(1);
    assertThatThrownBy(() -> ds.setPoolSize(1)).isInstanceOf(IllegalStateException.class);
    ds.close();
    assertThat(e.isClosed()).isTrue();
  }

  @Test
  void theEnginesOwnViewClosesTheEngineWhenClosed() throws Exception {
    Engine e = Engine.create("h2:mem:cdsv" + System.nanoTime());
    DataSource view = e.dataSource();
    assertThat(view).isInstanceOf(AutoCloseable.class);
    assertThat(selectOne(view)).isEqualTo(1);
    ((AutoCloseable) view).close();
    assertThat(e.isClosed()).isTrue();
  }

  @Test
  void getConnectionWithCredentialsIsRefusedSayingWhy() {
    CisternDataSource ds = new CisternDataSource(h2());
    assertThatThrownBy(() -> ds.getConnection("u", "p"))
        .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class)
        .hasMessageContaining("setUsername/setPassword");
    ds.close();
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void aJdbcUrlWithUserAndPasswordWorksAndCloseLeavesNoSession(TestDatabase db) throws Exception {
    String name = db.applicationName() + "-cds";
    CisternDataSource ds = new CisternDataSource();
    ds.setUrl(db.jdbcUrl());
    ds.setUsername(db.user());
    ds.setPassword(db.password());
    ds.setName(name);
    ds.setPoolSize(2);
    assertThat(selectOne(ds)).isEqualTo(1);
    ServerSessions.awaitCount(db, name, 1, Duration.ofSeconds(10));
    assertThat(ds.getEngine().url().dialect().toLowerCase(Locale.ROOT))
        .isIn("postgresql", "mariadb", "mysql", "jdbc");
    ds.close();
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }
}
