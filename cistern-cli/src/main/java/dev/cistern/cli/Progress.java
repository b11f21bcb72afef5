package dev.cistern.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Shows how a timed workload goes: a progress bar with the live pool status on a terminal, else a
 * plain line about once a second.
 *
 * <p>The bar fits the terminal's width: it takes the longest form of the message that leaves room
 * for a bar, and pads the line so a shorter one overwrites a longer. While it runs, whatever else
 * is written to standard error (log lines) is held back and printed after the bar ends, so that no
 * log line breaks into the bar.
 */
abstract class Progress implements AutoCloseable {
  /** The narrowest bar worth drawing; a message gives way to keep at least this much. */
  static final int MIN_BAR = 10;

  /** The widest bar drawn; the rest of a wide terminal goes to the message. */
  static final int MAX_BAR = 30;

  /**
   * Reports that {@code elapsedMillis} of the run passed; {@code message} says what is going on, in
   * forms from the longest (used for plain lines) to the shortest.
   */
  abstract void update(long elapsedMillis, List<String> message);

  @Override
  public abstract void close();

  /** A progress bar on a terminal (unless {@code plain}), plain lines otherwise. */
  static Progress of(Cli cli, PrintWriter out, String task, long totalMillis, boolean plain) {
    if (cli.terminal() && !plain) {
      return new Bar(task, totalMillis, cli.colour());
    }
    return new Lines(out);
  }

  /**
   * Renders one bar line of at most {@code width} characters, padded with spaces to {@code width}:
   * {@code workload 42% [===== ] 1.3/3.0 s 123 tx | open 3/10, ...}, with the longest form of the
   * message that leaves a bar of at least {@link #MIN_BAR}; a line too narrow even for that is cut.
   */
  static String render(
      String task, long current, long max, List<String> message, int width, boolean unicode) {
    double done = max <= 0 ? 1 : Math.min(1, Math.max(0, (double) current / max));
    String head = String.format(Locale.ROOT, "%s %3d%% [", task, Math.round(done * 100));
    String tail =
        String.format(Locale.ROOT, "] %.1f/%.1f s", Math.min(current, max) / 1000.0, max / 1000.0);
    int room = width - head.length() - tail.length();
    String text = "";
    for (String m : message) {
      if (m.length() + 2 <= room - MIN_BAR) {
        text = "  " + m;
        break;
      }
    }
    int barWidth = Math.max(1, Math.min(MAX_BAR, room - text.length()));
    int filled = (int) Math.round(done * barWidth);
    StringBuilder line = new StringBuilder(width).append(head);
    for (int i = 0; i < barWidth; i++) {
      line.append(i < filled ? (unicode ? '\u2588' : '=') : ' ');
    }
    line.append(tail).append(text);
    if (line.length() > width) {
      line.setLength(Math.max(0, width));
    }
    while (line.length() < width) {
      line.append(' ');
    }
    return line.toString();
  }

  private static final class Bar extends Progress {
    private final ProgressBar bar;
    private final PrintStream terminal;
    private final Held held = new Held();
    private volatile List<String> message = List.of();
    private boolean closed;

    Bar(String task, long totalMillis, boolean unicode) {
      this.terminal = System.err;
      this.bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(totalMillis)
              .setConsumer(new Once(new ConsoleProgressBarConsumer(terminal)))
              .setRenderer(
                  (state, width) ->
                      render(
                          state.getTaskName(),
                          state.getCurrent(),
                          state.getMax(),
                          message,
                          width,
                          unicode))
              .setUpdateIntervalMillis(100)
              .continuousUpdate()
              .build();
      // held back only once the bar exists: a bar that fails to start leaves standard error alone
      System.setErr(new PrintStream(held, true, Charset.defaultCharset()));
    }

    @Override
    void update(long elapsedMillis, List<String> message) {
      this.message = List.copyOf(message);
      bar.stepTo(Math.min(bar.getMax(), elapsedMillis));
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        bar.stepTo(bar.getMax());
        bar.close();
      } finally {
        System.setErr(terminal);
        held.writeTo(terminal);
        terminal.flush();
      }
    }
  }

  /**
   * A consumer that ends its line once: the bar's last refresh can run twice when a periodic
   * refresh is under way as the bar closes, which would print the finished bar on two lines.
   */
  private static final class Once implements ProgressBarConsumer {
    private final ProgressBarConsumer line;
    private boolean closed;

    Once(ProgressBarConsumer line) {
      this.line = line;
    }

    @Override
    public int getMaxRenderedLength() {
      return line.getMaxRenderedLength();
    }

    @Override
    public synchronized void accept(String rendered) {
      if (!closed) {
        line.accept(rendered);
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        line.close();
      }
    }
  }

  /** Standard error held back while a bar runs: the first {@link #LIMIT} bytes, then a count. */
  private static final class Held extends java.io.OutputStream {
    static final int LIMIT = 1 << 20;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long dropped;

    @Override
    public synchronized void write(int b) {
      if (bytes.size() < LIMIT) {
        bytes.write(b);
      } else {
        dropped++;
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int keep = Math.max(0, Math.min(len, LIMIT - bytes.size()));
      bytes.write(b, off, keep);
      dropped += len - keep;
    }

    synchronized void writeTo(PrintStream out) {
      out.write(bytes.toByteArray(), 0, bytes.size());
      if (dropped > 0) {
        out.println("cistern: " + dropped + " more bytes of log during the progress bar dropped");
      }
    }
  }

  private static final class Lines extends Progress {
    private final PrintWriter out;
    private long nextMillis = 1000;

    Lines(PrintWriter out) {
      this.out = out;
    }

    @Override
    void update(long elapsedMillis, List<String> message) {
      if (elapsedMillis >= nextMillis) {
        nextMillis += 1000;
        Cli.say(
            out,
            String.format(
                Locale.ROOT,
                "  %4.1f s  %s",
                elapsedMillis / 1000.0,
                message.isEmpty() ? "" : message.get(0)));
      }
    }

    @Override
    public void close() {}
  }
}
