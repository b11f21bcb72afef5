package dev.cistern.internal.sql;

import dev.cistern.internal.text.EditDistance;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The messages of parameter binding errors. They name parameters and quote the SQL (shortened), and
 * never hold a parameter value: values may be passwords.
 */
final class ParamErrors {
  /** How much of the SQL a message quotes. */
  static final int MAX_QUOTED = 200;

  private ParamErrors() {}

  /** Returns the SQL in double quotes, whitespace runs as one space, cut to about 200 chars. */
  static String quote(String sql) {
    StringBuilder b = new StringBuilder(Math.min(sql.length(), MAX_QUOTED) + 5);
    b.append('"');
    boolean space = false;
    int kept = 0;
    for (int k = 0; k < sql.length(); k++) {
      char c = sql.charAt(k);
      if (Character.isWhitespace(c)) {
        space = kept > 0;
        continue;
      }
      if (kept >= MAX_QUOTED) {
        b.append("...");
        break;
      }
      if (space) {
        b.append(' ');
        kept++;
        space = false;
      }
      b.append(c);
      kept++;
    }
    return b.append('"').toString();
  }

  /** The prefix naming the row of {@code bindRows}, or none for {@code bind} ({@code row < 0}). */
  private static String where(int row) {
    return row < 0 ? "" : "rows[" + row + "]: ";
  }

  static IllegalArgumentException missing(
      String name, String sql, int row, Collection<String> unusedKeys) {
    String msg =
        where(row)
            + "missing value for parameter :"
            + name
            + " in "
            + quote(sql)
            + " — add \""
            + name
            + "\" to the parameters map";
    String close = closest(name, unusedKeys);
    if (close != null) {
      msg += " (it has \"" + close + "\", which the SQL does not use: a misspelling?)";
    }
    return new IllegalArgumentException(msg);
  }

  static IllegalArgumentException unused(
      String key, String sql, int row, Collection<String> names) {
    StringBuilder msg = new StringBuilder(where(row));
    msg.append("parameter \"").append(key).append("\" is not used in ").append(quote(sql));
    if (names.isEmpty()) {
      msg.append(": the SQL has no :name parameters");
    } else {
      msg.append(": the SQL uses ")
          .append(names.stream().map(s -> ":" + s).collect(Collectors.joining(", ")));
      String close = key == null ? null : closest(key, names);
      if (close != null) {
        msg.append("; did you mean \"").append(close).append("\"?");
      }
    }
    msg.append(" — remove it from the parameters map");
    return new IllegalArgumentException(msg.toString());
  }

  static IllegalArgumentException emptyCollection(String name, String sql) {
    return new IllegalArgumentException(
        "parameter :"
            + name
            + " in "
            + quote(sql)
            + " is an empty collection: it would expand to nothing, and \"IN ()\" is not valid"
            + " SQL — handle the empty case before executing (e.g. skip the query, or return no"
            + " rows)");
  }

  static IllegalArgumentException collectionInRows(String name, String sql, int row) {
    return new IllegalArgumentException(
        where(row)
            + "parameter :"
            + name
            + " in "
            + quote(sql)
            + " is a collection or array: collections can't expand in executeMany, where every"
            + " row shares one SQL text — pass one value per row, or run the rows one by one");
  }

  static IllegalArgumentException nullRow(int row) {
    return new IllegalArgumentException(where(row) + "the parameters map is null");
  }

  static IllegalArgumentException mixed(String sql, SqlSyntax syntax) {
    return new IllegalArgumentException(
        "mixing JDBC ? placeholders with :name parameters is not supported, in "
            + quote(sql)
            + ": write every parameter as :name"
            + (syntax == SqlSyntax.POSTGRES
                ? " (for PostgreSQL's ? operators write ??, as with pgjdbc)"
                : ""));
  }

  static IllegalStateException notSingleRowInsert(String sql) {
    return new IllegalStateException(
        "bindRows needs INSERT ... VALUES (one tuple) with every parameter inside the tuple, not "
            + quote(sql)
            + " — bind each row on its own instead");
  }

  /**
   * Returns the candidate closest to {@code key} when it is close enough to be a likely misspelling
   * (ignoring case and a leading colon), or null.
   */
  static String closest(String key, Collection<String> candidates) {
    String k = key.startsWith(":") ? key.substring(1) : key;
    k = k.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c == null) {
        continue;
      }
      int d = EditDistance.between(k, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = k.length() <= 3 ? 1 : k.length() <= 8 ? 2 : 3;
    return bestDistance <= allowed ? best : null;
  }
}
