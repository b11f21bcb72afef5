package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.docs.OptionDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's options table is generated from {@link Option}. This test fails when they differ;
 * run it with {@code -Dcistern.updateDocs=true} to rewrite the table.
 */
class ReadmeOptionsTableTest {
  private static final String START =
      "<!-- options:start (generated from Option; do not edit) -->\n";
  private static final String END = "<!-- options:end -->";

  @Test
  void readmeTableMatchesTheOptionEnum() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int s = text.indexOf(START);
    int e = text.indexOf(END);
    assertThat(s).as("README.md has the options table markers").isGreaterThanOrEqualTo(0);
    assertThat(e).isGreaterThan(s);
    String current = text.substring(s + START.length(), e);
    String wanted = OptionDocs.markdownTable();
    if (Boolean.getBoolean("cistern.updateDocs") && !current.equals(wanted)) {
      Files.writeString(
          readme,
          text.substring(0, s + START.length()) + wanted + text.substring(e),
          StandardCharsets.UTF_8);
      current = wanted;
    }
    assertThat(current)
        .as("README options table; regenerate with -Dcistern.updateDocs=true")
        .isEqualTo(wanted);
  }
}
