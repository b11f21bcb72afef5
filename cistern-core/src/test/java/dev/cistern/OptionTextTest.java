package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Option values as text, the way a URL, a properties file or the environment gives them: what is
 * refused (naming the option and the value) and how durations below a millisecond are read and
 * written back.
 */
class OptionTextTest {

  @Test
  void aMissingEmptyOrOutOfRangeValueIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> Option.POOL_SIZE.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize needs a value, was none");
    assertThatThrownBy(() -> Option.NAME.parse("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be empty, was ''");
    assertThatThrownBy(() -> Option.POOL_SIZE.parse("99999999999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be at most 2147483647, was '99999999999' (0 means no limit)");
    assertThat(Option.POOL_SIZE.parse(" 12 ")).isEqualTo(12);
    assertThat(Option.NAME.parse(" orders ")).isEqualTo("orders");
  }

  @Test
  void nanosecondAndMicrosecondDurationsAreReadAndWrittenBackInTheirUnit() {
    assertThat(Option.POOL_TIMEOUT.parse("250ns")).isEqualTo(Duration.ofNanos(250));
    assertThat(Option.POOL_TIMEOUT.parse("7us")).isEqualTo(Duration.ofNanos(7_000));

    DatabaseUrl url =
        DatabaseUrl.builder("h2")
            .database("mem:options")
            .option(Option.POOL_TIMEOUT, Duration.ofNanos(1_500))
            .option(Option.STATEMENT_TIMEOUT, Duration.ofNanos(7_000))
            .build();
    assertThat(url.toString()).contains("poolTimeout=1500ns").contains("statementTimeout=7us");
    DatabaseUrl again = DatabaseUrl.parse(url.toString());
    assertThat(again.options())
        .containsEntry(Option.POOL_TIMEOUT, Duration.ofNanos(1_500))
        .containsEntry(Option.STATEMENT_TIMEOUT, Duration.ofNanos(7_000));
  }
}
