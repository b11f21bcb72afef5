package dev.cistern.internal.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger keeping "LEVEL message" lines, each followed by its throwable's stack if any. */
final class LeakLogRecorder extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  final transient List<String> lines = new CopyOnWriteArrayList<>();

  LeakLogRecorder() {
    this.name = "recording";
  }

  List<String> at(Level l) {
    return lines.stream().filter(s -> s.startsWith(l + " ")).toList();
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
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
