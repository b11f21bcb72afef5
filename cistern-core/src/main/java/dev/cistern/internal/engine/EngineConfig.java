package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.Option;
import dev.cistern.internal.text.EditDistance;
import dev.cistern.internal.url.OptionValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An engine's URL and options read from {@link Properties} or environment variables, checked.
 *
 * @param url the database URL
 * @param options the options given, typed
 */
public record EngineConfig(String url, Map<Option<?>, Object> options) {

  /**
   * Creates an engine from {@link Properties}: {@code <prefix>url} is the URL, and every option is
   * read from {@code <prefix><name>} in any of its {@linkplain Option#names() spellings} ({@code
   * cistern.poolSize} or {@code cistern.pool_size}); values are written as {@link
   * Option#parse(String)} reads them. Properties outside the prefix are ignored.
   *
   * <pre>{@code
   * cistern.url=postgresql://app@db/shop
   * cistern.pool_size=10
   * cistern.closeGrace=5s
   * }</pre>
   *
   * @param prefix the common prefix including any separator, e.g. {@code "cistern."}; may be empty
   * @throws CisternException if {@code <prefix>url} is missing, a key under the prefix names no
   *     option (the message names it and lists close matches), an option is given twice, or a value
   *     cannot be parsed
   */
  public static EngineConfig fromProperties(Properties props, String prefix) {
    Objects.requireNonNull(props, "props");
    Objects.requireNonNull(prefix, "prefix");
    String urlKey = prefix + "url";
    String url = null;
    Map<Option<?>, String> seen = new IdentityHashMap<>();
    Map<Option<?>, Object> values = new IdentityHashMap<>();
    for (String key : toMap(props).keySet()) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String value = props.getProperty(key);
      if (key.equals(urlKey)) {
        url = value;
        continue;
      }
      String name = key.substring(prefix.length());
      Option<?> option =
          Option.byName(name)
              .orElseThrow(
                  () ->
                      new CisternException(
                          "unknown option '"
                              + key
                              + "'"
                              + suggestions(name, prefix)
                              + "; every option is listed in Option (its key or SQLAlchemy's"
                              + " snake_case spelling)"));
      String earlier = seen.put(option, key);
      if (earlier != null) {
        throw new CisternException(
            "option " + option.key() + " is given twice, as '" + earlier + "' and '" + key + "'");
      }
      values.put(option, parseValue(option, key, value));
    }
    if (url == null || url.isBlank()) {
      throw new CisternException("missing property '" + urlKey + "': the database URL is required");
    }
    return new EngineConfig(url, values);
  }

  /**
   * Creates an engine from environment variables: {@code DATABASE_URL} is the URL, and each option
   * is read from its {@linkplain Option#environmentVariable() variable}, e.g. {@code
   * CISTERN_POOL_SIZE=10} or {@code CISTERN_CLOSE_GRACE=5s}.
   *
   * @throws CisternException if {@code DATABASE_URL} is not set or a value cannot be parsed
   */
  public static EngineConfig fromEnvironment(Function<String, String> env) {
    String url = env.apply("DATABASE_URL");
    if (url == null || url.isBlank()) {
      throw new CisternException(
          "environment variable DATABASE_URL is not set: the database URL is required");
    }
    Map<Option<?>, Object> values = new IdentityHashMap<>();
    for (Option<?> o : Option.values()) {
      String var = o.environmentVariable();
      String value = env.apply(var);
      if (value != null) {
        values.put(o, parseValue(o, var, value));
      }
    }
    return new EngineConfig(url, values);
  }

  private static Map<String, String> toMap(Properties props) {
    Map<String, String> m = new TreeMap<>();
    for (String k : props.stringPropertyNames()) {
      m.put(k, props.getProperty(k));
    }
    return m;
  }

  private static Object parseValue(Option<?> option, String source, String text) {
    try {
      return OptionValues.parse(option, text.trim());
    } catch (IllegalArgumentException e) {
      throw new CisternException("bad value for '" + source + "': " + e.getMessage(), e);
    }
  }

  /** Returns {@code "; did you mean cistern.pool_size, cistern.poolSize?"} or nothing. */
  private static String suggestions(String name, String prefix) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<String> all = new ArrayList<>(List.of("url"));
    for (Option<?> o : Option.values()) {
      all.addAll(o.names());
    }
    int limit = Math.max(2, wanted.length() / 3);
    List<String> close = new ArrayList<>();
    for (String candidate : all) {
      String c = candidate.toLowerCase(Locale.ROOT);
      if (EditDistance.between(wanted, c) <= limit
          || EditDistance.between(wanted.replace("_", ""), c.replace("_", "")) <= limit) {
        close.add(candidate);
      }
    }
    close.sort(
        Comparator.comparingInt(
                (String c) -> EditDistance.between(wanted, c.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
    if (close.isEmpty()) {
      return "";
    }
    List<String> shown = new ArrayList<>();
    for (String c : close.subList(0, Math.min(4, close.size()))) {
      shown.add(prefix + c);
    }
    return "; did you mean " + String.join(", ", shown) + "?";
  }
}
