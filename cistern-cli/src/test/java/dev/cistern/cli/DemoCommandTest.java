package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoRunsOnEmbeddedH2AndVerifiesNoSessionRemains() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo");
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("3 rows in stock, 60 items")
        .contains("server sessions while connected: 1")
        .endsWith("verified: 0 sessions remain on the server" + System.lineSeparator());
  }

  @Test
  void unknownSubcommandExitsNonZeroWithUsage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "nonsense");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("Unmatched argument").contains("nonsense");
  }
}
