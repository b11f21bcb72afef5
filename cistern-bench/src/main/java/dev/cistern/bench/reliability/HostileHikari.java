package dev.cistern.bench.reliability;

import static dev.cistern.bench.reliability.HostileCase.borrowOnce;
import static dev.cistern.bench.reliability.HostileText.pct;
import static dev.cistern.bench.reliability.HostileText.show;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cistern.bench.reliability.HostileCase.Body;
import dev.cistern.bench.reliability.HostileCase.Group;
import dev.cistern.bench.reliability.HostileCase.Trial;
import dev.cistern.bench.reliability.HostileCase.Verdict;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Scenario 8's cases on HikariCP, the control: its nine numeric settings with negative, zero and
 * huge values through the {@link HikariConfig} setters, and with every value of {@link
 * Hostile#TEXTS} through {@code new HikariConfig(Properties)}; each setting's name one letter short
 * in the properties; the passwords of {@link Hostile#passwords()} through {@code setPassword} and
 * in the JDBC URL ({@code ?password=}, raw and percent-encoded), against a closed port; NUL and
 * newline in the pool name and the user; a 100,000-character host in the JDBC URL. On the scratch
 * database's server: {@code jdbc:postgresql://} or {@code jdbc:mariadb://} URLs.
 *
 * <p>Every pool gets {@code minimumIdle=1} (unless that is the setting under test), so that a huge
 * {@code maximumPoolSize} does not fill the shared server, and its name as the sessions'
 * application name ({@code ApplicationName} on PostgreSQL, {@code connectionAttributes} on
 * MariaDB).
 */
final class HostileHikari {
  /** The pools' name, also their sessions' application name. */
  static final String APP = "rel8-h";

  /** A numeric HikariCP setting: its property name, the names its messages use, setter, getter. */
  private record Setting(
      String key,
      List<String> names,
      boolean isInt,
      BiConsumer<HikariConfig, Long> set,
      Function<HikariConfig, Long> get) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              "maximumPoolSize",
              List.of("maximumPoolSize", "maxPoolSize"),
              true,
              (c, v) -> c.setMaximumPoolSize(v.intValue()),
              c -> (long) c.getMaximumPoolSize()),
          new Setting(
              "minimumIdle",
              List.of("minimumIdle", "minIdle"),
              true,
              (c, v) -> c.setMinimumIdle(v.intValue()),
              c -> (long) c.getMinimumIdle()),
          longSetting(
              "connectionTimeout",
              HikariConfig::setConnectionTimeout,
              c -> c.getConnectionTimeout()),
          longSetting(
              "validationTimeout",
              HikariConfig::setValidationTimeout,
              c -> c.getValidationTimeout()),
          longSetting("idleTimeout", HikariConfig::setIdleTimeout, c -> c.getIdleTimeout()),
          longSetting("maxLifetime", HikariConfig::setMaxLifetime, c -> c.getMaxLifetime()),
          longSetting(
              "leakDetectionThreshold",
              HikariConfig::setLeakDetectionThreshold,
              c -> c.getLeakDetectionThreshold()),
          longSetting("keepaliveTime", HikariConfig::setKeepaliveTime, c -> c.getKeepaliveTime()),
          longSetting(
              "initializationFailTimeout",
              HikariConfig::setInitializationFailTimeout,
              c -> c.getInitializationFailTimeout()));

  private static Setting longSetting(
      String key, BiConsumer<HikariConfig, Long> set, Function<HikariConfig, Long> get) {
    return new Setting(key, List.of(key), false, set, get);
  }

  private final Scratch db;
  private final int closedPort;
  private final Database database;
  private final String jdbcScheme;

  HostileHikari(Scratch db, int closedPort) {
    this.db = db;
    this.closedPort = closedPort;
    this.database = db.database();
    this.jdbcScheme = "jdbc:" + HostileCistern.scheme(database) + "://";
  }

  /**
   * The driver property that makes {@code APP} the sessions' application name: {@code
   * ApplicationName} on PostgreSQL, {@code connectionAttributes} on MariaDB.
   */
  private String[] applicationName() {
    return database == Database.POSTGRESQL
        ? new String[] {"ApplicationName", APP}
        : new String[] {"connectionAttributes", "program_name:" + APP};
  }

  /** Every case, in order. */
  List<HostileCase> cases() {
    List<HostileCase> out = new ArrayList<>();
    for (Setting s : SETTINGS) {
      settings(s, out);
    }
    for (Setting s : SETTINGS) {
      typo(s, out);
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

  private HikariConfig config() {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(db.jdbcUrl());
    c.setUsername(db.user());
    c.setPassword(db.password());
    c.setPoolName(APP);
    c.setMinimumIdle(1);
    String[] app = applicationName();
    c.addDataSourceProperty(app[0], app[1]);
    return c;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("jdbcUrl", db.jdbcUrl());
    p.setProperty("username", db.user());
    if (!db.password().isEmpty()) {
      p.setProperty("password", db.password());
    }
    p.setProperty("poolName", APP);
    p.setProperty("minimumIdle", "1");
    String[] app = applicationName();
    p.setProperty("dataSource." + app[0], app[1]);
    return p;
  }

  private static HostileCase c(
      Group g, String door, String subject, String value, List<String> names, String raw, Body b) {
    return new HostileCase(Target.HIKARI, g, door, subject, value, names, raw, null, null, b);
  }

  private void settings(Setting s, List<HostileCase> out) {
    List<Long> typed =
        s.isInt()
            ? List.of(-1L, 0L, (long) Integer.MAX_VALUE)
            : List.of(-1L, 0L, Long.MAX_VALUE, Hostile.HOURS_9999999_MS);
    for (long v : typed) {
      out.add(
          c(
              Group.OPTION,
              "setter",
              s.key(),
              show(v),
              s.names(),
              String.valueOf(v),
              trial -> {
                HikariConfig cfg = config();
                s.set().accept(cfg, v);
                HikariDataSource ds = trial.keep(new HikariDataSource(cfg));
                trial.show(ds);
                long got = s.get().apply(ds);
                borrowOnce(ds);
                return Verdict.compare(got, v);
              }));
    }
    for (String text : Hostile.TEXTS) {
      out.add(
          c(
              Group.OPTION,
              "Properties",
              s.key(),
              show(text),
              s.names(),
              text,
              trial -> {
                Properties p = properties();
                p.setProperty(s.key(), text);
                HikariDataSource ds = trial.keep(new HikariDataSource(new HikariConfig(p)));
                trial.show(ds);
                long got = s.get().apply(ds);
                long wanted;
                try {
                  wanted = Long.parseLong(text);
                } catch (NumberFormatException x) {
                  return Verdict.changed("accepted text that is not a number; reads back " + got);
                }
                borrowOnce(ds);
                return Verdict.compare(got, wanted);
              }));
    }
  }

  private void typo(Setting s, List<HostileCase> out) {
    String typo = s.key().substring(0, s.key().length() - 1);
    out.add(
        new HostileCase(
            Target.HIKARI,
            Group.TYPO,
            "Properties",
            typo,
            "3",
            List.of(typo),
            typo,
            s.key(),
            null,
            trial -> {
              Properties p = properties();
              p.setProperty(typo, "3");
              trial.keep(new HikariDataSource(new HikariConfig(p)));
              return Verdict.TYPO_ACCEPTED;
            }));
  }

  private void passwords(String pw, List<HostileCase> out) {
    String closed = jdbcScheme + "127.0.0.1:" + closedPort + "/test";
    String shown = Hostile.describe(pw);
    out.add(
        password(
            "setPassword",
            shown,
            pw,
            trial -> {
              HikariConfig cfg = closedConfig(closed);
              cfg.setPassword(pw);
              build(trial, cfg);
              return pw.equals(cfg.getPassword())
                  ? Verdict.HONOURED
                  : Verdict.changed("the password read is not the one written");
            }));
    out.add(
        password(
            "JDBC URL ?password=, percent-encoded",
            shown,
            pw,
            trial -> inUrl(trial, database, closed + "?password=" + pct(pw), pw)));
    out.add(
        password(
            "JDBC URL ?password=, raw",
            shown,
            pw,
            trial -> inUrl(trial, database, closed + "?password=" + pw, pw)));
  }

  private HostileCase password(String door, String shown, String pw, Body b) {
    return new HostileCase(
        Target.HIKARI,
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

  private static HikariConfig closedConfig(String jdbcUrl) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setUsername("app");
    cfg.setPoolName(APP);
    cfg.setMinimumIdle(1);
    // no connect while building (it would retry for a second); the borrow fails after 250 ms
    cfg.setInitializationFailTimeout(-1);
    cfg.setConnectionTimeout(250);
    return cfg;
  }

  /**
   * The password in the JDBC URL: the driver's own parse of the URL tells what it will send
   * (pgjdbc's {@code Driver.parseURL}, MariaDB Connector/J's {@code Configuration.parse}).
   */
  private static Verdict inUrl(Trial trial, Database d, String jdbcUrl, String pw)
      throws SQLException {
    HikariConfig cfg = closedConfig(jdbcUrl);
    build(trial, cfg);
    String read;
    if (d == Database.POSTGRESQL) {
      Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
      read = parsed == null ? null : parsed.getProperty("password");
    } else {
      try {
        read = org.mariadb.jdbc.Configuration.parse(jdbcUrl).password();
      } catch (SQLException x) {
        // its message is checked for the password like any other text
        trial.show(HostileText.stackText(x));
        return Verdict.changed("MariaDB Connector/J cannot parse the URL");
      }
    }
    return pw.equals(read)
        ? Verdict.HONOURED
        : Verdict.changed(
            "the password "
                + (d == Database.POSTGRESQL ? "pgjdbc" : "MariaDB Connector/J")
                + " reads is not the one written");
  }

  /** Builds the pool on a closed port and borrows: the borrow must fail, and show no password. */
  private static void build(Trial trial, HikariConfig cfg) throws SQLException {
    trial.show(cfg);
    try {
      HikariDataSource ds = trial.keep(new HikariDataSource(cfg));
      trial.show(ds);
      borrowOnce(ds);
    } catch (RuntimeException | SQLException x) {
      if (!HostileCase.connectFailure(x)) {
        throw x;
      }
      trial.caught(x);
    }
  }

  private void names(String bad, List<HostileCase> out) {
    String value = show(bad);
    out.add(
        c(
            Group.NAME,
            "setPoolName",
            "poolName",
            value,
            List.of("poolName"),
            bad,
            trial -> {
              HikariConfig cfg = config();
              cfg.setPoolName(bad);
              HikariDataSource ds = trial.keep(new HikariDataSource(cfg));
              trial.show(ds);
              borrowOnce(ds);
              return Verdict.compare(ds.getPoolName(), bad);
            }));
    out.add(
        c(
            Group.NAME,
            "Properties",
            "poolName",
            value,
            List.of("poolName"),
            bad,
            trial -> {
              Properties p = properties();
              p.setProperty("poolName", bad);
              HikariDataSource ds = trial.keep(new HikariDataSource(new HikariConfig(p)));
              trial.show(ds);
              borrowOnce(ds);
              return Verdict.compare(ds.getPoolName(), bad);
            }));
    out.add(
        c(
            Group.NAME,
            "setUsername",
            "username",
            value,
            List.of("user"),
            bad,
            trial -> {
              HikariConfig cfg = config();
              cfg.setUsername(bad);
              HikariDataSource ds = trial.keep(new HikariDataSource(cfg));
              borrowOnce(ds);
              return Verdict.compare(ds.getUsername(), bad);
            }));
  }

  private void host(List<HostileCase> out) {
    String jdbcUrl = jdbcScheme + "h".repeat(Hostile.HOST_LENGTH) + ":" + db.port() + "/test";
    String value = Hostile.HOST_LENGTH + " × 'h'";
    out.add(
        c(
            Group.HOST,
            "setJdbcUrl",
            "jdbcUrl",
            value,
            List.of("host", "jdbcUrl"),
            null,
            trial -> {
              HikariConfig cfg = config();
              cfg.setJdbcUrl(jdbcUrl);
              HikariDataSource ds = trial.keep(new HikariDataSource(cfg));
              borrowOnce(ds);
              return Verdict.HONOURED;
            }));
    out.add(
        c(
            Group.HOST,
            "Properties",
            "jdbcUrl",
            value,
            List.of("host", "jdbcUrl"),
            null,
            trial -> {
              Properties p = properties();
              p.setProperty("jdbcUrl", jdbcUrl);
              HikariDataSource ds = trial.keep(new HikariDataSource(new HikariConfig(p)));
              borrowOnce(ds);
              return Verdict.HONOURED;
            }));
  }
}
