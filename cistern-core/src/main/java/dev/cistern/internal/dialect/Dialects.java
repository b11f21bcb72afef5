package dev.cistern.internal.dialect;

import dev.cistern.DatabaseUrl;
import dev.cistern.InvalidUrlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registry of known dialects, looked up by name or alias. */
public final class Dialects {
  private static final List<Dialect> ALL =
      List.of(
          new PostgresDialect(),
          new MySqlDialect(),
          new MariaDbDialect(),
          new SqliteDialect(),
          new H2Dialect(),
          new HsqldbDialect());

  private static final Dialect GENERIC = new GenericJdbcDialect();

  private static final Map<String, Dialect> BY_NAME;

  static {
    Map<String, Dialect> m = new LinkedHashMap<>();
    for (Dialect d : ALL) {
      m.put(d.name(), d);
      for (String a : d.aliases()) {
        m.put(a, d);
      }
    }
    BY_NAME = Collections.unmodifiableMap(m);
  }

  private Dialects() {}

  /** Finds a dialect by its name or an alias, ignoring case. */
  public static Optional<Dialect> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns the dialect of a URL: the one named by {@link DatabaseUrl#dialect()}, or the generic
   * dialect for a raw {@code jdbc:} URL of a database without a dialect ({@code jdbc}).
   *
   * @throws InvalidUrlException if the dialect is unknown (a URL made by the parser never has one)
   */
  public static Dialect forUrl(DatabaseUrl url) {
    if (url.dialect().equals(GENERIC.name())) {
      return GENERIC;
    }
    return find(url.dialect())
        .orElseThrow(
            () ->
                new InvalidUrlException(
                    "unknown dialect '" + url.dialect() + "'; known dialects: " + describeNames(),
                    url.toString(),
                    -1));
  }

  /** Returns every known dialect (not the generic one for raw URLs). */
  public static List<Dialect> all() {
    return ALL;
  }

  /** Returns the known names as a readable list, aliases in parentheses. */
  public static String describeNames() {
    List<String> parts = new ArrayList<>();
    for (Dialect d : ALL) {
      parts.add(
          d.aliases().isEmpty()
              ? d.name()
              : d.name() + " (also " + String.join(", ", d.aliases()) + ")");
    }
    return String.join(", ", parts) + ", or a raw jdbc: URL";
  }
}
