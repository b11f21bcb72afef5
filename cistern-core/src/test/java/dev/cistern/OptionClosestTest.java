package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "did you mean" hint for a mistyped option name, shared by the CLI and configuration. */
class OptionClosestTest {
  @Test
  void aLikelyTypoNamesTheOptionMeant() {
    assertThat(Option.closest("pool_siz")).contains(Option.POOL_SIZE);
    assertThat(Option.closest("poolsize")).contains(Option.POOL_SIZE);
    assertThat(Option.closest("POOL_TIMOUT")).contains(Option.POOL_TIMEOUT);
    assertThat(Option.closest("maxOverflw")).contains(Option.MAX_OVERFLOW);
  }

  @Test
  void aNameFarFromEveryOptionGetsNoHint() {
    assertThat(Option.closest("frobnicate")).isEmpty();
    assertThat(Option.closest("x")).isEmpty();
  }
}
