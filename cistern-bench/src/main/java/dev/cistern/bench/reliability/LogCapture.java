package dev.cistern.bench.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps the lines written to {@link System#err} while installed, passing them on: slf4j-simple (the
 * benchmarks' SLF4J binding, which both pools log through) looks up {@code System.err} at each
 * write by default, so its lines can be counted here. A log line looks like {@code [thread] WARN
 * logger.Name - message}; stack trace lines follow it.
 */
public final class LogCapture implements AutoCloseable {
  private static final int MAX_LINES = 200_000;

  private final PrintStream original;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private LogCapture() {
    original = System.err;
  }

  /** Installs a capture on {@link System#err}; {@link #close()} puts the original back. */
  public static LogCapture install() {
    LogCapture c = new LogCapture();
    System.setErr(new PrintStream(c.new Tee(), true, StandardCharsets.UTF_8));
    return c;
  }

  /** The lines written so far, from the first. */
  public synchronized int size() {
    return lines.size();
  }

  /** The lines from index {@code from} on that match. */
  public synchronized List<String> since(int from, Predicate<String> match) {
    return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
        .filter(match)
        .toList();
  }

  /** Whether a line is an slf4j-simple WARN line. */
  public static boolean isWarn(String line) {
    return line.contains(" WARN ");
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }

  private synchronized void write(byte[] b, int off, int len) {
    original.write(b, off, len);
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        if (lines.size() < MAX_LINES) {
          lines.add(pending.toString(StandardCharsets.UTF_8));
        }
        pending.reset();
      } else if (pending.size() < 4096) {
        pending.write(b[i]);
      }
    }
  }

  private final class Tee extends OutputStream {
    @Override
    public void write(int b) {
      LogCapture.this.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      LogCapture.this.write(b, off, len);
    }

    @Override
    public void flush() {
      original.flush();
    }
  }
}
