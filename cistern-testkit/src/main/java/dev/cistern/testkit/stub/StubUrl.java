package dev.cistern.testkit.stub;

import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A parsed stub URL: {@code jdbc:stub:<name>[?param=value&...]}. Parameters configure the database
 * when it is first created and are validated on every connect. See {@link StubDriver} for the
 * parameter list.
 */
final class StubUrl implements Consumer<StubDatabase> {

  private final String name;
  private final List<Consumer<StubDatabase>> settings;

  private StubUrl(String name, List<Consumer<StubDatabase>> settings) {
    this.name = name;
    this.settings = settings;
  }

  String name() {
    return name;
  }

  @Override
  public void accept(StubDatabase database) {
    for (Consumer<StubDatabase> setting : settings) {
      setting.accept(database);
    }
  }

  static StubUrl parse(String url) throws SQLException {
    if (url == null || !url.startsWith(StubDriver.URL_PREFIX)) {
      throw invalid("not a stub URL: " + url);
    }
    String rest = url.substring(StubDriver.URL_PREFIX.length());
    int question = rest.indexOf('?');
    String name = question < 0 ? rest : rest.substring(0, question);
    if (name.isEmpty()) {
      throw invalid("missing database name in " + url + ", expected jdbc:stub:<name>");
    }
    List<Consumer<StubDatabase>> settings = new ArrayList<>();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "true" : pair.substring(eq + 1);
        settings.add(setting(key, value));
      }
    }
    return new StubUrl(name, List.copyOf(settings));
  }

  private static Consumer<StubDatabase> setting(String key, String value) throws SQLException {
    switch (key) {
      case "connectFails":
        return faults(db -> db.connectFaults(), bool(key, value));
      case "validateFails":
        return faults(db -> db.validateFaults(), bool(key, value));
      case "closeFails":
        return faults(db -> db.closeFaults(), bool(key, value));
      case "connectHangs":
        boolean connectHangs = bool(key, value);
        return db -> db.connectFaults().setHang(connectHangs);
      case "validateHangs":
        boolean validateHangs = bool(key, value);
        return db -> db.validateFaults().setHang(validateHangs);
      case "closeHangs":
        boolean closeHangs = bool(key, value);
        return db -> db.closeFaults().setHang(closeHangs);
      case "connectDelay":
        Duration connectDelay = duration(key, value);
        return db -> db.connectFaults().setDelay(connectDelay);
      case "validateDelay":
        Duration validateDelay = duration(key, value);
        return db -> db.validateFaults().setDelay(validateDelay);
      case "closeDelay":
        Duration closeDelay = duration(key, value);
        return db -> db.closeFaults().setDelay(closeDelay);
      case "connectSqlState":
        return db -> db.connectFaults().setSqlState(value);
      case "validateSqlState":
        return db -> db.validateFaults().setSqlState(value);
      case "closeSqlState":
        return db -> db.closeFaults().setSqlState(value);
      case "validateReturnsFalse":
        boolean returnsFalse = bool(key, value);
        return db -> db.setValidateReturnsFalse(returnsFalse);
      case "failNextConnects":
        int failNext = count(key, value);
        return db -> db.failNextConnects(failNext);
      case "queryDelay":
        Duration queryDelay = duration(key, value);
        return db -> db.setQueryDelay(queryDelay);
      case "rows":
        int rows = count(key, value);
        return db -> db.setResultRows(rows);
      default:
        throw invalid("unknown stub URL parameter '" + key + "'; supported: " + StubDriver.PARAMS);
    }
  }

  private static Consumer<StubDatabase> faults(
      Function<StubDatabase, StubFaults> which, boolean fail) {
    return db -> which.apply(db).setFail(fail);
  }

  private static boolean bool(String key, String value) throws SQLException {
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    throw invalid(key + " must be true or false, not '" + value + "'");
  }

  private static int count(String key, String value) throws SQLException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key + " must be a non-negative integer, not '" + value + "'");
  }

  /**
   * Parses {@code 150ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 500us}, {@code 10ns}, an
   * ISO-8601 duration such as {@code PT0.5S}, or a bare number of milliseconds.
   */
  static Duration duration(String key, String value) throws SQLException {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p") || v.startsWith("-p")) {
        return nonNegative(key, Duration.parse(value.trim()));
      }
      String[][] units = {{"ms", "1000000"}, {"us", "1000"}, {"ns", "1"}, {"s", "1000000000"}};
      for (String[] unit : units) {
        if (v.endsWith(unit[0])) {
          long amount = Long.parseLong(v.substring(0, v.length() - unit[0].length()).trim());
          return nonNegative(
              key, Duration.ofNanos(Math.multiplyExact(amount, Long.parseLong(unit[1]))));
        }
      }
      if (v.endsWith("m")) {
        return nonNegative(key, Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))));
      }
      if (v.endsWith("h")) {
        return nonNegative(key, Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1))));
      }
      return nonNegative(key, Duration.ofMillis(Long.parseLong(v)));
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw invalid(key + " must be a duration such as 150ms, 2s or PT1S, not '" + value + "'");
    }
  }

  private static Duration nonNegative(String key, Duration d) throws SQLException {
    if (d.isNegative()) {
      throw invalid(key + " must not be negative: " + d);
    }
    return d;
  }

  private static SQLException invalid(String message) {
    return new SQLException(message, StubSupport.INVALID_PARAMETER);
  }
}
