package dev.cistern.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at {@code ;}, leaving alone a {@code ;} inside a quoted string or
 * identifier ({@code '...'}, {@code "..."}, {@code `...`}), a comment ({@code --}, {@code #} is not
 * treated as one, {@code /* *\/}) or a PostgreSQL dollar-quoted string ({@code $$...$$}, {@code
 * $tag$...$tag$}). Empty statements are dropped.
 */
final class SqlScript {
  private SqlScript() {}

  /** Returns the statements, stripped, without their trailing {@code ;}. */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char ch = sql.charAt(i);
      int end;
      if (ch == '\'' || ch == '"' || ch == '`') {
        end = closing(sql, i + 1, ch);
      } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        end = nl < 0 ? n : nl;
      } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
      } else if (ch == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        end = close < 0 ? n : close + tag.length();
      } else if (ch == ';') {
        add(out, cur);
        cur.setLength(0);
        i++;
        continue;
      } else {
        end = i + 1;
      }
      cur.append(sql, i, end);
      i = end;
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty() && !onlyComments(s)) {
      out.add(s);
    }
  }

  private static boolean onlyComments(String s) {
    String rest = s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\n]*", "");
    return rest.isBlank();
  }

  /** Returns the index after the closing quote; a doubled quote is an escaped one. */
  private static int closing(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '"') {
        i += 2; // MySQL-style escape; harmless elsewhere for splitting purposes
        continue;
      }
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** Returns {@code $tag$} starting at {@code i}, or null if there is none. */
  private static String dollarTag(String sql, int i) {
    if (i > 0 && Character.isLetterOrDigit(sql.charAt(i - 1))) {
      return null; // part of an identifier such as a$b
    }
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length()
        && sql.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
      return sql.substring(i, j + 1);
    }
    return null;
  }
}
