package dev.cistern.cli;

import dev.cistern.Row;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes rows as an aligned table ({@code NULL} for null, numbers right-aligned), as CSV (RFC 4180:
 * CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled; null is an empty
 * field) or as a JSON array of objects (SQL arrays as JSON arrays, json and jsonb values as JSON).
 */
enum ResultFormat {
  /** An aligned table with a header and a separator line. */
  TABLE,
  /** RFC 4180 CSV with a header line. */
  CSV,
  /** A JSON array with one object per row. */
  JSON;

  /** Writes the rows under the given column labels. */
  void write(PrintWriter out, List<String> keys, List<Row> rows) {
    switch (this) {
      case TABLE -> table(out, keys, rows);
      case CSV -> csv(out, keys, rows);
      case JSON -> json(out, keys, rows);
    }
    out.flush();
  }

  private static void table(PrintWriter out, List<String> keys, List<Row> rows) {
    int cols = keys.size();
    int[] width = new int[cols];
    boolean[] right = new boolean[cols];
    List<String[]> cells = new ArrayList<>(rows.size());
    for (int c = 0; c < cols; c++) {
      width[c] = keys.get(c).length();
      right[c] = !rows.isEmpty();
    }
    for (Row r : rows) {
      String[] line = new String[cols];
      for (int c = 0; c < cols; c++) {
        Object v = r.get(c);
        line[c] = v == null ? "NULL" : oneLine(text(v));
        width[c] = Math.max(width[c], line[c].length());
        if (v != null && !(v instanceof Number)) {
          right[c] = false;
        }
      }
      cells.add(line);
    }
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cols; c++) {
      b.append(c == 0 ? " " : " | ").append(pad(keys.get(c), width[c], false));
    }
    out.println(b.toString().stripTrailing());
    b.setLength(0);
    for (int c = 0; c < cols; c++) {
      b.append(c == 0 ? "-" : "-+-").append("-".repeat(width[c]));
    }
    out.println(b);
    for (String[] line : cells) {
      b.setLength(0);
      for (int c = 0; c < cols; c++) {
        b.append(c == 0 ? " " : " | ").append(pad(line[c], width[c], right[c]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static void csv(PrintWriter out, List<String> keys, List<Row> rows) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < keys.size(); c++) {
      b.append(c == 0 ? "" : ",").append(csvField(keys.get(c)));
    }
    out.print(b.append("\r\n"));
    for (Row r : rows) {
      b.setLength(0);
      for (int c = 0; c < keys.size(); c++) {
        Object v = r.get(c);
        b.append(c == 0 ? "" : ",").append(v == null ? "" : csvField(text(v)));
      }
      out.print(b.append("\r\n"));
    }
  }

  /** Quotes a CSV field if it holds a comma, a quote or a line break, doubling quotes. */
  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static void json(PrintWriter out, List<String> keys, List<Row> rows) {
    out.println(jsonRows(keys, rows, ""));
  }

  /**
   * Returns the rows as a JSON array of objects, every line after the first indented by {@code
   * indent} (for an array nested in the array of several statements' results).
   */
  static String jsonRows(List<String> keys, List<Row> rows, String indent) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < rows.size(); i++) {
      b.append(i == 0 ? "" : ",").append("\n").append(indent).append("  {");
      Row r = rows.get(i);
      for (int c = 0; c < keys.size(); c++) {
        b.append(c == 0 ? "" : ", ").append(jsonString(keys.get(c))).append(": ");
        b.append(jsonValue(r.get(c)));
      }
      b.append('}');
    }
    return b.append(rows.isEmpty() ? "]" : "\n" + indent + "]").toString();
  }

  /**
   * Returns a value as JSON: null, a boolean, a finite number, an array (a SQL array) of JSON
   * values, the text itself for text that is a JSON object or array (a json or jsonb value, which
   * drivers return as text), else a string.
   */
  static String jsonValue(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof java.math.BigInteger) {
      return v.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? v.toString() : jsonString(v.toString());
    }
    if (v instanceof Object[] array) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < array.length; i++) {
        b.append(i == 0 ? "" : ", ").append(jsonValue(array[i]));
      }
      return b.append(']').toString();
    }
    if (v instanceof String s && JsonText.isObjectOrArray(s)) {
      return s.strip();
    }
    return jsonString(text(v));
  }

  /** Returns the string as a JSON string literal. */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Returns a value as text: bytes as {@code \x0a1b}, numbers plainly, anything else by toString.
   */
  static String text(Object v) {
    if (v instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Object[] array) {
      return java.util.Arrays.deepToString(array);
    }
    return String.valueOf(v);
  }
}
