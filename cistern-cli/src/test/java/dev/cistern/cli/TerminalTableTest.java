package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code cistern sql} in a real terminal (a detached tmux session) and reads the screen. */
class TerminalTableTest {

  @Test
  void sqlRendersAnAlignedTableInATerminal(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("tmux"), "tmux is not installed");
    String socket = "cistern-test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    Path script = dir.resolve("run.sh");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        script,
        "'"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' dev.cistern.cli.Main"
            + " sql h2:mem:tty \"select 1 as a, 'hello' as b union all select 22, 'hi'\"\n"
            + "echo \"__EXIT $?__\"\nsleep 60\n",
        StandardCharsets.UTF_8);
    try {
      run("tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "40", "bash " + script);
      String screen =
          Awaitility.await("the command to finish in the terminal")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> run("tmux", "-L", socket, "capture-pane", "-p"), t -> t.contains("__EXIT"));
      assertThat(screen).contains("__EXIT 0__");
      List<String> lines = screen.lines().map(String::stripTrailing).toList();
      int header = lines.indexOf(" A  | B");
      assertThat(header).as(screen).isNotNegative();
      assertThat(lines.subList(header, header + 4))
          .containsExactly(" A  | B", "----+------", "  1 | hello", " 22 | hi");
      assertThat(lines.get(header + 4)).matches("\\(2 rows, \\d+ ms\\)");
    } finally {
      new ProcessBuilder("tmux", "-L", socket, "kill-server")
          .redirectErrorStream(true)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }
}
