package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl.Host;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlParseTest {

  @Test
  void parsesEveryPartOfAFullUrl() {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "postgresql+pgjdbc://app:s3cret@db.example.com:6432/shop?sslmode=require");
    assertThat(u.dialect()).isEqualTo("postgresql");
    assertThat(u.driver()).contains("pgjdbc");
    assertThat(u.username()).contains("app");
    assertThat(u.password()).contains("s3cret");
    assertThat(u.hosts()).containsExactly(new Host("db.example.com", 6432));
    assertThat(u.host()).contains("db.example.com");
    assertThat(u.port()).contains(6432);
    assertThat(u.database()).contains("shop");
    assertThat(u.query()).isEqualTo(Map.of("sslmode", List.of("require")));
    assertThat(u.driverProperties()).isEqualTo(Map.of("sslmode", "require"));
    assertThat(u.options()).isEmpty();
    assertThat(u.isRawJdbc()).isFalse();
  }

  @Test
  void postgresAliasIsThePostgresqlDialect() {
    assertThat(DatabaseUrl.parse("postgres://u@h/d").dialect()).isEqualTo("postgresql");
    assertThat(DatabaseUrl.parse("postgres://u@h/d"))
        .isEqualTo(DatabaseUrl.parse("postgresql://u@h/d"));
  }

  @Test
  void percentDecodesUserPasswordAndDatabase() {
    DatabaseUrl u = DatabaseUrl.parse("mysql://j%C3%BCrgen:p%40ss%2Fw%3Ard%25@h/my%20db");
    assertThat(u.username()).contains("jürgen");
    assertThat(u.password()).contains("p@ss/w:rd%");
    assertThat(u.database()).contains("my db");
  }

  @Test
  void emptyPasswordAndNoPasswordAreDistinct() {
    DatabaseUrl empty = DatabaseUrl.parse("postgresql://u:@h/d");
    DatabaseUrl none = DatabaseUrl.parse("postgresql://u@h/d");
    assertThat(empty.password()).contains("");
    assertThat(none.password()).isEmpty();
    assertThat(empty).isNotEqualTo(none);
    assertThat(empty.render(false)).isEqualTo("postgresql://u:@h/d");
    assertThat(none.render(false)).isEqualTo("postgresql://u@h/d");
  }

  @Test
  void ipv6HostsInBrackets() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://u@[::1]:5433/d");
    assertThat(u.hosts()).containsExactly(new Host("::1", 5433));
    assertThat(DatabaseUrl.parse("postgresql://[fe80::1%25eth0]/d").host())
        .contains("fe80::1%25eth0");
    assertThat(u.render(false)).isEqualTo("postgresql://u@[::1]:5433/d");
  }

  @Test
  void severalHosts() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://u@host1:5432,host2:5433,[::1],host4/d");
    assertThat(u.hosts())
        .containsExactly(
            new Host("host1", 5432),
            new Host("host2", 5433),
            new Host("::1", Host.NO_PORT),
            new Host("host4", Host.NO_PORT));
  }

  @Test
  void repeatedQueryKeysKeepEveryValueInOrder() {
    DatabaseUrl u = DatabaseUrl.parse("mariadb://h/d?tag=a&tag=b&x=&tag=c");
    assertThat(u.query().get("tag")).containsExactly("a", "b", "c");
    assertThat(u.query().get("x")).containsExactly("");
    assertThat(u.driverProperties()).containsEntry("tag", "a,b,c").containsEntry("x", "");
  }

  @Test
  void engineOptionsAreRecognisedAndTypedUnderBothSpellings() {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "postgresql://h/d?poolSize=7&max_overflow=-1&poolTimeout=500ms&pool_recycle=3600"
                + "&poolPrePing=true&poolResetOnReturn=commit&isolationLevel=serializable&ssl=true");
    assertThat(u.option(Option.POOL_SIZE)).contains(7);
    assertThat(u.option(Option.MAX_OVERFLOW)).contains(-1);
    assertThat(u.option(Option.POOL_TIMEOUT)).contains(Duration.ofMillis(500));
    assertThat(u.option(Option.POOL_RECYCLE)).contains(Duration.ofHours(1));
    assertThat(u.option(Option.POOL_PRE_PING)).contains(true);
    assertThat(u.option(Option.POOL_RESET_ON_RETURN)).contains(ResetOnReturn.COMMIT);
    assertThat(u.option(Option.ISOLATION_LEVEL)).contains(IsolationLevel.SERIALIZABLE);
    assertThat(u.driverProperties()).containsOnlyKeys("ssl");
  }

  @Test
  void durationsInEveryForm() {
    assertThat(Option.POOL_TIMEOUT.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Option.POOL_TIMEOUT.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Option.POOL_TIMEOUT.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Option.POOL_TIMEOUT.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Option.POOL_TIMEOUT.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Option.POOL_TIMEOUT.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
    assertThat(Option.POOL_RECYCLE.parse("-1")).isEqualTo(Duration.ZERO);
  }

  @Test
  void sameOptionTwiceWithTheSameValueIsFine() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://h/d?poolSize=3&pool_size=3");
    assertThat(u.option(Option.POOL_SIZE)).contains(3);
  }

  @Test
  void sqliteForms() {
    assertThat(DatabaseUrl.parse("sqlite:///relative.db").database()).contains("relative.db");
    assertThat(DatabaseUrl.parse("sqlite:////var/data/abs.db").database())
        .contains("/var/data/abs.db");
    DatabaseUrl memory = DatabaseUrl.parse("sqlite://");
    assertThat(memory.database()).isEmpty();
    assertThat(memory.hosts()).isEmpty();
    assertThat(DatabaseUrl.parse("sqlite:////var/data/abs.db").render(false))
        .isEqualTo("sqlite:////var/data/abs.db");
  }

  @Test
  void h2AndHsqldbOpaqueFormsTakeCredentialsFromTheQuery() {
    DatabaseUrl u = DatabaseUrl.parse("h2:mem:orders?user=sa&password=pw&MODE=PostgreSQL");
    assertThat(u.database()).contains("mem:orders");
    assertThat(u.username()).contains("sa");
    assertThat(u.password()).contains("pw");
    assertThat(u.query()).containsOnlyKeys("MODE");
    assertThat(u.render(false)).isEqualTo("h2:mem:orders?user=sa&password=pw&MODE=PostgreSQL");
    assertThat(u.toString()).isEqualTo("h2:mem:orders?user=sa&password=***&MODE=PostgreSQL");
    assertThat(DatabaseUrl.parse("h2:file:/data/app").database()).contains("file:/data/app");
    assertThat(DatabaseUrl.parse("h2://sa@localhost:9092/~/app").hosts())
        .containsExactly(new Host("localhost", 9092));
    assertThat(DatabaseUrl.parse("hsqldb:mem:t").database()).contains("mem:t");
  }

  @Test
  void rawJdbcUrlsPassThrough() {
    DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h:5432/d?user=a&password=secret");
    assertThat(u.isRawJdbc()).isTrue();
    assertThat(u.dialect()).isEqualTo("postgresql");
    assertThat(u.rawJdbcUrl()).contains("jdbc:postgresql://h:5432/d?user=a&password=secret");
    assertThat(u.toString()).isEqualTo("jdbc:postgresql://h:5432/d?user=a&password=***");
    assertThat(DatabaseUrl.parse("jdbc:oracle:thin:@h:1521/x").dialect()).isEqualTo("jdbc");
  }

  @Test
  void toStringMasksThePassword() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://app:secret@db/shop");
    assertThat(u.toString()).isEqualTo("postgresql://app:***@db/shop");
    assertThat(u.render(true)).isEqualTo("postgresql://app:***@db/shop");
    assertThat(u.render(false)).isEqualTo("postgresql://app:secret@db/shop");
  }

  @Test
  void whitespaceAroundTheUrlIsIgnored() {
    assertThat(DatabaseUrl.parse("  postgresql://h/d\n"))
        .isEqualTo(DatabaseUrl.parse("postgresql://h/d"));
  }
}
