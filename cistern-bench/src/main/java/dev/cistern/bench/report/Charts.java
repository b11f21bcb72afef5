package dev.cistern.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** PNG charts of a run, drawn with XChart. */
final class Charts {
  private static final int W = 900;
  private static final int H = 520;

  private Charts() {}

  /** Throughput against thread count, one line per pool, log scale. */
  static void threadsChart(Results r, String benchmark, String title, Path png) {
    List<Results.Jmh> rows = r.of(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    XYChart c =
        new XYChartBuilder()
            .width(W)
            .height(H)
            .title(title)
            .xAxisTitle("threads")
            .yAxisTitle(rows.get(0).unit() + " (log)")
            .build();
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (String pool : pools(rows)) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Integer t : new TreeSet<>(rows.stream().map(Results.Jmh::threads).toList())) {
        Results.Jmh j = r.find(benchmark, pool, t);
        if (j != null && j.score() > 0) {
          xs.add(t.doubleValue());
          ys.add(j.score());
        }
      }
      if (!xs.isEmpty()) {
        c.addSeries(pool, xs, ys);
      }
    }
    save(c, png);
  }

  /** One bar per pool. */
  static void barChart(Results r, String benchmark, String title, Path png) {
    List<Results.Jmh> rows = r.of(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    CategoryChart c = category(title, "pool", rows.get(0).unit());
    List<String> pools = new ArrayList<>(pools(rows));
    List<Double> ys = new ArrayList<>();
    for (String p : pools) {
      ys.add(r.find(benchmark, p, 0).score());
    }
    c.addSeries(benchmark, pools, ys);
    c.getStyler().setLegendVisible(false);
    save(c, png);
  }

  /** Latency percentiles, one group per pool, log scale. */
  static void latencyChart(Results r, String benchmark, String title, Path png) {
    List<Results.Jmh> rows = r.of(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    CategoryChart c = category(title, "pool", rows.get(0).unit() + " (log)");
    c.getStyler().setYAxisLogarithmic(true);
    List<String> pools = new ArrayList<>(pools(rows));
    series(c, r, benchmark, pools, "p50", Results.Jmh::p50);
    series(c, r, benchmark, pools, "p99", Results.Jmh::p99);
    series(c, r, benchmark, pools, "p99.9", Results.Jmh::p999);
    // bars start at zero unless told otherwise, which a log axis cannot show
    double min = Double.MAX_VALUE;
    for (Results.Jmh j : rows) {
      if (j.p50() > 0) {
        min = Math.min(min, j.p50());
      }
    }
    c.getStyler().setYAxisMin(min == Double.MAX_VALUE ? 1e-3 : min / 2);
    save(c, png);
  }

  private static void series(
      CategoryChart c,
      Results r,
      String benchmark,
      List<String> pools,
      String name,
      ToDoubleFunction<Results.Jmh> f) {
    List<Double> ys = new ArrayList<>();
    for (String p : pools) {
      double v = f.applyAsDouble(r.find(benchmark, p, 0));
      ys.add(Double.isNaN(v) || v <= 0 ? 1e-3 : v);
    }
    c.addSeries(name, pools, ys);
  }

  /** One chart per harness file: a group per metric, a bar per pool. */
  static void harnessCharts(Results r, Path dir) {
    Set<String> files = new LinkedHashSet<>();
    r.harness.forEach(h -> files.add(h.file()));
    for (String file : files) {
      List<Results.Harness> rows = r.harness.stream().filter(h -> h.file().equals(file)).toList();
      Set<String> metrics = new LinkedHashSet<>();
      Set<String> pools = new LinkedHashSet<>();
      rows.forEach(
          h -> {
            metrics.add(h.benchmark() + " " + h.metric() + " (" + h.unit() + ")");
            pools.add(h.pool());
          });
      String name = file.replaceAll("\\.csv$", "");
      CategoryChart c = category(name, "metric", "value");
      List<String> xs = new ArrayList<>(metrics);
      for (String pool : pools) {
        List<Double> ys = new ArrayList<>();
        for (String m : xs) {
          double v = 0;
          for (Results.Harness h : rows) {
            if (h.pool().equals(pool)
                && m.equals(h.benchmark() + " " + h.metric() + " (" + h.unit() + ")")) {
              v = Double.isNaN(h.value()) ? 0 : h.value();
            }
          }
          ys.add(v);
        }
        c.addSeries(pool.isEmpty() ? "-" : pool, xs, ys);
      }
      save(c, dir.resolve(name + ".png"));
    }
  }

  private static CategoryChart category(String title, String x, String y) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(W)
            .height(H)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setXAxisLabelRotation(30);
    return c;
  }

  /** The pools of some results, in {@link Tables#ORDER}. */
  private static Set<String> pools(List<Results.Jmh> rows) {
    Set<String> seen = new LinkedHashSet<>();
    rows.forEach(j -> seen.add(j.pool()));
    Set<String> s = new LinkedHashSet<>();
    for (String p : Tables.ORDER) {
      if (seen.remove(p)) {
        s.add(p);
      }
    }
    s.addAll(seen);
    return s;
  }

  private static void save(Chart<?, ?> c, Path png) {
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
