package dev.cistern.bench.reliability;

import static dev.cistern.bench.reliability.HostileCase.borrowOnce;
import static dev.cistern.bench.reliability.HostileText.pct;
import static dev.cistern.bench.reliability.HostileText.show;

import dev.cistern.DatabaseUrl;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.bench.reliability.HostileCase.Body;
import dev.cistern.bench.reliability.HostileCase.Group;
import dev.cistern.bench.reliability.HostileCase.Trial;
import dev.cistern.bench.reliability.HostileCase.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 8's cases on Cistern: every option (but the text {@code name}) with every value of
 * {@link Hostile#TEXTS} in the URL query and, for numbers and durations, negative, zero and huge
 * values through {@code Engine.Builder.option}; each option's key one letter short in the URL query
 * and in {@code Engine.fromProperties}; the passwords of {@link Hostile#passwords()} raw and
 * percent-encoded in the URL and through {@code DatabaseUrl.Builder.password}, against a closed
 * port with {@code failFast}; NUL and newline in the engine's name and the user; a
 * 100,000-character host. On the scratch database's server: {@code postgresql://} or {@code
 * mariadb://} URLs. Only the public API.
 */
final class HostileCistern {
  /** The engines' name, also their sessions' application name. */
  static final String APP = "rel8-c";

  private final Scratch db;
  private final int closedPort;
  private final String url;
  private final String base;
  private final String scheme;

  HostileCistern(Scratch db, int closedPort) {
    this.db = db;
    this.closedPort = closedPort;
    this.scheme = scheme(db.database());
    this.url = db.cisternUrl();
    this.base = url + (url.contains("?") ? "&" : "?") + "name=" + APP + "&shutdownHook=false";
  }

  /** The Cistern URL scheme of a database: {@code postgresql} or {@code mariadb}. */
  static String scheme(Database d) {
    return d == Database.POSTGRESQL ? "postgresql" : "mariadb";
  }

  /** Every case, in order. */
  List<HostileCase> cases() {
    List<HostileCase> out = new ArrayList<>();
    for (Option<?> o : Option.values()) {
      if (o.type() != String.class) {
        options(o, out);
      }
    }
    for (Option<?> o : Option.values()) {
      typos(o, out);
    }
    for (String pw : Hostile.passwords()) {
      passwords(pw, out);
    }
    for (String bad : Hostile.CONTROL_NAMES) {
      names(bad, out);
    }
    host(out);
    return out;
  }

  private HostileCase c(
      Group g, String door, String subject, String value, List<String> names, String raw, Body b) {
    return new HostileCase(Target.CISTERN, g, door, subject, value, names, raw, null, null, b);
  }

  private void options(Option<?> o, List<HostileCase> out) {
    // the option under test may be shutdownHook itself
    String b =
        o == Option.SHUTDOWN_HOOK ? url + (url.contains("?") ? "&" : "?") + "name=" + APP : base;
    for (String text : Hostile.TEXTS) {
      out.add(
          c(
              Group.OPTION,
              "URL query",
              o.key(),
              show(text),
              o.names(),
              text,
              trial -> {
                Engine e = trial.keep(Engine.create(b + "&" + o.key() + "=" + pct(text)));
                trial.show(e);
                Object got = e.option(o);
                Object wanted;
                try {
                  wanted = o.parse(text);
                } catch (IllegalArgumentException x) {
                  return Verdict.changed("accepted what Option.parse refuses; reads back " + got);
                }
                borrowOnce(e.dataSource());
                return Verdict.compare(got, wanted);
              }));
    }
    for (Object v : typedValues(o)) {
      out.add(
          c(
              Group.OPTION,
              "Builder.option",
              o.key(),
              show(v),
              o.names(),
              String.valueOf(v),
              trial -> {
                Engine e = trial.keep(set(Engine.builder(base), o, v).build());
                trial.show(e);
                Object got = e.option(o);
                borrowOnce(e.dataSource());
                return Verdict.compare(got, v);
              }));
    }
  }

  @SuppressWarnings("unchecked")
  private static Engine.Builder set(Engine.Builder b, Option<?> o, Object v) {
    return b.option((Option<Object>) o, v);
  }

  /** Negative, zero and huge values of an option's Java type; none for booleans and enums. */
  static List<Object> typedValues(Option<?> o) {
    if (o.type() == Integer.class) {
      return List.of(-1, 0, Integer.MAX_VALUE);
    }
    if (o.type() == Long.class) {
      return List.of(-1L, 0L, Long.MAX_VALUE);
    }
    if (o.type() == Duration.class) {
      return List.of(
          Duration.ofSeconds(-1),
          Duration.ZERO,
          Duration.ofHours(9_999_999),
          Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
    }
    return List.of();
  }

  private void typos(Option<?> o, List<HostileCase> out) {
    String key = o.key();
    String typo = key.substring(0, key.length() - 1);
    if (Option.byName(typo).isPresent()) {
      return;
    }
    out.add(
        new HostileCase(
            Target.CISTERN,
            Group.TYPO,
            "URL query",
            typo,
            "3",
            List.of(typo),
            typo,
            key,
            null,
            trial -> {
              trial.keep(Engine.create(base + "&" + typo + "=3"));
              return Verdict.TYPO_ACCEPTED;
            }));
    out.add(
        new HostileCase(
            Target.CISTERN,
            Group.TYPO,
            "Engine.fromProperties",
            "cistern." + typo,
            "3",
            List.of(typo),
            typo,
            key,
            null,
            trial -> {
              Properties p = new Properties();
              p.setProperty("cistern.url", base);
              p.setProperty("cistern." + typo, "3");
              trial.keep(Engine.fromProperties(p, "cistern."));
              return Verdict.TYPO_ACCEPTED;
            }));
  }

  private void passwords(String pw, List<HostileCase> out) {
    String where =
        "@127.0.0.1:" + closedPort + "/test?name=" + APP + "&shutdownHook=false&failFast=true";
    String shown = Hostile.describe(pw);
    out.add(
        password(
            "URL, raw",
            shown,
            pw,
            trial -> refused(trial, DatabaseUrl.parse(scheme + "://app:" + pw + where), pw)));
    out.add(
        password(
            "URL, percent-encoded",
            shown,
            pw,
            trial -> refused(trial, DatabaseUrl.parse(scheme + "://app:" + pct(pw) + where), pw)));
    out.add(
        password(
            "DatabaseUrl.Builder.password",
            shown,
            pw,
            trial ->
                refused(
                    trial,
                    DatabaseUrl.builder(scheme)
                        .username("app")
                        .password(pw)
                        .host("127.0.0.1", closedPort)
                        .database("test")
                        .option(Option.NAME, APP)
                        .option(Option.SHUTDOWN_HOOK, false)
                        .option(Option.FAIL_FAST, true)
                        .build(),
                    pw)));
  }

  private HostileCase password(String door, String shown, String pw, Body b) {
    return new HostileCase(
        Target.CISTERN,
        Group.PASSWORD,
        door,
        "password",
        shown,
        List.of("password"),
        null,
        null,
        pw,
        b);
  }

  /**
   * Builds an engine with {@code failFast} on a closed port: the connect must fail, and neither the
   * URL's {@code toString}, the engine's nor the error may show the password.
   */
  private static Verdict refused(Trial trial, DatabaseUrl u, String pw) {
    trial.show(u);
    trial.show(u.render(true));
    try {
      Engine e = trial.keep(Engine.create(u));
      trial.show(e);
    } catch (RuntimeException x) {
      if (!HostileCase.connectFailure(x)) {
        throw x;
      }
      trial.caught(x);
    }
    return pw.equals(u.password().orElse(null))
        ? Verdict.HONOURED
        : Verdict.changed("the password read is not the one written");
  }

  private void names(String bad, List<HostileCase> out) {
    String value = show(bad);
    out.add(
        c(
            Group.NAME,
            "Builder.name",
            "name",
            value,
            Option.NAME.names(),
            bad,
            trial -> {
              Engine e = trial.keep(Engine.builder(base).name(bad).build());
              trial.show(e);
              borrowOnce(e.dataSource());
              return Verdict.compare(e.name(), bad);
            }));
    out.add(
        c(
            Group.NAME,
            "URL query",
            "name",
            value,
            Option.NAME.names(),
            bad,
            trial -> {
              String u =
                  url + (url.contains("?") ? "&" : "?") + "shutdownHook=false&name=" + pct(bad);
              Engine e = trial.keep(Engine.create(u));
              trial.show(e);
              borrowOnce(e.dataSource());
              return Verdict.compare(e.name(), bad);
            }));
    out.add(
        c(
            Group.NAME,
            "URL user",
            "user",
            value,
            List.of("user"),
            bad,
            trial -> {
              int scheme = base.indexOf("://") + 3;
              int at = base.indexOf('@', scheme);
              int colon = base.indexOf(':', scheme);
              String u =
                  at < 0
                      ? base.substring(0, scheme) + pct(bad) + "@" + base.substring(scheme)
                      : base.substring(0, scheme)
                          + pct(bad)
                          + base.substring(colon >= 0 && colon < at ? colon : at);
              DatabaseUrl parsed = DatabaseUrl.parse(u);
              Engine e = trial.keep(Engine.create(parsed));
              trial.show(e);
              borrowOnce(e.dataSource());
              return Verdict.compare(parsed.username().orElse(null), bad);
            }));
  }

  private void host(List<HostileCase> out) {
    String host = "h".repeat(Hostile.HOST_LENGTH);
    String value = Hostile.HOST_LENGTH + " × 'h'";
    out.add(
        c(
            Group.HOST,
            "URL",
            "host",
            value,
            List.of("host"),
            null,
            trial -> {
              Engine e =
                  trial.keep(
                      Engine.create(
                          scheme
                              + "://app@"
                              + host
                              + ":"
                              + db.port()
                              + "/test?name="
                              + APP
                              + "&shutdownHook=false"));
              borrowOnce(e.dataSource());
              return Verdict.HONOURED;
            }));
    out.add(
        c(
            Group.HOST,
            "DatabaseUrl.Builder.host",
            "host",
            value,
            List.of("host"),
            null,
            trial -> {
              DatabaseUrl u =
                  DatabaseUrl.builder(scheme)
                      .username("app")
                      .host(host, db.port())
                      .database("test")
                      .option(Option.NAME, APP)
                      .option(Option.SHUTDOWN_HOOK, false)
                      .build();
              Engine e = trial.keep(Engine.create(u));
              borrowOnce(e.dataSource());
              return Verdict.HONOURED;
            }));
  }
}
