package dev.cistern.cli;

/**
 * Tells whether text is one well-formed JSON object or array (RFC 8259), so that a json or jsonb
 * value, which the driver hands over as text, can be written into the JSON output as JSON.
 */
final class JsonText {
  private static final int MAX_DEPTH = 200;

  private final String s;
  private int i;

  private JsonText(String s) {
    this.s = s;
  }

  /** Returns true if the text, stripped, is exactly one JSON object or array. */
  static boolean isObjectOrArray(String text) {
    String t = text.strip();
    if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
      return false;
    }
    JsonText p = new JsonText(t);
    return p.value(0) && p.i == t.length();
  }

  private boolean value(int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    space();
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    boolean ok;
    if (c == '{') {
      ok = members(depth);
    } else if (c == '[') {
      ok = elements(depth);
    } else if (c == '"') {
      ok = string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = number();
    } else {
      ok = word("true") || word("false") || word("null");
    }
    space();
    return ok;
  }

  private boolean members(int depth) {
    i++;
    space();
    if (peek('}')) {
      i++;
      return true;
    }
    while (true) {
      space();
      if (!peek('"') || !string()) {
        return false;
      }
      space();
      if (!peek(':')) {
        return false;
      }
      i++;
      if (!value(depth + 1)) {
        return false;
      }
      if (peek(',')) {
        i++;
      } else if (peek('}')) {
        i++;
        return true;
      } else {
        return false;
      }
    }
  }

  private boolean elements(int depth) {
    i++;
    space();
    if (peek(']')) {
      i++;
      return true;
    }
    while (true) {
      if (!value(depth + 1)) {
        return false;
      }
      if (peek(',')) {
        i++;
      } else if (peek(']')) {
        i++;
        return true;
      } else {
        return false;
      }
    }
  }

  private boolean string() {
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c == '\\') {
        if (i >= s.length()) {
          return false;
        }
        char e = s.charAt(i++);
        if (e == 'u') {
          if (i + 4 > s.length()) {
            return false;
          }
          for (int k = 0; k < 4; k++) {
            if (Character.digit(s.charAt(i++), 16) < 0) {
              return false;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          return false;
        }
      }
    }
    return false;
  }

  private boolean number() {
    int start = i;
    if (peek('-')) {
      i++;
    }
    if (peek('0')) {
      i++;
    } else if (!digits()) {
      return false;
    }
    if (peek('.')) {
      i++;
      if (!digits()) {
        return false;
      }
    }
    if (peek('e') || peek('E')) {
      i++;
      if (peek('+') || peek('-')) {
        i++;
      }
      if (!digits()) {
        return false;
      }
    }
    return i > start;
  }

  private boolean digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > start;
  }

  private boolean word(String w) {
    if (s.startsWith(w, i)) {
      i += w.length();
      return true;
    }
    return false;
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void space() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }
}
