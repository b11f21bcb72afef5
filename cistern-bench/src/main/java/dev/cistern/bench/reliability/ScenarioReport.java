package dev.cistern.bench.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one scenario measured: a value per database, target and metric (the metrics in the order
 * they were declared), the goals met or not, the settings used, notes and Markdown details (a table
 * of cases). Written as {@code reliability-<name>.csv} ({@value #HEADER}) and rendered as a section
 * of docs/RELIABILITY.md by {@link ReliabilityDoc}. Thread-safe.
 */
public final class ScenarioReport {
  /** The header line of every scenario CSV. */
  public static final String HEADER = "scenario,database,target,metric,value,unit";

  /**
   * A measured quantity.
   *
   * @param key the CSV name
   * @param label the table's row label
   * @param unit the unit, empty for a count
   */
  public record Metric(String key, String label, String unit) {}

  /**
   * A goal checked on one database and target.
   *
   * @param text what is required, e.g. {@code 0 partial commits}
   * @param database where
   * @param target which pool
   * @param met whether it was met
   * @param measured the measured value, as text
   */
  public record Goal(String text, Database database, Target target, boolean met, String measured) {}

  private final Scenario scenario;
  private final String mode;
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, Double> values = new LinkedHashMap<>();
  private final List<Goal> goals = new ArrayList<>();
  private final List<String> settings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** An empty report of {@code scenario} in {@code mode} ({@code quick} or {@code full}). */
  public ScenarioReport(Scenario scenario, String mode) {
    this.scenario = scenario;
    this.mode = mode;
  }

  /** The scenario reported on. */
  public Scenario scenario() {
    return scenario;
  }

  /** {@code quick} or {@code full}. */
  public String mode() {
    return mode;
  }

  /** Declares a metric (once; rows of the table keep this order). */
  public synchronized void metric(String key, String label, String unit) {
    metrics.putIfAbsent(key, new Metric(key, label, unit));
  }

  /** Records a value of a declared metric. */
  public synchronized void put(Database db, Target t, String key, double value) {
    if (!metrics.containsKey(key)) {
      throw new IllegalArgumentException("undeclared metric " + key);
    }
    values.put(db + "|" + t + "|" + key, value);
  }

  /** The value recorded, if any. */
  public synchronized OptionalDouble value(Database db, Target t, String key) {
    Double v = values.get(db + "|" + t + "|" + key);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** Records whether a goal was met. */
  public synchronized void goal(String text, Database db, Target t, boolean met, String measured) {
    goals.add(new Goal(text, db, t, met, measured));
  }

  /** Adds a line to the settings (once). */
  public synchronized void setting(String line) {
    if (!settings.contains(line)) {
      settings.add(line);
    }
  }

  /** Adds an observation (once). */
  public synchronized void note(String line) {
    if (!notes.contains(line)) {
      notes.add(line);
    }
  }

  /** Adds a block of Markdown (e.g. a table of cases) shown after the goals. */
  public synchronized void detail(String markdown) {
    details.add(markdown);
  }

  /** Records that part of the run failed or was skipped, with why. */
  public synchronized void failure(String line) {
    failures.add(line);
  }

  /** The declared metrics, in order. */
  public synchronized List<Metric> metrics() {
    return List.copyOf(metrics.values());
  }

  /** The goals checked, in order. */
  public synchronized List<Goal> goals() {
    return List.copyOf(goals);
  }

  /** The goals not met. */
  public synchronized List<Goal> unmet() {
    return goals.stream().filter(g -> !g.met()).toList();
  }

  /** The settings lines. */
  public synchronized List<String> settings() {
    return List.copyOf(settings);
  }

  /** The notes. */
  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** The Markdown blocks added by {@link #detail}. */
  public synchronized List<String> details() {
    return List.copyOf(details);
  }

  /** Failed or skipped parts. */
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Writes {@code dir/reliability-<name>.csv} and returns its path. */
  public synchronized Path writeCsv(Path dir) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    values.forEach(
        (k, v) -> {
          String[] p = k.split("\\|");
          sb.append(scenario.name())
              .append(',')
              .append(p[0])
              .append(',')
              .append(p[1])
              .append(',')
              .append(p[2])
              .append(',')
              .append(format(v))
              .append(',')
              .append(metrics.get(p[2]).unit())
              .append('\n');
        });
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("reliability-" + scenario.name() + ".csv");
      Files.writeString(file, sb, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A number as the tables show it: an integer without decimals, else one decimal. */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
