package dev.cistern.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how a timed workload goes: a progress bar with the live pool status on a terminal, else a
 * plain line about once a second.
 */
abstract class Progress implements AutoCloseable {

  /** Reports that {@code elapsedMillis} of the run passed; {@code line} says what is going on. */
  abstract void update(long elapsedMillis, String line);

  @Override
  public abstract void close();

  /** A progress bar on a terminal (unless {@code plain}), plain lines otherwise. */
  static Progress of(Cli cli, PrintWriter out, String task, long totalMillis, boolean plain) {
    if (cli.terminal() && !plain) {
      return new Bar(cli, task, totalMillis);
    }
    return new Lines(out);
  }

  private static final class Bar extends Progress {
    private final ProgressBar bar;

    Bar(Cli cli, String task, long totalMillis) {
      this.bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(totalMillis)
              .setUnit(" s", 1000)
              .setStyle(
                  cli.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(100)
              .continuousUpdate()
              .hideEta()
              .build();
    }

    @Override
    void update(long elapsedMillis, String line) {
      bar.stepTo(Math.min(bar.getMax(), elapsedMillis));
      bar.setExtraMessage(" " + line);
    }

    @Override
    public void close() {
      bar.stepTo(bar.getMax());
      bar.close();
    }
  }

  private static final class Lines extends Progress {
    private final PrintWriter out;
    private long nextMillis = 1000;

    Lines(PrintWriter out) {
      this.out = out;
    }

    @Override
    void update(long elapsedMillis, String line) {
      if (elapsedMillis >= nextMillis) {
        nextMillis += 1000;
        Cli.say(out, String.format(Locale.ROOT, "  %4.1f s  %s", elapsedMillis / 1000.0, line));
      }
    }

    @Override
    public void close() {}
  }
}
