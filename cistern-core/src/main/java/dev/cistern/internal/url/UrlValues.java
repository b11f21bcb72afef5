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

  /** The message for an unknown dialect: the known ones, and the nearest if it is a likely typo. */
  static String unknownDialect(String name) {
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
    for (Host h : hosts) {
      String n = h.name();
      if (n.isEmpty()) {
        throw new InvalidUrlException("a host name must not be empty", null, -1);
      }
      for (int i = 0; i < n.length(); i++) {
        char c = n.charAt(i);
        boolean ok =
            n.indexOf(':') >= 0
                ? isIpv6Char(c)
                : UrlCodec.isUnreserved(c) || "%!$&'()*+;=".indexOf(c) >= 0;
        if (!ok) {
          throw new InvalidUrlException("bad character '" + c + "' in host '" + n + "'", null, -1);
        }
      }
    }
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
