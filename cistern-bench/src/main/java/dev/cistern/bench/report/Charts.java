package dev.cistern.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * PNG charts of a run, drawn with XChart, all of one kind: grouped bars (a group per thread count,
 * percentile or metric; a bar per pool), with error bars where the run measured an error, one fixed
 * colour per pool in every chart ({@link #colour}), a logarithmic value axis when the values span
 * more than a factor of {@value #LOG_SPAN}, and one unit per chart.
 */
final class Charts {
  private static final int W = 1000;
  private static final int H = 560;

  /** Values spanning more than this factor get a logarithmic axis. */
  static final double LOG_SPAN = 20;

  /** Every pool's colour, the same in every chart. */
  private static final Map<String, Color> COLOURS = new LinkedHashMap<>();

  static {
    Color cistern = new Color(0x1f, 0x77, 0xb4);
    Color api = new Color(0x08, 0x30, 0x6b);
    Color hikari = new Color(0xd6, 0x27, 0x28);
    COLOURS.put("cistern", cistern);
    COLOURS.put("cistern-jdbc", cistern); // the defaults through dataSource(): the same pool
    COLOURS.put("cistern-lean", new Color(0x6b, 0xae, 0xd6));
    COLOURS.put("cistern-api", api);
    COLOURS.put("cistern-execute", api);
    COLOURS.put("cistern-api-autocommit", new Color(0x17, 0xbe, 0xcf));
    COLOURS.put("cistern-pool", new Color(0x9e, 0xca, 0xe1));
    COLOURS.put("cistern-metrics", new Color(0x42, 0x92, 0xc6));
    COLOURS.put("hikari", hikari);
    COLOURS.put("hikari-jdbc", hikari);
    COLOURS.put("agroal", new Color(0x2c, 0xa0, 0x2c));
    COLOURS.put("dbcp2", new Color(0x94, 0x67, 0xbd));
    COLOURS.put("c3p0", new Color(0x8c, 0x56, 0x4b));
    COLOURS.put("tomcat", new Color(0xe3, 0x77, 0xc2));
    COLOURS.put("vibur", new Color(0xbc, 0xbd, 0x22));
    COLOURS.put("floor", new Color(0x7f, 0x7f, 0x7f));
    COLOURS.put("nopool", new Color(0x30, 0x30, 0x30));
  }

  private static final Color[] SPARE = {
    new Color(0xff, 0x7f, 0x0e), new Color(0x98, 0xdf, 0x8a), new Color(0xc5, 0xb0, 0xd5),
    new Color(0xf7, 0xb6, 0xd2), new Color(0xdb, 0xdb, 0x8d), new Color(0x9e, 0xda, 0xe5)
  };

  private Charts() {}

  /** The colour of a pool: fixed for the known ones, derived from the name for the others. */
  static Color colour(String pool) {
    Color c = COLOURS.get(pool);
    return c != null ? c : SPARE[Math.floorMod(pool.hashCode(), SPARE.length)];
  }

  /** One bar: its value and error (NaN: none); a NaN value leaves the bar out. */
  record Bar(double value, double error) {
    static final Bar NONE = new Bar(Double.NaN, Double.NaN);
  }

  /** Bars by series (pool) then category, in order. */
  static final class Bars {
    final Map<String, Map<String, Bar>> bySeries = new LinkedHashMap<>();
    final Set<String> categories = new LinkedHashSet<>();

    void put(String series, String category, double value, double error) {
      categories.add(category);
      if (!Double.isNaN(value)) {
        bySeries
            .computeIfAbsent(series, s -> new LinkedHashMap<>())
            .put(category, new Bar(value, error));
      }
    }

    boolean isEmpty() {
      return bySeries.isEmpty();
    }
  }

  /**
   * Draws grouped bars: a group per category, a bar per series coloured by {@link #colour}, error
   * bars when any bar has one, a log axis when the values span more than {@value #LOG_SPAN}x.
   */
  static void grouped(String title, String xTitle, String unit, Bars bars, Path png) {
    if (bars.isEmpty()) {
      return;
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    boolean errors = false;
    for (Map<String, Bar> m : bars.bySeries.values()) {
      for (Bar b : m.values()) {
        if (b.value() > 0) {
          min = Math.min(min, b.value());
          max = Math.max(max, b.value());
        }
        errors |= !Double.isNaN(b.error()) && b.error() > 0;
      }
    }
    boolean log = max > 0 && min < Double.MAX_VALUE && max / min > LOG_SPAN;
    CategoryChart c =
        new CategoryChartBuilder()
            .width(W)
            .height(H)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(unit + (log ? ", log scale" : ""))
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
    c.getStyler().setErrorBarsColor(Color.BLACK);
    c.getStyler().setAvailableSpaceFill(0.8);
    c.getStyler().setOverlapped(false);
    if (bars.categories.size() > 4 || longest(bars.categories) > 14) {
      c.getStyler().setXAxisLabelRotation(25);
    }
    if (log) {
      c.getStyler().setYAxisLogarithmic(true);
      // bars start at the axis minimum: one decade below the smallest value
      c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    } else {
      c.getStyler().setYAxisMin(0.0);
    }
    List<String> cats = new ArrayList<>(bars.categories);
    double floor = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
    for (Map.Entry<String, Map<String, Bar>> e : bars.bySeries.entrySet()) {
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      for (String cat : cats) {
        Bar b = e.getValue().getOrDefault(cat, Bar.NONE);
        double v = b.value();
        if (Double.isNaN(v) || (log && v <= 0)) {
          // no bar: an empty one at the axis' bottom (XChart rejects a null value with error bars)
          ys.add(log ? floor : 0.0);
          es.add(0.0);
          continue;
        }
        ys.add(v);
        double err = Double.isNaN(b.error()) ? 0 : Math.abs(b.error());
        if (log) {
          err = Math.min(err, (v - floor) * 0.999); // the bar's low end must stay on the axis
        }
        es.add(err);
      }
      CategorySeries series =
          errors ? c.addSeries(e.getKey(), cats, ys, es) : c.addSeries(e.getKey(), cats, ys);
      Color col = colour(e.getKey());
      series.setFillColor(col);
      series.setLineColor(col);
      series.setMarkerColor(col);
    }
    save(c, png);
  }

  private static int longest(Set<String> xs) {
    int n = 0;
    for (String x : xs) {
      n = Math.max(n, x.length());
    }
    return n;
  }

  /** Throughput per thread count: a group per thread count, a bar per pool, JMH's error. */
  static void threadsChart(Results r, String benchmark, String title, Path png) {
    List<Results.Jmh> rows = r.of(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    Bars bars = new Bars();
    for (Integer t : new TreeSet<>(rows.stream().map(Results.Jmh::threads).toList())) {
      bars.categories.add(threads(t));
    }
    for (String pool : pools(rows)) {
      for (Integer t : new TreeSet<>(rows.stream().map(Results.Jmh::threads).toList())) {
        Results.Jmh j = r.find(benchmark, pool, t);
        if (j != null && j.score() > 0) {
          bars.put(pool, threads(t), j.score(), j.error());
        }
      }
    }
    grouped(title, "threads", Tables.unit(rows.get(0).unit()) + " (higher is better)", bars, png);
  }

  /** One group (the run's thread count), a bar per pool with its error. */
  static void barChart(Results r, String benchmark, String title, Path png) {
    threadsChart(r, benchmark, title, png);
  }

  /** Latency percentiles: a group per percentile, a bar per pool. */
  static void latencyChart(Results r, String benchmark, String title, Path png) {
    List<Results.Jmh> rows = r.of(benchmark);
    if (rows.isEmpty()) {
      return;
    }
    Bars bars = new Bars();
    for (String p : pools(rows)) {
      Results.Jmh j = r.find(benchmark, p, 0);
      bars.put(p, "p50", j.p50(), Double.NaN);
      bars.put(p, "p99", j.p99(), Double.NaN);
      bars.put(p, "p99.9", j.p999(), Double.NaN);
    }
    grouped(title, "percentile", Tables.unit(rows.get(0).unit()) + " (lower is better)", bars, png);
  }

  /**
   * The harnesses other than the real-database one: one chart per harness file and unit (a group
   * per benchmark and metric, a bar per pool; the rows of the {@code all} pool are settings, not
   * measurements, and are left out), named {@code harness-<name>.png} for the file's first unit and
   * {@code harness-<name>-<unit>.png} for the others. Returns the charts written, in order.
   */
  static List<String> harnessCharts(Results r, Path dir) {
    Map<String, Map<String, List<Results.Harness>>> byFileUnit = new LinkedHashMap<>();
    for (Results.Harness h : r.harness) {
      if (h.file().equals(Oltp.FILE) || h.pool().equals("all") || Double.isNaN(h.value())) {
        continue;
      }
      byFileUnit
          .computeIfAbsent(h.file(), f -> new LinkedHashMap<>())
          .computeIfAbsent(h.unit(), u -> new ArrayList<>())
          .add(h);
    }
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Results.Harness>>> f : byFileUnit.entrySet()) {
      String name = f.getKey().replaceAll("\\.csv$", "");
      boolean first = true;
      for (Map.Entry<String, List<Results.Harness>> u : f.getValue().entrySet()) {
        Bars bars = new Bars();
        for (Results.Harness h : u.getValue()) {
          String cat =
              h.benchmark().equals(name.replaceFirst("^harness-", ""))
                  ? h.metric()
                  : h.benchmark() + " " + h.metric();
          bars.put(h.pool().isEmpty() ? "-" : h.pool(), cat, h.value(), Double.NaN);
        }
        String file =
            first
                ? name + ".png"
                : name + "-" + u.getKey().replaceAll("[^A-Za-z0-9]+", "") + ".png";
        first = false;
        grouped(
            name.replaceFirst("^harness-", "") + " (" + u.getKey() + ")",
            "metric",
            u.getKey(),
            bars,
            dir.resolve(file));
        written.add(file);
      }
    }
    return written;
  }

  /**
   * The real-database charts: per database and workload, throughput ({@code
   * oltp-<db>-<workload>-throughput.png}, standard deviation over rounds as error bars) and latency
   * ({@code oltp-<db>-<workload>-latency.png}, p50 and p99 per thread count, the p99's standard
   * deviation over rounds as error bars); and the round trips per transaction ({@code
   * oltp-roundtrips.png}). Returns the charts written, in order.
   */
  static List<String> oltpCharts(Results r, Path dir) {
    Oltp o = new Oltp(r);
    List<String> written = new ArrayList<>();
    for (Oltp.Point p : o.points("oltp")) {
      Bars tps = new Bars();
      Bars lat = new Bars();
      List<Integer> ts = o.threads(p);
      for (int t : ts) {
        tps.categories.add(threads(t));
        lat.categories.add("p50, " + threads(t));
        lat.categories.add("p99, " + threads(t));
      }
      for (String path : o.paths("oltp", p)) {
        for (int t : ts) {
          tps.put(path, threads(t), o.value(p, path, "tps", t), o.value(p, path, "tps_err", t));
          lat.put(path, "p50, " + threads(t), o.value(p, path, "p50_ms", t), Double.NaN);
          lat.put(
              path,
              "p99, " + threads(t),
              o.value(p, path, "p99_ms", t),
              o.value(p, path, "p99_err_ms", t));
        }
      }
      String base = "oltp-" + p.id();
      grouped(
          p.label() + ": throughput, pool of 10",
          "threads",
          "transactions/s (higher is better)",
          tps,
          dir.resolve(base + "-throughput.png"));
      grouped(
          p.label() + ": latency per transaction, borrow included",
          "percentile, threads",
          "ms (lower is better)",
          lat,
          dir.resolve(base + "-latency.png"));
      written.add(base + "-throughput.png");
      written.add(base + "-latency.png");
    }
    if (o.hasRoundTrips()) {
      Bars rt = new Bars();
      for (Oltp.Point p : o.points("roundtrips")) {
        rt.categories.add(p.label());
      }
      for (String path : Oltp.PATHS) {
        for (Oltp.Point p : o.points("roundtrips")) {
          rt.put(path, p.label(), o.roundTrips(p, path, "round_trips_per_tx"), Double.NaN);
        }
      }
      grouped(
          "Round trips per transaction, counted on the wire",
          "database and workload",
          "round trips per transaction",
          rt,
          dir.resolve("oltp-roundtrips.png"));
      written.add("oltp-roundtrips.png");
    }
    return written;
  }

  private static String threads(int t) {
    return t + (t == 1 ? " thread" : " threads");
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
