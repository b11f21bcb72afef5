package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl;
import dev.cistern.InvalidUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectJdbcUrlTest {
  private static String jdbc(String url) {
    DatabaseUrl u = DatabaseUrl.parse(url);
    return Dialects.forUrl(u).jdbcUrl(u);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://u:secret@h1:5432,h2:5433/db | jdbc:postgresql://h1:5432,h2:5433/db",
        "postgres://u@db.example.com/shop | jdbc:postgresql://db.example.com/shop",
        "postgresql://u@[::1]:5432/db | jdbc:postgresql://[::1]:5432/db",
        "postgresql://u@[2001:db8::1],h2:6432/db | jdbc:postgresql://[2001:db8::1],h2:6432/db",
        "postgresql://u@h | jdbc:postgresql://h/",
        "postgresql:///db | jdbc:postgresql://localhost/db",
        "postgresql://u@h/a%2Bb%20c | jdbc:postgresql://h/a%2Bb%20c",
        "postgresql://u@h/db?sslmode=disable&poolSize=3 | jdbc:postgresql://h/db",
        "mariadb://root:pw@host:3306/db | jdbc:mariadb://host:3306/db",
        "mariadb://root@h1,h2:3307/db | jdbc:mariadb://h1,h2:3307/db",
        "mariadb://root@[::1]:3306/db | jdbc:mariadb://[::1]:3306/db",
        "mysql+mysqlconnector://u:pw@host:3306/db | jdbc:mysql://host:3306/db",
        "mysql+mariadbconnector://u:pw@host:3306/db | jdbc:mariadb://host:3306/db",
        "sqlite:///relative.db | jdbc:sqlite:relative.db",
        "sqlite:////abs/path.db | jdbc:sqlite:/abs/path.db",
        "sqlite:// | jdbc:sqlite::memory:",
        "h2:mem:orders | jdbc:h2:mem:orders",
        "h2:file:/var/data/x | jdbc:h2:file:/var/data/x",
        "h2:./x | jdbc:h2:./x",
        "h2:~/x | jdbc:h2:~/x",
        "h2://sa@host:9092/path | jdbc:h2:tcp://host:9092/path",
        "h2://sa:pw@host:9092/~/test | jdbc:h2:tcp://host:9092/~/test",
        "h2:mem:x?user=sa&password=pw | jdbc:h2:mem:x",
        "hsqldb:mem:name | jdbc:hsqldb:mem:name",
        "hsqldb:file:data/x | jdbc:hsqldb:file:data/x",
        "hsqldb:data/x | jdbc:hsqldb:file:data/x",
        "hsqldb://sa@host:9001/db | jdbc:hsqldb:hsql://host:9001/db",
      })
  void jdbcUrlOfEachForm(String url, String expected) {
    assertThat(jdbc(url)).isEqualTo(expected);
  }

  @Test
  void jdbcUrlNeverHoldsTheCredentials() {
    assertThat(jdbc("postgresql://alice:s3cr3t@h/db")).doesNotContain("s3cr3t", "alice");
    assertThat(jdbc("mariadb://alice:s3cr3t@h/db")).doesNotContain("s3cr3t", "alice");
    assertThat(jdbc("h2://alice:s3cr3t@h/db")).doesNotContain("s3cr3t", "alice");
  }

  @Test
  void mysqlWithoutAnExplicitDriverUsesTheMariaDbDriverWhenConnectorJIsMissing() {
    assertThat(jdbc("mysql://u@host:3306/db")).isEqualTo("jdbc:mariadb://host:3306/db");
  }

  @ParameterizedTest
  @CsvSource({
    "jdbc:postgresql://h/db?user=x&password=y, postgresql",
    "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1, h2",
    "jdbc:mysql://h:3306/db, mysql",
    "jdbc:sqlserver://h:1433;databaseName=x, jdbc",
  })
  void rawJdbcUrlsPassThroughUnchanged(String raw, String dialect) {
    DatabaseUrl u = DatabaseUrl.parse(raw);
    Dialect d = Dialects.forUrl(u);
    assertThat(d.name()).isEqualTo(dialect);
    assertThat(d.jdbcUrl(u)).isEqualTo(raw);
  }

  @Test
  void theGenericDialectIsNotRegisteredByName() {
    assertThat(Dialects.find("jdbc")).isEmpty();
    assertThat(Dialects.all()).extracting(Dialect::name).doesNotContain("jdbc");
    assertThat(Dialects.forUrl(DatabaseUrl.parse("jdbc:foo:bar")))
        .isInstanceOf(GenericJdbcDialect.class);
  }

  @Test
  void forUrlReturnsTheRegisteredDialect() {
    DatabaseUrl u = DatabaseUrl.parse("postgres://u@h/db");
    assertThat(Dialects.forUrl(u)).isSameAs(Dialects.find("postgresql").orElseThrow());
  }

  @Test
  void sqliteRefusesAHost() {
    DatabaseUrl u = DatabaseUrl.parse("sqlite://host/x.db");
    assertThatThrownBy(() -> Dialects.forUrl(u).jdbcUrl(u))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("SQLite is embedded");
  }
}
