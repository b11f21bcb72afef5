package dev.cistern.internal.sql;

import dev.cistern.internal.text.EditDistance;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column labels of a result, shared by all its rows, with by-name lookup.
 *
 * <p>A name matches a label exactly first; failing that it matches case-insensitively. When several
 * columns carry the same label (say {@code select a.id, b.id ...}), the first one wins for by-name
 * access; the others stay reachable by index.
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnIndex {
  /** Up to this many columns a lookup scans the labels; wider results get hash maps, once. */
  private static final int SCAN_UP_TO = 16;

  private final List<String> labels;
  private volatile Maps maps;

  /** The by-name maps of a wide result: exact labels and lower-cased ones. */
  private record Maps(Map<String, Integer> exact, Map<String, Integer> folded) {}

  /**
   * Creates the index. Cheap: no map is built unless a wide result is looked up by name.
   *
   * @param labels the column labels in order; a null label is kept as the empty string
   */
  public ColumnIndex(List<String> labels) {
    String[] copy = new String[labels.size()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = labels.get(i) == null ? "" : labels.get(i);
    }
    this.labels = List.of(copy);
  }

  private Maps maps() {
    Maps m = maps;
    if (m == null) {
      Map<String, Integer> ex = new HashMap<>();
      Map<String, Integer> fo = new HashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        ex.putIfAbsent(labels.get(i), i);
        fo.putIfAbsent(fold(labels.get(i)), i);
      }
      m = new Maps(Map.copyOf(ex), Map.copyOf(fo));
      maps = m; // a race builds the same maps twice: harmless
    }
    return m;
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Returns the labels, in column order (unmodifiable). */
  public List<String> labels() {
    return labels;
  }

  /** Returns the number of columns. */
  public int size() {
    return labels.size();
  }

  /**
   * Returns the 0-based index of the column called {@code name}, or -1 if there is none.
   *
   * @param name the label to look for (exact match first, then case-insensitive)
   */
  public int find(String name) {
    if (name == null) {
      return -1;
    }
    int n = labels.size();
    if (n > SCAN_UP_TO) {
      Maps m = maps();
      Integer i = m.exact().get(name);
      if (i == null) {
        i = m.folded().get(fold(name));
      }
      return i == null ? -1 : i;
    }
    for (int i = 0; i < n; i++) {
      if (labels.get(i).equals(name)) {
        return i;
      }
    }
    String folded = fold(name);
    for (int i = 0; i < n; i++) {
      if (fold(labels.get(i)).equals(folded)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the 0-based index of the column called {@code name}.
   *
   * @param name the label to look for
   * @throws IllegalArgumentException naming the column, listing the labels and suggesting a close
   *     match if there is one
   */
  public int indexOf(String name) {
    int i = find(name);
    if (i < 0) {
      throw new IllegalArgumentException(unknownColumn(name));
    }
    return i;
  }

  /**
   * Checks a 0-based column index.
   *
   * @param index the index
   * @return the index
   * @throws IndexOutOfBoundsException naming the valid range and the labels
   */
  public int checkIndex(int index) {
    if (index < 0 || index >= labels.size()) {
      throw new IndexOutOfBoundsException(
          "column index "
              + index
              + " is out of range: this row has "
              + labels.size()
              + " column(s) "
              + labels
              + ", indexed from 0");
    }
    return index;
  }

  /** Returns a description of column {@code index} for messages: {@code 'name'} or {@code #3}. */
  public String describe(int index) {
    String label = index >= 0 && index < labels.size() ? labels.get(index) : "";
    return label.isEmpty() ? "#" + index : "'" + label + "'";
  }

  private String unknownColumn(String name) {
    StringBuilder sb = new StringBuilder("no column '").append(name).append("' in this row");
    String close = closest(name);
    if (close != null) {
      sb.append("; did you mean '").append(close).append("'?");
    }
    sb.append(" The columns are ").append(labels);
    return sb.toString();
  }

  private String closest(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    String wanted = fold(name);
    int limit = wanted.length() <= 3 ? 1 : Math.min(3, Math.max(2, wanted.length() / 3));
    return labels.stream()
        .filter(l -> !l.isEmpty() && EditDistance.between(wanted, fold(l)) <= limit)
        .min(Comparator.comparingInt((String l) -> EditDistance.between(wanted, fold(l))))
        .orElse(null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnIndex other && labels.equals(other.labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  @Override
  public String toString() {
    return labels.toString();
  }
}
