package dev.cistern.internal.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps "LEVEL message" lines, everything enabled but what is switched off.
 */
final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  final transient List<String> lines = new CopyOnWriteArrayList<>();
  private final Level threshold;

  RecordingLogger(Level threshold) {
    this.name = "recording";
    this.threshold = threshold;
  }

  private boolean on(Level l) {
    return l.toInt() >= threshold.toInt();
  }

  List<String> at(Level l) {
    return lines.stream().filter(s -> s.startsWith(l + " ")).toList();
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
    lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
  }
}
