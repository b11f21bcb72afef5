package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.ResetOnReturn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link PoolConfig} and {@link PoolHealth} refuse bad values, naming the value. */
class PoolSettingsValidationTest {
  private static PoolConfig config(int size, int overflow, Duration timeout, int minIdle) {
    return new PoolConfig(
        "v", size, overflow, timeout, minIdle, PoolConfig.Order.FIFO, ResetOnReturn.ROLLBACK);
  }

  private static PoolHealth health(Duration validation, Duration recycle, int maxUses) {
    return new PoolHealth(false, validation, recycle, Duration.ZERO, Duration.ZERO, maxUses);
  }

  @Test
  void configRefusesNegativeSizesTimeoutsAndAMinIdleAboveTheSize() {
    assertThatThrownBy(() -> config(-1, 0, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be >= 0, was -1");
    assertThatThrownBy(() -> config(5, -2, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOverflow must be >= -1, was -2");
    assertThatThrownBy(() -> config(5, 0, Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolTimeout must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> config(5, 0, Duration.ZERO, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minIdle must be between 0 and poolSize (5), was 6");
    assertThatThrownBy(() -> config(5, 0, Duration.ZERO, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minIdle must be between 0 and poolSize (5), was -1");
  }

  @Test
  void configAcceptsTheEdgesAndKnowsItsLargestSize() {
    assertThat(config(5, 3, Duration.ZERO, 5).maxSize()).isEqualTo(8);
    assertThat(config(5, -1, Duration.ZERO, 0).maxSize())
        .as("unbounded overflow")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(config(0, 0, Duration.ZERO, 3).maxSize())
        .as("no size: no limit")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(config(5, 0, Duration.ofDays(365 * 1000), 0).poolTimeout())
        .as("saturated, not overflowing")
        .isPositive();
    assertThat(config(5, 0, Duration.ZERO, 0).health()).isEqualTo(PoolHealth.DEFAULT);
  }

  @Test
  void healthRefusesAZeroValidationTimeoutNegativeDurationsAndNegativeMaxUses() {
    assertThatThrownBy(() -> health(Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validationTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> health(Duration.ofSeconds(-1), Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validationTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> health(Duration.ofSeconds(1), Duration.ofSeconds(-2), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("durations must not be negative, was PT-2S");
    assertThatThrownBy(() -> health(Duration.ofSeconds(1), Duration.ZERO, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxUses must be >= 0, was -1");
    assertThat(health(Duration.ofSeconds(1), Duration.ofDays(365 * 1000), 0).recycle())
        .isPositive();
  }
}
