package dev.cistern;

import java.util.List;
import java.util.Map;

/**
 * One row of a {@link Result}: its values read when the row was fetched, by 0-based index or by
 * column label (case-insensitive). CONTRACT SKELETON: completed on the results branch.
 *
 * <p>Not for implementing outside Cistern.
 */
public interface Row {
  /** Returns the number of columns. */
  int size();

  /** Returns the column labels, in order. */
  List<String> keys();

  /** Returns the value of column {@code index} (0-based), possibly null. */
  Object get(int index);

  /** Returns the value of the column labelled {@code name}, possibly null. */
  Object get(String name);

  /** Returns column {@code index} converted to {@code type}, or null for SQL NULL. */
  <T> T get(int index, Class<T> type);

  /** Returns column {@code name} converted to {@code type}, or null for SQL NULL. */
  <T> T get(String name, Class<T> type);

  /** Returns the row as an ordered map from column label to value. */
  Map<String, Object> asMap();
}
