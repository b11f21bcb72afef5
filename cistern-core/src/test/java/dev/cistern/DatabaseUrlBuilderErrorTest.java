package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseUrl.Builder} refuses what cannot make a URL, saying what is wrong and never
 * quoting a password.
 */
class DatabaseUrlBuilderErrorTest {
  /** Every URL error starts so. */
  private static final String PREFIX = "invalid database URL: ";

  @Test
  void aMissingOrUnknownDialectNamesTheKnownOnesAndAnObviousTypo() {
    assertThatThrownBy(() -> DatabaseUrl.builder(""))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith(PREFIX + "no dialect given; known dialects: ")
        .hasMessageContaining("postgresql");
    assertThatThrownBy(() -> DatabaseUrl.builder(null))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith(PREFIX + "no dialect given");
    assertThatThrownBy(() -> DatabaseUrl.builder("postgersql"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith(PREFIX + "unknown dialect 'postgersql'; known dialects: ")
        .hasMessageEndingWith("Did you mean 'postgresql'?");
    assertThatThrownBy(() -> DatabaseUrl.builder("oracle9000"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageNotContaining("Did you mean");
    assertThat(DatabaseUrl.builder("POSTGRESQL").host("db").build().dialect())
        .isEqualTo("postgresql");
  }

  @Test
  void hostsMustBeNonEmptyAndWellFormed() {
    assertThatThrownBy(() -> DatabaseUrl.builder("postgresql").host("").database("app").build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(PREFIX + "a host name must not be empty");
    assertThatThrownBy(
            () -> DatabaseUrl.builder("postgresql").host("db host").database("app").build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(PREFIX + "bad character ' ' in host 'db host'");
    assertThat(DatabaseUrl.builder("postgresql").host("::1", 5432).database("app").build())
        .hasToString("postgresql://[::1]:5432/app");
  }

  @Test
  void theJdbcDialectNeedsARawUrlAndARawUrlCarriesItsOwnCredentials() {
    assertThatThrownBy(() -> DatabaseUrl.builder("jdbc").host("db").build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith(PREFIX + "the jdbc dialect needs a raw jdbc: URL");
    assertThatThrownBy(
            () ->
                DatabaseUrl.builder("jdbc")
                    .rawJdbcUrl("jdbc:h2:mem:x")
                    .username("sa")
                    .password("hunter2-secret")
                    .build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith(PREFIX + "a raw jdbc: URL carries its own user, password and host")
        .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void queryKeysMustNotBeEmptyAndDriverNamesArePlain() {
    assertThatThrownBy(() -> DatabaseUrl.builder("postgresql").queryParameter("", "x"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(PREFIX + "a query key must not be empty");
    assertThatThrownBy(() -> DatabaseUrl.builder("postgresql").queryParameter(null, "x"))
        .isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> DatabaseUrl.builder("postgresql").driver("pg/../x"))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(PREFIX + "bad driver name 'pg/../x': use letters, digits, '_', '.' and '-'");
    assertThat(
            DatabaseUrl.builder("postgresql")
                .driver("pgjdbc")
                .host("db")
                .database("app")
                .queryParameter("sslmode", "require")
                .build())
        .hasToString("postgresql+pgjdbc://db/app?sslmode=require");
  }
}
