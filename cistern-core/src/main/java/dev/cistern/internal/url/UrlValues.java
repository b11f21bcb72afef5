package dev.cistern.internal.url;

import dev.cistern.DatabaseUrl.Host;
import dev.cistern.InvalidUrlException;
import dev.cistern.Option;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.text.EditDistance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Checks on the parts of a URL, shared by the parser and the builder. */
public final class UrlValues {
  private UrlValues() {}

  /** Engine options and driver properties taken from a URL's query. */
  public record Split(Map<Option<?>, Object> options, Map<String, String> driverProperties) {}

  /**
   * Returns the canonical name of a dialect, or {@code jdbc} for raw JDBC URLs of other databases.
   */
  public static String canonicalDialect(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidUrlException(
          "no dialect given; known dialects: " + Dialects.describeNames(), null, -1);
    }
    if (name.equalsIgnoreCase("jdbc")) {
      return "jdbc";
    }
    Optional<Dialect> d = Dialects.find(name);
    if (d.isEmpty()) {
      throw new InvalidUrlException(unknownDialect(name), null, -1);
    }
    return d.get().name();
  }

  /**
   * Databases people write in URLs that Cistern has no dialect for, by the names they use: a URL
   * naming one is told so, not offered a different database whose name is spelt alike ({@code
   * mssql} is not a typo of {@code mysql}).
   */
  private static final Map<String, String> UNSUPPORTED =
      Map.ofEntries(
          Map.entry("oracle", "Oracle"),
          Map.entry("oracledb", "Oracle"),
          Map.entry("mssql", "SQL Server"),
          Map.entry("sqlserver", "SQL Server"),
          Map.entry("db2", "Db2"),
          Map.entry("derby", "Derby"),
          Map.entry("firebird", "Firebird"),
          Map.entry("snowflake", "Snowflake"),
          Map.entry("clickhouse", "ClickHouse"));

  /** The message for an unknown dialect: the known ones, and the nearest if it is a likely typo. */
  static String unknownDialect(String name) {
    String unsupported = UNSUPPORTED.get(name.toLowerCase(Locale.ROOT));
    if (unsupported != null) {
      return unsupported
          + " is not supported; dialects: "
          + Dialects.describeNames()
          + " (any database with a JDBC driver on the class path)";
    }
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (Dialect d : Dialects.all()) {
      int dist = EditDistance.between(name.toLowerCase(Locale.ROOT), d.name());
      if (dist < best) {
        best = dist;
        nearest = d.name();
      }
    }
    String hint = best <= 2 ? " Did you mean '" + nearest + "'?" : "";
    return "unknown dialect '"
        + name
        + "'; known dialects: "
        + Dialects.describeNames()
        + "."
        + hint;
  }

  /** Returns true for dialects (H2, HSQLDB) whose opaque form takes ?user= and ?password=. */
  public static boolean takesCredentialsInQuery(String dialect) {
    return Dialects.find(dialect).map(Dialect::allowsOpaqueForm).orElse(false);
  }

  /** Checks that the parts of a URL fit together. */
  public static void checkParts(
      String dialect, String username, String password, List<Host> hosts, String rawJdbcUrl) {
    if (rawJdbcUrl != null) {
      if (username != null || password != null || !hosts.isEmpty()) {
        throw new InvalidUrlException(
            "a raw jdbc: URL carries its own user, password and host; put them inside the jdbc: URL",
            UrlMasker.mask(rawJdbcUrl),
            -1);
      }
      return;
    }
    if (dialect.equals("jdbc")) {
      throw new InvalidUrlException(
          "the jdbc dialect needs a raw jdbc: URL; use a dialect such as "
              + Dialects.describeNames(),
          null,
          -1);
    }
    checkName("user name", username);
    for (Host h : hosts) {
      String n = h.name();
      if (n.isEmpty()) {
        throw new InvalidUrlException("a host name must not be empty", null, -1);
      }
      if (n.length() > MAX_HOST_LENGTH) {
        throw new InvalidUrlException(
            "the host name is "
                + n.length()
                + " characters long; a host name has at most "
                + MAX_HOST_LENGTH,
            null,
            -1);
      }
      for (int i = 0; i < n.length(); i++) {
        char c = n.charAt(i);
        if (c == '%' && n.indexOf(':') < 0) {
          throw new InvalidUrlException(
              "'%' in host: a host name is never percent-encoded (if the '%' belongs to the"
                  + " password, a '/' or '?' in it ended the password early)"
                  + UrlParser.PERCENT_ENCODE_HINT,
              null,
              -1);
        }
        boolean ok =
            n.indexOf(':') >= 0
                ? isIpv6Char(c)
                : UrlCodec.isUnreserved(c) || "!$&'()*+;=".indexOf(c) >= 0;
        if (!ok) {
          throw new InvalidUrlException(
              "bad character '"
                  + OptionValues.printable(String.valueOf(c))
                  + "' in host '"
                  + OptionValues.printable(n)
                  + "'",
              null,
              -1);
        }
      }
    }
  }

  /** The longest host name DNS allows (RFC 1035: 253 characters written out). */
  static final int MAX_HOST_LENGTH = 253;

  /**
   * Refuses control characters (newline, NUL, ESC, ...) in a user name or database name: they end
   * up in log lines and driver messages, where a newline forges a line and a NUL cuts it. The
   * message names the character and its place, never the name itself.
   */
  public static void checkName(String what, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidUrlException(
            "the "
                + what
                + " contains the control character U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + " at position "
                + (i + 1)
                + "; names must be printable text",
            null,
            -1);
      }
    }
  }

  /**
   * Refuses a query key that cannot be a driver property: one with '@' or '/' (a sign that a
   * password broke the URL), or one so close to an option's name that it is a misspelling of it
   * rather than a property for the driver.
   */
  static void checkQueryKey(String key, BiFunction<String, String, RuntimeException> error) {
    if (key.indexOf('@') >= 0 || key.indexOf('/') >= 0) {
      throw error.apply(
          key,
          "a query key cannot contain '@' or '/'; if the password contains '?', it ended the host"
              + " part early"
              + UrlParser.PERCENT_ENCODE_HINT);
    }
    Optional<Option<?>> near = nearOption(key);
    if (near.isPresent()) {
      throw error.apply(
          key,
          "unknown query key '"
              + OptionValues.printable(key)
              + "': did you mean "
              + near.get().key()
              + "? A key this close to an option's name is taken for a misspelling, not passed to"
              + " the driver; options are spelled as in the README (e.g. "
              + near.get().key()
              + " or "
              + near.get().names().get(near.get().names().size() > 1 ? 1 : 0)
              + ")");
    }
  }

  /**
   * Returns the option {@code key} is a misspelling of, if any: a key that is not an option's name
   * but is at most 1 edit (names of up to 8 characters) or 2 edits (longer names) from one, case,
   * '_' and '-' ignored, a swap of two neighbouring letters counting as one edit. So {@code
   * poolSiz}, {@code POOL_SIZE}, {@code poolSzie} and {@code pool-size} are refused with a hint,
   * while driver properties such as H2's {@code PAGE_SIZE} (2 edits from poolSize) or MariaDB's
   * {@code maxPoolSize} (3 edits) pass through.
   */
  public static Optional<Option<?>> nearOption(String key) {
    if (Option.byName(key).isPresent()) {
      return Optional.empty();
    }
    String wanted = fold(key);
    Option<?> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Option<?> o : Option.values()) {
      for (String n : o.names()) {
        String name = fold(n);
        int limit = name.length() <= 8 ? 1 : 2;
        int d = swapDistance(wanted, name, limit);
        if (d <= limit && d < bestDistance) {
          bestDistance = d;
          best = o;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /**
   * Edit distance where a swap of neighbours is one edit (optimal string alignment); gives up with
   * {@code limit + 1} when the lengths alone differ by more than {@code limit}.
   */
  static int swapDistance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }

  static boolean isIpv6Char(char c) {
    return Character.digit(c, 16) >= 0
        || c == ':'
        || c == '.'
        || c == '%'
        || c == '_'
        || c == '-'
        || (c >= 'g' && c <= 'z')
        || (c >= 'G' && c <= 'Z');
  }

  /**
   * Splits a query into typed engine options and driver properties.
   *
   * @param error makes the exception for a key and a reason
   */
  public static Split split(
      Map<String, List<String>> query, BiFunction<String, String, RuntimeException> error) {
    Map<Option<?>, Object> options = new LinkedHashMap<>();
    Map<Option<?>, String> optionKeys = new LinkedHashMap<>();
    Map<String, String> props = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String key = e.getKey();
      checkQueryKey(key, error);
      Optional<Option<?>> option = Option.byName(key);
      for (String value : e.getValue()) {
        if (option.isPresent()) {
          Option<?> o = option.get();
          Object typed;
          try {
            typed = OptionValues.parse(o, value);
          } catch (IllegalArgumentException ex) {
            throw error.apply(key, "option " + ex.getMessage());
          }
          Object before = options.putIfAbsent(o, typed);
          if (before != null && !before.equals(typed)) {
            String first = optionKeys.get(o);
            throw error.apply(
                key,
                "option "
                    + o.key()
                    + " is given twice with different values ("
                    + (first.equals(key) ? key : first + " and " + key)
                    + "="
                    + OptionValues.format(before)
                    + " vs "
                    + OptionValues.format(typed)
                    + "); give it once");
          }
          optionKeys.putIfAbsent(o, key);
        } else {
          // A repeated driver property keeps every value, comma-separated, as drivers take lists.
          props.merge(key, value, (a, b) -> a + "," + b);
        }
      }
    }
    return new Split(Collections.unmodifiableMap(options), Collections.unmodifiableMap(props));
  }

  /** Splits a query, reporting errors against the URL text given by {@code maskedText}. */
  public static Split split(Map<String, List<String>> query, Supplier<String> maskedText) {
    return split(query, (key, reason) -> new InvalidUrlException(reason, maskedText.get(), -1));
  }

  /** Returns true if two possibly-null strings are equal. */
  static boolean same(String a, String b) {
    return Objects.equals(a, b);
  }
}
