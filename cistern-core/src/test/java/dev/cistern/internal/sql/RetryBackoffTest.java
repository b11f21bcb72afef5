package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The transaction retry back-off saturates instead of overflowing (issue 13, defect 3). */
class RetryBackoffTest {
  @Test
  void aHugeBackoffDoublesWithoutOverflow() {
    for (Duration d : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofDays(36_500)}) {
      for (int i : new int[] {0, 1, 16, 100}) {
        assertThat(Retry.delayMillis(d, i)).isPositive(); // was: ArithmeticException or negative
      }
    }
    assertThat(Retry.delayMillis(Duration.ofHours(1), 16)).isPositive();
  }
}
