package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl;
import dev.cistern.DriverNotFoundException;
import dev.cistern.InvalidUrlException;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriverChoiceTest {
  private static Dialect dialect(String name) {
    return Dialects.find(name).orElseThrow();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "postgresql://u@h/db, pgjdbc, org.postgresql.Driver",
    "mysql://u@h/db, mariadbconnector, org.mariadb.jdbc.Driver",
    "mariadb://u@h/db, mariadbconnector, org.mariadb.jdbc.Driver",
    "sqlite://, xerial, org.sqlite.JDBC",
    "h2:mem:x, h2, org.h2.Driver",
    "hsqldb:mem:x, hsqldb, org.hsqldb.jdbc.JDBCDriver",
    "mysql+mariadbconnector://u@h/db, mariadbconnector, org.mariadb.jdbc.Driver",
    "postgresql+PGJDBC://u@h/db, pgjdbc, org.postgresql.Driver",
  })
  void choosesTheFirstLoadableOrTheNamedDriver(String url, String name, String driverClass) {
    DatabaseUrl u = DatabaseUrl.parse(url);
    DriverChoice c = Dialects.forUrl(u).chooseDriver(u);
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.driverClass()).isEqualTo(driverClass);
  }

  @Test
  void mysqlPrefersConnectorJThenMariaDb() {
    assertThat(dialect("mysql").driverChoices())
        .extracting(DriverChoice::driverClass)
        .containsExactly("com.mysql.cj.jdbc.Driver", "org.mariadb.jdbc.Driver");
    assertThat(dialect("mysql").driverChoices().get(0).mavenCoordinates())
        .isEqualTo("com.mysql:mysql-connector-j");
  }

  @Test
  void anExplicitDriverThatIsMissingNamesItsArtifact() {
    DatabaseUrl u = DatabaseUrl.parse("mysql+mysqlconnector://u:pw@h:3306/db");
    assertThatThrownBy(() -> dialect("mysql").chooseDriver(u))
        .isInstanceOfSatisfying(
            DriverNotFoundException.class,
            e -> {
              assertThat(e.dialect()).isEqualTo("mysql");
              assertThat(e.driverClass()).isEqualTo("com.mysql.cj.jdbc.Driver");
              assertThat(e.mavenCoordinates()).isEqualTo("com.mysql:mysql-connector-j");
            })
        .hasMessageContaining("com.mysql:mysql-connector-j");
    assertThatThrownBy(() -> dialect("mysql").connect(u, "app"))
        .isInstanceOf(DriverNotFoundException.class)
        .hasMessageContaining("<artifactId>mysql-connector-j</artifactId>")
        .hasMessageNotContaining("pw");
  }

  @Test
  void anUnknownDriverNameListsTheKnownOnes() {
    DatabaseUrl u = DatabaseUrl.parse("mysql+pgjdbc://u:topsecret@h/db");
    assertThatThrownBy(() -> dialect("mysql").jdbcUrl(u))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("unknown driver 'pgjdbc'")
        .hasMessageContaining("mysqlconnector, mariadbconnector")
        .hasMessageNotContaining("topsecret");
    DatabaseUrl p = DatabaseUrl.parse("postgresql+psycopg2://u@h/db");
    assertThatThrownBy(() -> dialect("postgresql").chooseDriver(p))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("known drivers: pgjdbc");
  }

  /** A dialect none of whose drivers exist. */
  private static final class MissingDriversDialect extends Dialect {
    @Override
    public String name() {
      return "nothing";
    }

    @Override
    public List<DriverChoice> driverChoices() {
      return List.of(
          new DriverChoice("first", "com.example.missing.FirstDriver", "com.example:first-jdbc"),
          new DriverChoice("second", "com.example.missing.SecondDriver", "com.example:second"));
    }

    @Override
    protected String buildJdbcUrl(DatabaseUrl url, DriverChoice driver) {
      return "jdbc:nothing:" + driver.name();
    }

    @Override
    public java.util.Optional<SessionProbe> sessionProbe() {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<ServerLimits> serverLimits(java.sql.Connection c) {
      return java.util.Optional.empty();
    }

    @Override
    public int countSessions(Connection admin, String applicationName, String database) {
      return 0;
    }
  }

  @Test
  void whenNoDriverLoadsTheFirstChoiceIsNamed() {
    Dialect d = new MissingDriversDialect();
    DatabaseUrl u = DatabaseUrl.parse("h2:mem:x");
    assertThat(d.isLoadable(d.driverChoices().get(1))).isFalse();
    assertThat(d.jdbcUrl(u)).isEqualTo("jdbc:nothing:first");
    assertThatThrownBy(() -> d.chooseDriver(u))
        .isInstanceOfSatisfying(
            DriverNotFoundException.class,
            e -> assertThat(e.driverClass()).isEqualTo("com.example.missing.FirstDriver"))
        .hasMessageContaining("com.example:first-jdbc")
        .hasMessageContaining("the nothing dialect");
  }
}
