package dev.cistern.internal.sql;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders parameters and SQL for log lines and exception messages: short, one line, values cut
 * after a limit, binary shown by size only, and nothing at all when parameters are hidden.
 */
public final class ParameterText {
  static final String HIDDEN = "[hidden by hideParameters]";
  private static final int MAX_VALUE = 100;
  private static final int MAX_ELEMENTS = 10;
  private static final int MAX_SQL = 500;

  private ParameterText() {}

  /** Returns the SQL on one line, cut after 500 characters. */
  public static String sql(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() <= MAX_SQL
        ? one
        : one.substring(0, MAX_SQL) + "... (" + one.length() + " chars)";
  }

  /** Returns {@code {name=value, ...}}, or the hidden marker. */
  public static String of(Map<String, ?> params, boolean hidden) {
    if (hidden) {
      return HIDDEN;
    }
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, ?> e : params.entrySet()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(e.getKey()).append('=');
      value(b, e.getValue());
    }
    return b.append('}').toString();
  }

  private static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("NULL");
    } else if (v instanceof byte[] bytes) {
      b.append('<').append(bytes.length).append(" bytes>");
    } else if (v instanceof CharSequence s) {
      b.append('\'').append(cut(s.toString())).append('\'');
    } else if (v instanceof Collection<?> c) {
      elements(b, c.iterator(), c.size());
    } else if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> elements = new ArrayList<>(Math.min(n, MAX_ELEMENTS));
      for (int i = 0; i < n && i < MAX_ELEMENTS; i++) {
        elements.add(Array.get(v, i));
      }
      elements(b, elements.iterator(), n);
    } else {
      b.append(cut(String.valueOf(v)));
    }
  }

  private static void elements(StringBuilder b, Iterator<?> it, int size) {
    b.append('[');
    for (int i = 0; it.hasNext() && i < MAX_ELEMENTS; i++) {
      if (i > 0) {
        b.append(", ");
      }
      value(b, it.next());
    }
    if (size > MAX_ELEMENTS) {
      b.append(", ... (").append(size).append(" in all)");
    }
    b.append(']');
  }

  private static String cut(String s) {
    return s.length() <= MAX_VALUE
        ? s
        : s.substring(0, MAX_VALUE) + "... (" + s.length() + " chars)";
  }
}
