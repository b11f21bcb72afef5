package dev.cistern.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger for tests that keeps each call as one line, {@code "LEVEL message"}, followed by
 * its throwable's stack trace if there is one. Levels below the threshold are off, as a real
 * logger's would be, so a test also sees what is skipped when a level is disabled.
 *
 * <pre>{@code
 * RecordingLogger log = new RecordingLogger();
 * ... code under test logs to log ...
 * assertThat(log.at(Level.WARN)).singleElement().asString().contains("held for");
 * }</pre>
 */
public final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  /** The lines logged so far, in order; tests may clear it. */
  public final transient List<String> lines = new CopyOnWriteArrayList<>();

  /** The lowest level that is recorded. */
  private final Level threshold;

  /** A logger with every level on. */
  public RecordingLogger() {
    this(Level.TRACE);
  }

  /**
   * A logger with {@code threshold} and the levels above it on.
   *
   * @param threshold the lowest level that is recorded
   */
  public RecordingLogger(Level threshold) {
    this.name = "recording";
    this.threshold = threshold;
  }

  /**
   * Returns the lines logged at {@code level}.
   *
   * @param level the level to filter by
   * @return the lines logged at that level, in order
   */
  public List<String> at(Level level) {
    return lines.stream().filter(s -> s.startsWith(level + " ")).toList();
  }

  private boolean on(Level l) {
    return l.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return on(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return on(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return on(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return on(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return on(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    String line = level + " " + MessageFormatter.basicArrayFormat(pattern, args);
    if (t != null) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      line += "\n" + w;
    }
    lines.add(line);
  }
}
