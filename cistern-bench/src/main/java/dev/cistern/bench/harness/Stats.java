package dev.cistern.bench.harness;

import java.util.Arrays;

/** Percentiles of a sample of numbers (nearest rank). */
public final class Stats {
  private Stats() {}

  /** Returns the {@code p}-th percentile (0 to 100) of {@code values}, 0 if there are none. */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Returns the largest value, 0 if there are none. */
  public static double max(double[] values) {
    return values.length == 0 ? 0 : Arrays.stream(values).max().getAsDouble();
  }

  /** Nanoseconds to milliseconds. */
  public static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
