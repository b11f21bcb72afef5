package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code cistern verify} on a real terminal, a detached tmux pane of 80 and of 160 columns,
 * and checks what the pane shows while and after the progress bar runs: no line wider than the
 * pane, and the bar one unbroken line. Skipped without tmux, except under {@code CI=true}, where a
 * missing tmux fails.
 */
@Tag("tmux")
class ProgressInTmuxTest {
  private static final Pattern BAR =
      Pattern.compile(
          "workload +\\d{1,3}% \\[[=\u2588 ]{10,30}\\] \\d+\\.\\d/2\\.0 s( {2}\\d+ tx.*)? *");

  @ParameterizedTest
  @ValueSource(ints = {80, 160})
  void theProgressBarFitsTheTerminal(int width, @TempDir Path dir) throws Exception {
    boolean tmux = tmuxAvailable();
    if (!tmux && "true".equals(System.getenv("CI"))) {
      fail("tmux is missing, and CI=true: install it (apt-get install tmux)");
    }
    assumeTrue(tmux, "needs tmux (apt-get install tmux)");
    // a server of its own (-S, a socket in a temporary directory): only this test's session
    // lives there, and only it is killed
    String socket = dir.resolve("tmux").toString();
    String name =
        "cistern-progress-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // as ./cistern runs the jar: java with the CLI's class path, on the pane's terminal
    String command =
        quote(java)
            + " -cp "
            + quote(System.getProperty("java.class.path"))
            + " dev.cistern.cli.Main verify h2:mem:tmux_"
            + width
            + " --seconds 2; echo CISTERN-EXIT-$?; sleep 120";
    List<String> joined = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    run("-S", socket, "new-session", "-d", "-s", name, "-x", "" + width, "-y", "40", command);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(150))
          .until(
              () -> {
                shown.add(run("-S", socket, "capture-pane", "-p", "-t", name));
                String j = run("-S", socket, "capture-pane", "-p", "-J", "-t", name);
                joined.add(j);
                return j.contains("CISTERN-EXIT-");
              });
    } finally {
      run("-S", socket, "kill-session", "-t", name);
    }
    String last = joined.get(joined.size() - 1);
    assertThat(last).as(last).contains("CISTERN-EXIT-0").contains("verified: 0 sessions remain");
    for (String capture : shown) {
      assertThat(capture.lines()).as(capture).allMatch(l -> l.length() <= width);
    }
    int barsSeen = 0;
    for (String capture : joined) {
      List<String> bars =
          capture
              .lines()
              .filter(l -> l.contains("workload "))
              .filter(l -> !l.startsWith("  workload:"))
              .toList();
      assertThat(bars)
          .as("one progress line, unbroken, in:%n%s", capture)
          .hasSizeLessThanOrEqualTo(1);
      for (String bar : bars) {
        barsSeen++;
        assertThat(bar).as(capture).hasSizeLessThanOrEqualTo(width).matches(BAR);
      }
    }
    assertThat(barsSeen).isPositive();
    String finalBar =
        last.lines().filter(l -> l.startsWith("workload 100%")).findFirst().orElseThrow();
    assertThat(finalBar).contains(" tx | open 10/10");
    if (width >= 160) {
      assertThat(finalBar).contains("(poolSize 10 + maxOverflow 0), idle 10, in use 0, waiting 0");
    }
  }

  private static boolean tmuxAvailable() {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("tmux");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("tmux did not answer: " + cmd);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
