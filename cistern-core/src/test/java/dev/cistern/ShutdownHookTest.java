package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.stub.StubDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM shutdown hook closes the engines still open when the JVM exits. */
class ShutdownHookTest {

  /** The child JVM: opens engines, leaves them open and exits. */
  public static void main(String[] args) {
    StubDriver.register();
    Engine hooked = Engine.builder(StubDriver.url("hook_on")).name("hooked-engine").build();
    hooked.connect().close();
    Engine unhooked =
        Engine.builder(StubDriver.url("hook_off"))
            .name("unhooked-engine")
            .option(Option.SHUTDOWN_HOOK, false)
            .build();
    unhooked.connect().close();
    System.out.println("engines open: " + hooked.isClosed() + " " + unhooked.isClosed());
    System.exit(0);
  }

  @Test
  void openEnginesAreClosedAtExit() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ShutdownHookTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out)
        .contains("engines open: false false")
        .contains("at JVM exit: engine 'hooked-engine' closed: 1 idle")
        .doesNotContain("unhooked-engine");
    assertThat(p.exitValue()).isZero();
  }
}
