package dev.cistern.cli;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for mistyped commands and options: the nearest candidate by edit distance. */
final class Suggest {
  private Suggest() {}

  /**
   * Returns the candidate nearest to {@code typed} when it is a likely typo (a prefix of it, or at
   * most two edits away and not more than a third of its length), else null.
   */
  static String closest(String typed, Collection<String> candidates) {
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String low = c.toLowerCase(Locale.ROOT);
      if (low.equals(t)) {
        continue;
      }
      int d = low.startsWith(t) && stem(t) >= 2 ? 1 : distance(t, low);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.min(2, Math.max(1, stem(t) / 3));
    return bestDistance <= limit ? best : null;
  }

  /** The length of a name without its leading dashes. */
  private static int stem(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '-') {
      i++;
    }
    return s.length() - i;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
