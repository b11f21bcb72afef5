package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the URL parser. In the normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/dev/cistern/DatabaseUrlFuzzTestInputs}; run it with {@code
 * JAZZER_FUZZ=1} to fuzz for real.
 */
class DatabaseUrlFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parseNeverThrowsAnythingButInvalidUrlException(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    DatabaseUrl url;
    try {
      url = DatabaseUrl.parse(input);
    } catch (InvalidUrlException expected) {
      assertThat(expected.getMessage()).startsWith("invalid database URL: ");
      return;
    }
    // Whatever parses renders to text that parses back to the same URL.
    assertThat(DatabaseUrl.parse(url.render(false))).isEqualTo(url);
    // toString() masks the password: changing the password does not change it.
    if (url.password().isPresent() && !url.isRawJdbc()) {
      assertThat(url.withPassword("other-secret").toString()).isEqualTo(url.toString());
    }
  }
}
