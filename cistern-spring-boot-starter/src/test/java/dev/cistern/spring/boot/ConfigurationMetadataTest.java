package dev.cistern.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata written by spring-boot-configuration-processor: IDEs complete {@code
 * spring.datasource.cistern.*} from it.
 */
class ConfigurationMetadataTest {
  private static String metadata() throws IOException {
    try (InputStream in =
        ConfigurationMetadataTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated at compile time").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String kebab(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  @Test
  void everyOptionIsListedUnderSpringDatasourceCistern() throws IOException {
    String json = metadata().replaceAll("\\s+", "");
    assertThat(json)
        .contains("\"name\":\"spring.datasource.cistern\"")
        .contains("\"name\":\"spring.datasource.cistern.pool-size\",\"type\":\"java.lang.Integer\"")
        .contains(
            "\"name\":\"spring.datasource.cistern.statement-timeout\",\"type\":\"java.time.Duration\"");
    for (Option<?> o : Option.values()) {
      assertThat(json).as(o.key()).contains("\"spring.datasource.cistern." + kebab(o.key()) + "\"");
    }
  }
}
