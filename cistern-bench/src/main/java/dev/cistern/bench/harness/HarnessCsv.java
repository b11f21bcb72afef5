package dev.cistern.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The rows one harness measured, written as {@code harness-<name>.csv} with the header {@value
 * #HEADER}: one row per number, e.g. {@code dispose-stub,cistern,close_ms_p50,1.2,ms}.
 */
public final class HarnessCsv {
  /** The header line of every harness CSV. */
  public static final String HEADER = "benchmark,pool,metric,value,unit";

  private final String name;
  private final List<String[]> rows = new ArrayList<>();

  /** Starts an empty table for the harness called {@code name}. */
  public HarnessCsv(String name) {
    this.name = name;
  }

  /** The harness name, as in the file name. */
  public String name() {
    return name;
  }

  /** Adds one measured number. */
  public synchronized void add(
      String benchmark, String pool, String metric, double value, String unit) {
    rows.add(new String[] {benchmark, pool, metric, format(value), unit});
  }

  /** Returns the value of a row, if present. */
  public synchronized OptionalDouble value(String benchmark, String pool, String metric) {
    for (String[] r : rows) {
      if (r[0].equals(benchmark) && r[1].equals(pool) && r[2].equals(metric)) {
        return OptionalDouble.of(Double.parseDouble(r[3]));
      }
    }
    return OptionalDouble.empty();
  }

  /** The number of rows. */
  public synchronized int size() {
    return rows.size();
  }

  /** Writes {@code dir/harness-<name>.csv} (creating {@code dir}) and returns its path. */
  public synchronized Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("harness-" + name + ".csv");
      StringBuilder sb = new StringBuilder(HEADER).append('\n');
      for (String[] r : rows) {
        sb.append(String.join(",", r)).append('\n');
      }
      Files.writeString(file, sb, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
