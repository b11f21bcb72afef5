package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl.Host;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlBuildTest {

  @Test
  void ofTakesRawPartsAndEscapesThemWhenRendering() {
    DatabaseUrl u = DatabaseUrl.of("postgresql", "app", "p@ss/w?rd#1", "db", 5432, "shop floor");
    assertThat(u.password()).contains("p@ss/w?rd#1");
    assertThat(u.render(false))
        .isEqualTo("postgresql://app:p%40ss%2Fw%3Frd%231@db:5432/shop%20floor");
    assertThat(DatabaseUrl.parse(u.render(false))).isEqualTo(u);
  }

  @Test
  void withMethodsReturnModifiedCopiesAndLeaveTheOriginal() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://app:pw@db/shop");
    DatabaseUrl v =
        u.withUsername("other")
            .withPassword("")
            .withHost("replica", 6432)
            .withDatabase("orders")
            .withDriver("pgjdbc")
            .withQueryParameter("sslmode", "require")
            .withOption(Option.POOL_SIZE, 20);
    assertThat(v.render(false))
        .isEqualTo("postgresql+pgjdbc://other:@replica:6432/orders?sslmode=require&poolSize=20");
    assertThat(u.render(false)).isEqualTo("postgresql://app:pw@db/shop");
    assertThat(v.withoutQueryParameter("sslmode").query()).containsOnlyKeys("poolSize");
    assertThat(v.withPassword(null).password()).isEmpty();
  }

  @Test
  void builderOptionsAreTypedAndFormatted() {
    DatabaseUrl u =
        DatabaseUrl.builder("postgres")
            .host("h")
            .database("d")
            .option(Option.POOL_TIMEOUT, Duration.ofMillis(1500))
            .option(Option.POOL_CLASS, PoolClass.STATIC)
            .build();
    assertThat(u.dialect()).isEqualTo("postgresql");
    assertThat(u.render(false)).isEqualTo("postgresql://h/d?poolTimeout=1500ms&poolClass=STATIC");
    assertThat(u.option(Option.POOL_TIMEOUT)).contains(Duration.ofMillis(1500));
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"}) // a raw-typed caller, on purpose
  void builderRejectsBadOptionValuesNamingThem() {
    assertThatThrownBy(
            () -> DatabaseUrl.builder("h2").database("mem:x").option(Option.POOL_SIZE, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be >= 0, was -3");
    // option(Option.POOL_SIZE, "7") does not compile; a raw-typed caller still gets a clear error
    Option raw = Option.POOL_SIZE;
    assertThatThrownBy(() -> DatabaseUrl.builder("h2").database("mem:x").option(raw, "7"))
        .hasMessageContaining("poolSize takes a Integer, was a String");
  }

  @Test
  void equalsAndHashCodeFollowTheParts() {
    DatabaseUrl a = DatabaseUrl.parse("mysql://u:p@h:3306/d?x=1");
    DatabaseUrl b = DatabaseUrl.of("mysql", "u", "p", "h", 3306, "d").withQueryParameter("x", "1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.withPassword("q"));
    assertThat(a).isNotEqualTo(a.withHost("h", 3307));
    assertThat(Map.of(a, 1)).containsKey(b);
  }

  @Test
  void hostRecordChecksItsPort() {
    assertThat(new Host("h", 1).hasPort()).isTrue();
    assertThat(new Host("h", Host.NO_PORT).hasPort()).isFalse();
    assertThatThrownBy(() -> new Host("h", 70000))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void rawJdbcUrlsCannotTakeSeparateCredentials() {
    DatabaseUrl raw = DatabaseUrl.parse("jdbc:h2:mem:x");
    assertThatThrownBy(() -> raw.withUsername("sa"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("put them inside the jdbc: URL");
  }

  @Test
  void fromEnvironmentReadsDatabaseUrl() {
    assertThat(
            DatabaseUrl.fromEnvironment(Map.of("DATABASE_URL", "postgres://u@h/d")::get).dialect())
        .isEqualTo("postgresql");
    assertThatThrownBy(() -> DatabaseUrl.fromEnvironment(k -> null))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("DATABASE_URL is not set");
  }

  @Test
  void everyOptionHasADescriptionAndBothSpellings() {
    for (Option<?> o : Option.values()) {
      assertThat(o.description()).as(o.key()).isNotBlank();
      assertThat(Option.byName(o.key())).contains(o);
      assertThat(o.environmentVariable()).startsWith("CISTERN_").matches("[A-Z_]+");
      if (o.defaultValue() != null) {
        assertThat(o.type()).isInstanceOf(Class.class);
        assertThat(o.parse(o.defaultText().isEmpty() ? "x" : o.defaultText()))
            .isEqualTo(o.defaultValue());
      }
    }
    assertThat(Option.byName("pool_size")).contains(Option.POOL_SIZE);
    assertThat(Option.byName("logging_name")).contains(Option.NAME);
    assertThat(Option.POOL_SIZE.environmentVariable()).isEqualTo("CISTERN_POOL_SIZE");
  }
}
