package dev.cistern.bench.reliability;

import dev.cistern.bench.reliability.HostileCase.Group;
import dev.cistern.bench.reliability.HostileCase.Outcome;
import dev.cistern.bench.reliability.HostileCase.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 8, hostile configuration: every setting of each pool with negative, zero, huge ({@code
 * Long.MAX_VALUE}, {@code PT9999999H} or its milliseconds), malformed ({@code abc}, {@code 10 s})
 * and typo'd values; passwords with every special character, raw and encoded; NUL and newline in
 * names; a 100,000-character host. Each case runs on a thread of its own for at most 5 s and is
 * classified as one {@link Outcome} ({@link HostileCase}); the cases themselves are in {@link
 * HostileCistern} and {@link HostileHikari}.
 *
 * <p>It runs once per database of the run ({@code postgresql://} and {@code jdbc:postgresql://},
 * {@code mariadb://} and {@code jdbc:mariadb://} URLs; a scratch schema or database on the shared
 * server, so an accepted value is also used for one borrow; the password cases go to a closed port
 * on 127.0.0.1, so their connect fails at once, and each driver's own errors are checked for the
 * password). Goals, per database, for Cistern and, as the control, for HikariCP: no raw exception,
 * no hang, no password leaked, no typo'd key silently accepted; for Cistern also every URL query
 * key one letter short of an option refused with "did you mean".
 */
public final class Hostile implements Scenario {
  /** The texts every setting gets through the text door (URL query, Properties). */
  static final List<String> TEXTS =
      List.of(
          "-1",
          "0",
          "2147483647",
          "9223372036854775807",
          "35999996400000",
          "PT9999999H",
          "abc",
          "10 s");

  /** 9,999,999 hours in milliseconds: {@code PT9999999H} for a pool that takes milliseconds. */
  static final long HOURS_9999999_MS = 9_999_999L * 3_600_000L;

  /** Every special character a password may hold: URL delimiters, quotes, a tab, non-ASCII. */
  static final String SPECIAL = "@%/:?#&=+ ;'\"\\!$*(),[]{}<>|^`~\t\u00e9\u20ac\ud83d\ude00";

  /** The names given a NUL and a newline. */
  static final List<String> CONTROL_NAMES = List.of("a\nb", "a\u0000b");

  /** The length of the hostile host name. */
  static final int HOST_LENGTH = 100_000;

  /** Outcomes the notable-cases table lists. */
  static final Set<Outcome> NOTABLE =
      EnumSet.of(
          Outcome.RAW, Outcome.HUNG, Outcome.LEAKED, Outcome.TYPO_ACCEPTED, Outcome.CHANGED_SILENT);

  /** The options whose typo the doc quotes: the issue's {@code poolSiz}. */
  private static final Set<String> POOL_SIZE_KEYS = Set.of("poolSize", "maximumPoolSize");

  private final LogCapture logs;

  /** A scenario checking log lines through {@code logs} too, or not if {@code null}. */
  public Hostile(LogCapture logs) {
    this.logs = logs;
  }

  @Override
  public int id() {
    return 8;
  }

  @Override
  public String name() {
    return "hostile";
  }

  @Override
  public String title() {
    return "8. Hostile configuration";
  }

  /**
   * The passwords: {@link HostileText#CANARY} with each special character of {@link #SPECIAL} after
   * it and before it (a pool that masks a password up to some character shows what follows), one
   * with all of them and one shaped like a URL.
   */
  static List<String> passwords() {
    List<String> out = new ArrayList<>();
    SPECIAL
        .codePoints()
        .forEach(
            c -> {
              out.add(HostileText.CANARY + Character.toString(c) + "x");
              out.add(Character.toString(c) + HostileText.CANARY);
            });
    out.add(HostileText.CANARY + SPECIAL);
    out.add("p@ss:w/rd?#%&=+ ;\"'\\" + HostileText.CANARY);
    return out;
  }

  /** A password as the doc shows it: the marker as {@code …}, control characters escaped. */
  static String describe(String pw) {
    return "'" + HostileText.escapeControls(pw.replace(HostileText.CANARY, "…")) + "'";
  }

  @Override
  public void run(Context ctx, ScenarioReport report) throws Exception {
    for (Outcome o : Outcome.values()) {
      report.metric(o.key(), o.label, "");
    }
    report.metric("cases", "cases in all", "");
    for (Group g : Group.values()) {
      report.metric(
          "cases_" + g.name().toLowerCase(java.util.Locale.ROOT), "cases: " + g.label, "");
    }
    report.metric("typo_suggested", "typo'd keys refused naming the option meant", "");
    report.metric("slowest_refusal", "slowest refusal", "ms");
    report.metric("sessions_left", "server sessions left after the run", "");
    report.setting(
        "Cistern: every option but the text `name` ("
            + "Integer, Long, Duration, Boolean and enum options of `Option.values()`) with each of "
            + String.join(", ", TEXTS.stream().map(t -> "`" + t + "`").toList())
            + " in the URL query (`Engine.create`), and -1, 0 and the type's maximum (durations:"
            + " -1 s, 0, `PT9999999H` and `Duration` max) through `Engine.Builder.option`");
    report.setting(
        "HikariCP: maximumPoolSize, minimumIdle, connectionTimeout, validationTimeout, idleTimeout,"
            + " maxLifetime, leakDetectionThreshold, keepaliveTime and initializationFailTimeout with"
            + " -1, 0, the type's maximum and 9,999,999 h in ms through the `HikariConfig` setters,"
            + " and with the same texts through `new HikariConfig(Properties)`; every pool gets"
            + " minimumIdle=1 unless that is the setting under test");
    report.setting(
        "typo'd keys: each option's key one letter short (`poolSiz=3`): Cistern in the URL query and"
            + " `Engine.fromProperties`, HikariCP in its Properties");
    report.setting(
        passwords().size()
            + " passwords (a marker text `…` with each of `` "
            + HostileText.escapeControls(SPECIAL)
            + " `` after it and before it, all of them, and a URL-shaped one) against a closed port on 127.0.0.1: Cistern raw and"
            + " percent-encoded in the URL and through `DatabaseUrl.Builder.password`, with failFast;"
            + " HikariCP through `setPassword` and `?password=` in the JDBC URL, raw and"
            + " percent-encoded; leaked = 4 characters of the marker in a message or cause, a"
            + " `toString()` or a captured log line (slf4j-simple at WARN)");
    report.setting(
        "names: NUL and newline in the pool's name (two doors each) and the user; a"
            + " 100,000-character host in the URL (two doors each)");
    report.setting(
        "each case on its own daemon thread, at most "
            + HostileCase.TIMEOUT.toSeconds()
            + " s; every pool built is read back where it can be, borrowed from once (`select 1`)"
            + " and closed on the same thread");
    Map<Database, List<Result>> all = new LinkedHashMap<>();
    Map<Database, String> scratchNames = new LinkedHashMap<>();
    int closedPort = closedPort();
    for (Database d : ctx.databases()) {
      var reason = Scratch.unavailable(d);
      if (reason.isPresent()) {
        report.failure(d.label() + " skipped: " + reason.get());
        continue;
      }
      List<Result> onDb = new ArrayList<>();
      try (Scratch scratch = Scratch.create(d)) {
        scratchNames.put(d, scratch.table("x").replaceFirst("\\.x$", ""));
        for (Target t : ctx.targets()) {
          List<HostileCase> cases =
              t == Target.CISTERN
                  ? new HostileCistern(scratch, closedPort).cases()
                  : new HostileHikari(scratch, closedPort).cases();
          List<Result> results = new ArrayList<>();
          for (HostileCase c : cases) {
            results.add(c.run(logs));
          }
          onDb.addAll(results);
          String app = t == Target.CISTERN ? HostileCistern.APP : HostileHikari.APP;
          record(ctx, report, d, t, results, sessionsLeft(scratch, app));
        }
      }
      all.put(d, onDb);
    }
    if (!all.isEmpty()) {
      report.detail(notable(all, closedPort, scratchNames));
    }
  }

  private void record(
      Context ctx,
      ScenarioReport report,
      Database d,
      Target t,
      List<Result> results,
      int sessionsLeft) {
    Map<Outcome, Integer> count = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      count.put(o, 0);
    }
    results.forEach(r -> count.merge(r.outcome(), 1, Integer::sum));
    count.forEach((o, n) -> report.put(d, t, o.key(), n));
    report.put(d, t, "cases", results.size());
    for (Group g : Group.values()) {
      report.put(
          d,
          t,
          "cases_" + g.name().toLowerCase(java.util.Locale.ROOT),
          results.stream().filter(r -> r.c().group() == g).count());
    }
    List<Result> typos = results.stream().filter(r -> r.c().group() == Group.TYPO).toList();
    long suggested = typos.stream().filter(Result::suggested).count();
    report.put(d, t, "typo_suggested", suggested);
    double slowest =
        results.stream()
            .filter(r -> r.outcome() == Outcome.REFUSED)
            .mapToDouble(Result::millis)
            .max()
            .orElse(0);
    report.put(d, t, "slowest_refusal", slowest);
    report.put(d, t, "sessions_left", sessionsLeft);
    for (Outcome o : List.of(Outcome.RAW, Outcome.HUNG, Outcome.LEAKED, Outcome.TYPO_ACCEPTED)) {
      int n = count.get(o);
      String text =
          switch (o) {
            case RAW -> "0 raw exceptions";
            case HUNG -> "0 hangs (no answer in 5 s)";
            case LEAKED -> "0 passwords leaked";
            default -> "0 typo'd keys silently accepted";
          };
      report.goal(text, d, t, n == 0, ScenarioReport.format(n) + " of " + results.size());
    }
    if (t == Target.CISTERN) {
      List<Result> url = typos.stream().filter(r -> r.c().door().equals("URL query")).toList();
      long didYouMean =
          url.stream()
              .filter(r -> r.outcome() == Outcome.REFUSED && r.suggested())
              .filter(r -> r.message().contains("did you mean"))
              .count();
      report.goal(
          "every URL query key one letter short of an option refused with 'did you mean'",
          d,
          t,
          didYouMean == url.size(),
          didYouMean + " of " + url.size());
    }
    results.stream()
        .filter(r -> r.c().group() == Group.TYPO && r.outcome() == Outcome.REFUSED)
        .min(java.util.Comparator.comparing((Result r) -> !POOL_SIZE_KEYS.contains(r.c().meant())))
        .ifPresent(
            r ->
                report.note(
                    t.label()
                        + " on "
                        + d.label()
                        + " refuses `"
                        + r.c().subject()
                        + "=3` ("
                        + r.c().door()
                        + ") with: `"
                        + r.message().replace("`", "'")
                        + "`"));
    long echoed = results.stream().filter(Result::echoed).count();
    if (echoed > 0) {
      report.note(
          t.label()
              + " on "
              + d.label()
              + ": in "
              + echoed
              + " case(s) a NUL or newline of a name came back raw in a message, a toString() or a"
              + " log line");
    }
    ctx.log()
        .printf(
            "%s %s %s: %d cases: %s; typo'd keys naming the option %d of %d; slowest refusal %.1f"
                + " ms; sessions left %d%n",
            name(),
            d.label(),
            t.label(),
            results.size(),
            count,
            suggested,
            typos.size(),
            slowest,
            sessionsLeft);
    for (Result r : results) {
      if (NOTABLE.contains(r.outcome())) {
        ctx.log()
            .printf(
                "  %s %s %s %s %s=%s: %s %s %s%n",
                d.label(),
                t.label(),
                r.c().door(),
                r.c().group().label,
                r.c().subject(),
                r.c().value(),
                r.outcome().label,
                r.exception(),
                r.message());
      }
    }
  }

  /**
   * The notable cases as a Markdown table, cases that differ only in their value on one row: raw
   * exceptions, hangs, leaks, typo'd keys accepted, values changed silently, values honoured while
   * the pool logged a WARN, control characters echoed raw; per database, with what differs from run
   * to run in a message (the port, the scratch database's name, object hashes, MariaDB's connection
   * ids) replaced by {@code PORT}, {@code SCRATCH}, {@code @…} and {@code conn=N}.
   */
  static String notable(
      Map<Database, List<Result>> all, int closedPort, Map<Database, String> scratchNames) {
    Map<String, List<Result>> rows = new LinkedHashMap<>();
    Map<String, Database> rowDb = new LinkedHashMap<>();
    all.forEach(
        (d, results) -> {
          for (Result r : results) {
            if (!NOTABLE.contains(r.outcome()) && !r.echoed() && r.warned() == null) {
              continue;
            }
            String key = d.name() + "|" + rowKey(r);
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            rowDb.put(key, d);
          }
        });
    StringBuilder b = new StringBuilder("Notable cases");
    if (rows.isEmpty()) {
      return b.append(": none.\n").toString();
    }
    b.append(" (values that differ only in the value on one row; the message's first line):\n\n");
    b.append("| database | pool | door | setting | values | outcome | exception | message |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    rows.forEach(
        (key, group) -> {
          Database d = rowDb.get(key);
          Result r = group.get(0);
          String values =
              String.join(", ", group.stream().map(x -> x.c().value()).distinct().toList());
          String outcome =
              r.outcome().label
                  + (r.warned() != null ? ", but the pool logged a WARN" : "")
                  + (r.echoed()
                      ? "; the NUL or newline came back raw (message, toString or log)"
                      : "");
          // the port, object hashes and MariaDB's connection ids differ from run to run
          String message =
              (r.warned() != null ? r.warned() : r.message())
                  .replace("127.0.0.1:" + closedPort, "127.0.0.1:PORT")
                  .replaceAll("@[0-9a-f]{4,}", "@…")
                  .replaceAll("\\(conn=\\d+\\)", "(conn=N)");
          String scratch = scratchNames.get(d);
          if (scratch != null && !scratch.isEmpty()) {
            message = message.replace(scratch, "SCRATCH");
          }
          b.append("| ")
              .append(d.label())
              .append(" | ")
              .append(r.c().target().label())
              .append(" | ")
              .append(cell(r.c().door()))
              .append(" | ")
              .append(cell(r.c().subject()))
              .append(" | ")
              .append(cell(values))
              .append(" | ")
              .append(cell(outcome))
              .append(" | ")
              .append(cell(r.exception()))
              .append(" | ")
              .append(cell(message))
              .append(" |\n");
        });
    return b.toString();
  }

  /** What a notable case's row is told apart by, the value aside. */
  private static String rowKey(Result r) {
    return String.join(
        "|",
        r.c().target().name(),
        r.c().door(),
        r.c().subject(),
        r.outcome().name(),
        r.exception(),
        String.valueOf(r.echoed()),
        r.outcome() == Outcome.CHANGED_SILENT ? r.message() : "",
        r.warned() == null ? "" : r.warned().replaceAll("@[0-9a-f]+", "@"));
  }

  /** Text made safe for a Markdown table cell. */
  static String cell(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : HostileText.escapeControls(s).toCharArray()) {
      if ("\\`*_[]<>|#".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** A port on 127.0.0.1 that was just bound and closed: a connect there is refused at once. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The sessions of {@code app} still on the server, after up to 3 s for closes to land. */
  private static int sessionsLeft(Scratch scratch, String app) throws SQLException {
    long until = System.nanoTime() + 3_000_000_000L;
    int n = scratch.sessions(app);
    while (n > 0 && System.nanoTime() < until) {
      LockSupport.parkNanos(50_000_000L);
      n = scratch.sessions(app);
    }
    return n;
  }
}
