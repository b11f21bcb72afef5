package dev.cistern.internal.sql;

/**
 * Finds the one {@code VALUES} tuple of a single-row {@code INSERT}, looking at the lexer's mask
 * (code only: comments are spaces, quoted regions {@link SqlLexer#QUOTED}).
 *
 * <p>The rule is deliberately narrow: the statement starts with {@code INSERT}, has {@code VALUES}
 * (or MySQL's {@code VALUE}) at parenthesis depth 0 before any {@code SELECT}, then exactly one
 * parenthesised tuple, then nothing, a {@code ;}, or trailing clauses ({@code RETURNING ...},
 * {@code ON CONFLICT ...}, {@code ON DUPLICATE KEY UPDATE ...}) without parameters. Every parameter
 * must be inside the tuple, and the SQL must have no JDBC {@code ?} of its own.
 */
final class InsertShape {
  private InsertShape() {}

  /**
   * Returns {@code {start, end}}, the indexes of the tuple's {@code (} and {@code )}, or null if
   * the statement is not a single-row insert that can be extended with more tuples.
   */
  static int[] find(String mask, int[] positions, int bareMarkers) {
    if (bareMarkers > 0) {
      return null;
    }
    int n = mask.length();
    int k = skipSpace(mask, 0);
    if (!isWord(mask, k, "insert")) {
      return null;
    }
    int depth = 0;
    int open = -1;
    while (k < n) {
      char c = mask.charAt(k);
      if (c == '(') {
        depth++;
        k++;
      } else if (c == ')') {
        depth--;
        k++;
      } else if (depth == 0 && wordStart(mask, k)) {
        int end = wordEnd(mask, k);
        if (isWord(mask, k, "select")) {
          return null;
        }
        if (isWord(mask, k, "values") || isWord(mask, k, "value")) {
          open = skipSpace(mask, end);
          break;
        }
        k = end;
      } else if (depth == 0 && c == ';') {
        return null;
      } else {
        k++;
      }
    }
    if (open < 0 || open >= n || mask.charAt(open) != '(') {
      return null;
    }
    int close = matching(mask, open);
    if (close < 0) {
      return null;
    }
    int after = skipSpace(mask, close + 1);
    if (after < n && mask.charAt(after) == ',') {
      return null; // several tuples already
    }
    if (after < n && mask.charAt(after) == ';' && skipSpace(mask, after + 1) < n) {
      return null; // another statement follows
    }
    for (int p : positions) {
      if (p < open || p > close) {
        return null;
      }
    }
    return new int[] {open, close};
  }

  private static int skipSpace(String s, int k) {
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private static boolean isWordChar(char c) {
    return SqlLexer.isNamePart(c) || c == '$' || c > 127;
  }

  private static boolean wordStart(String s, int k) {
    return isWordChar(s.charAt(k)) && (k == 0 || !isWordChar(s.charAt(k - 1)));
  }

  private static int wordEnd(String s, int k) {
    while (k < s.length() && isWordChar(s.charAt(k))) {
      k++;
    }
    return k;
  }

  /** Returns true if the whole word at {@code k} is {@code word}, ignoring case. */
  private static boolean isWord(String s, int k, String word) {
    int end = k + word.length();
    return s.regionMatches(true, k, word, 0, word.length())
        && (end == s.length() || !isWordChar(s.charAt(end)));
  }

  /** Returns the index of the {@code )} closing the {@code (} at {@code open}, or -1. */
  private static int matching(String s, int open) {
    int depth = 0;
    for (int k = open; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return -1;
  }
}
