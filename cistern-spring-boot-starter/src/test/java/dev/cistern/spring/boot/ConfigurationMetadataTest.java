package dev.cistern.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** The committed file that gives each property its description and default. */
  private static final Path ADDITIONAL =
      Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

  /**
   * The descriptions and defaults come from the one option table: this test writes the file with
   * {@code -Dcistern.updateDocs=true} and otherwise fails when it differs from the table.
   */
  @Test
  void theDescriptionsAndDefaultsAreTheOptionTables() throws IOException {
    String expected = additionalMetadata();
    if (Boolean.getBoolean("cistern.updateDocs")) {
      Files.writeString(ADDITIONAL, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(ADDITIONAL, StandardCharsets.UTF_8))
        .as("%s; regenerate with -Dcistern.updateDocs=true", ADDITIONAL)
        .isEqualTo(expected);
    String generated = metadata().replaceAll("\\s+", " ");
    assertThat(generated)
        .as("the processor merged the descriptions")
        .contains(json(Option.POOL_SIZE.description()).replaceAll("\\s+", " "));
  }

  static String additionalMetadata() {
    StringBuilder b = new StringBuilder("{\n  \"properties\": [\n");
    boolean first = true;
    for (Option<?> o : Option.values()) {
      if (!first) {
        b.append(",\n");
      }
      first = false;
      b.append("    {\n      \"name\": \"spring.datasource.cistern.")
          .append(kebab(o.key()))
          .append("\",\n      \"type\": \"")
          .append(o.type().getName())
          .append("\",\n      \"description\": \"")
          .append(json(o.description()))
          .append('"');
      Object d = o.defaultValue();
      if (d != null) {
        b.append(",\n      \"defaultValue\": ");
        if (d instanceof Number || d instanceof Boolean) {
          b.append(d);
        } else {
          b.append('"').append(json(text(d))).append('"');
        }
      }
      b.append("\n    }");
    }
    return b.append("\n  ]\n}\n").toString();
  }

  private static String text(Object d) {
    if (d instanceof Duration duration) {
      long ms = duration.toMillis();
      return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
    return d.toString();
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
