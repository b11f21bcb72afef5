package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link Engine#fromProperties} and {@link Engine#fromEnvironment}. */
class EngineConfigTest {
  private static final String URL = "h2:mem:config_test?user=sa";

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void propertiesInBothSpellings() {
    Properties p =
        props(
            "cistern.url", URL,
            "cistern.poolSize", "7",
            "cistern.max_overflow", "3",
            "cistern.close_grace", "250ms",
            "cistern.shutdownHook", "false",
            "cistern.name", "props-engine",
            "other.pool_size", "99",
            "unrelated", "x");
    try (Engine e = Engine.fromProperties(p, "cistern.")) {
      assertThat(e.option(Option.POOL_SIZE)).isEqualTo(7);
      assertThat(e.option(Option.MAX_OVERFLOW)).isEqualTo(3);
      assertThat(e.option(Option.CLOSE_GRACE)).isEqualTo(Duration.ofMillis(250));
      assertThat(e.option(Option.SHUTDOWN_HOOK)).isEqualTo(false);
      assertThat(e.name()).isEqualTo("props-engine");
    }
  }

  @Test
  void emptyPrefix() {
    try (Engine e = Engine.fromProperties(props("url", URL, "pool_size", "2"), "")) {
      assertThat(e.option(Option.POOL_SIZE)).isEqualTo(2);
    }
  }

  @Test
  void unknownKeyIsNamedWithCloseMatches() {
    Properties p = props("cistern.url", URL, "cistern.pool_sise", "7");
    assertThatThrownBy(() -> Engine.fromProperties(p, "cistern."))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("'cistern.pool_sise'")
        .hasMessageContaining("cistern.pool_size");
    Properties q = props("cistern.url", URL, "cistern.poolsize", "7");
    assertThatThrownBy(() -> Engine.fromProperties(q, "cistern."))
        .hasMessageContaining("'cistern.poolsize'")
        .hasMessageContaining("cistern.poolSize");
  }

  @Test
  void missingUrlNamesTheKey() {
    assertThatThrownBy(() -> Engine.fromProperties(props("cistern.poolSize", "3"), "cistern."))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("'cistern.url'");
  }

  @Test
  void badValueNamesTheKey() {
    Properties p = props("cistern.url", URL, "cistern.pool_size", "many");
    assertThatThrownBy(() -> Engine.fromProperties(p, "cistern."))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("cistern.pool_size")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameOptionTwiceIsAnError() {
    Properties p = props("cistern.url", URL, "cistern.pool_size", "1", "cistern.poolSize", "2");
    assertThatThrownBy(() -> Engine.fromProperties(p, "cistern."))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void environment() {
    Map<String, String> env =
        Map.of(
            "DATABASE_URL", URL,
            "CISTERN_POOL_SIZE", "10",
            "CISTERN_CLOSE_GRACE", "2s",
            "CISTERN_POOL_PRE_PING", "true",
            "CISTERN_NAME", "env-engine");
    try (Engine e = Engine.fromEnvironment(env::get)) {
      assertThat(e.option(Option.POOL_SIZE)).isEqualTo(10);
      assertThat(e.option(Option.CLOSE_GRACE)).isEqualTo(Duration.ofSeconds(2));
      assertThat(e.option(Option.POOL_PRE_PING)).isEqualTo(true);
      assertThat(e.name()).isEqualTo("env-engine");
    }
  }

  @Test
  void environmentWithoutUrl() {
    Map<String, String> env = Map.of("CISTERN_POOL_SIZE", "10");
    assertThatThrownBy(() -> Engine.fromEnvironment(env::get))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void environmentBadValue() {
    Map<String, String> env = Map.of("DATABASE_URL", URL, "CISTERN_POOL_SIZE", "ten");
    assertThatThrownBy(() -> Engine.fromEnvironment(env::get))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("CISTERN_POOL_SIZE");
  }
}
