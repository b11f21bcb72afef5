package dev.cistern.internal.url;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in URL text that may be malformed, for error messages and raw JDBC URLs.
 *
 * <p>It errs towards masking too much: the span from the first ':' after "//" (or after the start,
 * for text with no "//") to the last '@' is masked, and so is the value of every query or property
 * key that looks like a secret.
 */
public final class UrlMasker {
  /** What replaces a masked secret. */
  public static final String MASK = "***";

  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)(?:pass|pwd|secret|token|credential)");
  private static final Pattern KEY_VALUE = Pattern.compile("(?<=[?&;])([^=&;?]*)=([^&;]*)");

  private final String masked;
  private final int[][] spans;

  private UrlMasker(String masked, int[][] spans) {
    this.masked = masked;
    this.spans = spans;
  }

  /** Returns true if a query or property key names a secret (password, token, ...). */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  /** Masks the secrets in {@code s}. */
  public static UrlMasker of(String s) {
    List<int[]> found = new ArrayList<>();
    int slashes = s.indexOf("//");
    int start = slashes < 0 ? 0 : slashes + 2;
    int at = s.lastIndexOf('@');
    if (at > start) {
      int colon = s.indexOf(':', start);
      if (colon >= 0 && colon < at) {
        found.add(new int[] {colon + 1, at});
      }
    }
    Matcher m = KEY_VALUE.matcher(s);
    while (m.find()) {
      if (isSecretKey(m.group(1)) && m.end(2) > m.start(2)) {
        found.add(new int[] {m.start(2), m.end(2)});
      }
    }
    found.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] span : found) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.add(span.clone());
      }
    }
    StringBuilder b = new StringBuilder(s.length());
    int pos = 0;
    for (int[] span : merged) {
      b.append(s, pos, span[0]).append(MASK);
      pos = span[1];
    }
    b.append(s, pos, s.length());
    return new UrlMasker(b.toString(), merged.toArray(new int[0][]));
  }

  /** Masks the secrets in {@code s} and returns the text. */
  public static String mask(String s) {
    return of(s).text();
  }

  /** Returns the masked text. */
  public String text() {
    return masked;
  }

  /** Returns true if any of {@code [from, to)} of the original text is masked. */
  public boolean isMasked(int from, int to) {
    for (int[] span : spans) {
      if (from < span[1] && to > span[0]) {
        return true;
      }
    }
    return false;
  }

  /** Maps a position in the original text to the masked text; inside a secret, its mask's start. */
  public int map(int index) {
    int shift = 0;
    for (int[] span : spans) {
      if (index < span[0]) {
        break;
      }
      if (index < span[1]) {
        return span[0] + shift;
      }
      shift += MASK.length() - (span[1] - span[0]);
    }
    return index + shift;
  }
}
