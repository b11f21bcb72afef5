package dev.cistern.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real-database rows of a run ({@code harness-oltp.csv}, written by {@code OltpHarness}): the
 * throughput and latency points {@code oltp-<db>-<workload>} and the round-trip counts {@code
 * roundtrips-<db>-<workload>}.
 */
final class Oltp {
  /** The harness file these rows come from. */
  static final String FILE = "harness-oltp.csv";

  /** The paths in the order tables and charts list them. */
  static final List<String> PATHS =
      List.of("cistern-api", "cistern-api-autocommit", "cistern-jdbc", "hikari-jdbc");

  /** The HikariCP path every Cistern path is compared with. */
  static final String HIKARI = "hikari-jdbc";

  private static final Pattern THREADS = Pattern.compile("^(.*)_t(\\d+)$");

  /** One database and workload: {@code postgresql}/{@code mariadb}, {@code tpcb}/{@code select}. */
  record Point(String db, String workload) {
    String label() {
      return (db.equals("postgresql") ? "PostgreSQL" : db.equals("mariadb") ? "MariaDB" : db)
          + " "
          + (workload.equals("tpcb") ? "TPC-B" : workload.equals("select") ? "select" : workload);
    }

    String id() {
      return db + "-" + workload;
    }
  }

  private final List<Results.Harness> rows;

  Oltp(Results r) {
    rows = r.harness.stream().filter(h -> h.file().equals(FILE)).toList();
  }

  boolean isEmpty() {
    return rows.stream().noneMatch(h -> h.benchmark().startsWith("oltp-"));
  }

  boolean hasRoundTrips() {
    return rows.stream().anyMatch(h -> h.benchmark().startsWith("roundtrips-"));
  }

  /** The database and workload pairs with results of {@code prefix} ("oltp" or "roundtrips"). */
  List<Point> points(String prefix) {
    Set<Point> out = new LinkedHashSet<>();
    for (Results.Harness h : rows) {
      if (h.benchmark().startsWith(prefix + "-")) {
        String rest = h.benchmark().substring(prefix.length() + 1);
        int dash = rest.lastIndexOf('-');
        if (dash > 0) {
          out.add(new Point(rest.substring(0, dash), rest.substring(dash + 1)));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The paths measured for {@code p}, in {@link #PATHS} order. */
  List<String> paths(String prefix, Point p) {
    Set<String> seen = new LinkedHashSet<>();
    for (Results.Harness h : rows) {
      if (h.benchmark().equals(prefix + "-" + p.id())) {
        seen.add(h.pool());
      }
    }
    List<String> out = new ArrayList<>();
    for (String path : PATHS) {
      if (seen.remove(path)) {
        out.add(path);
      }
    }
    out.addAll(seen);
    return out;
  }

  /** The thread counts measured for {@code p}. */
  List<Integer> threads(Point p) {
    Set<Integer> ts = new TreeSet<>();
    for (Results.Harness h : rows) {
      if (h.benchmark().equals("oltp-" + p.id())) {
        Matcher m = THREADS.matcher(h.metric());
        if (m.matches()) {
          ts.add(Integer.parseInt(m.group(2)));
        }
      }
    }
    return new ArrayList<>(ts);
  }

  /** A throughput/latency value, e.g. {@code metric("tps", 16)}; NaN if missing. */
  double value(Point p, String path, String metric, int threads) {
    return find("oltp-" + p.id(), path, metric + "_t" + threads);
  }

  /** A round-trip count per transaction, e.g. {@code round_trips_per_tx}; NaN if missing. */
  double roundTrips(Point p, String path, String metric) {
    return find("roundtrips-" + p.id(), path, metric);
  }

  /** A setting of the run (the {@code oltp,all,NAME} rows), NaN if missing. */
  double setting(String name) {
    return find("oltp", "all", name);
  }

  private double find(String benchmark, String pool, String metric) {
    for (Results.Harness h : rows) {
      if (h.benchmark().equals(benchmark) && h.pool().equals(pool) && h.metric().equals(metric)) {
        return h.value();
      }
    }
    return Double.NaN;
  }
}
