package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.PoolStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final PoolStatus STATUS =
      new PoolStatus("cistern-verify-9a85e6c7", 10, 0, 3, 1, 2, 0);

  @Test
  void thePoolLineSaysWhatEachNumberIs() {
    assertThat(PoolLine.full(STATUS))
        .isEqualTo("open 3/10 (poolSize 10 + maxOverflow 0), idle 1, in use 2, waiting 0");
    assertThat(PoolLine.compact(STATUS)).isEqualTo("open 3/10, idle 1, in use 2, waiting 0");
    assertThat(PoolLine.tiny(STATUS)).isEqualTo("open 3/10, in use 2");
    PoolStatus unlimited = new PoolStatus("p", 5, -1, 7, 0, 7, 0);
    assertThat(PoolLine.full(unlimited))
        .isEqualTo("open 7 (poolSize 5 + maxOverflow unlimited), idle 0, in use 7, waiting 0");
  }

  @Test
  void theBarFitsEightyColumnsWithAShorterMessage() {
    List<String> message = PoolLine.progress(123456, STATUS);
    String line = Progress.render("workload", 420, 6000, message, 79, false);
    assertThat(line).hasSize(79);
    assertThat(line.stripTrailing())
        .isEqualTo(
            "workload   7% [=                   ] 0.4/6.0 s  123456 tx | open 3/10, in use 2");
    assertThat(line)
        .startsWith("workload   7% [")
        .contains("] 0.4/6.0 s  123456 tx | ")
        .doesNotContain("poolSize");
    String bar = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
    assertThat(bar.length()).isGreaterThanOrEqualTo(Progress.MIN_BAR);
  }

  @Test
  void theBarTakesTheFullMessageAtOneHundredSixtyColumns() {
    String line = Progress.render("workload", 3000, 6000, PoolLine.progress(99, STATUS), 159, true);
    assertThat(line).hasSize(159);
    assertThat(line.stripTrailing())
        .isEqualTo(
            "workload  50% ["
                + "\u2588".repeat(15)
                + " ".repeat(15)
                + "] 3.0/6.0 s  99 tx | open 3/10 (poolSize 10 + maxOverflow 0), idle 1, in use 2,"
                + " waiting 0");
  }

  @Test
  void aNarrowTerminalGetsTheBarAloneAndNothingLongerThanItsWidth() {
    for (int width : new int[] {1, 12, 30, 40, 60, 80, 120, 200}) {
      String line =
          Progress.render("transfers", 6000, 6000, PoolLine.progress(1, STATUS), width, false);
      assertThat(line).as("width %d", width).hasSize(width);
    }
    assertThat(Progress.render("workload", 1, 6000, List.of("1 tx"), 40, false).stripTrailing())
        .isEqualTo("workload   0% [              ] 0.0/6.0 s");
  }

  @Test
  void aZeroLengthRunIsComplete() {
    assertThat(Progress.render("workload", 0, 0, List.of(), 60, false))
        .startsWith("workload 100% [");
  }
}
