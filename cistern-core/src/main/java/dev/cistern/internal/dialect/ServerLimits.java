package dev.cistern.internal.dialect;

import java.util.List;
import java.util.Objects;

/**
 * How many connections a database server (or the PgBouncer in front of it) accepts from ordinary
 * clients, and where that number came from: a limit setting, minus the connections it keeps back
 * for administrators.
 *
 * @param limitName the setting the limit comes from, e.g. {@code max_connections}
 * @param limit that setting's value
 * @param reserved the settings subtracted from it, in order (e.g. {@code
 *     superuser_reserved_connections 3}); a zero one is kept but not shown
 * @param note more about the limit, shown after it (e.g. PgBouncer's server pool sizes), or empty
 */
public record ServerLimits(String limitName, int limit, List<Reserved> reserved, String note) {
  /**
   * One setting that keeps connections back from ordinary clients.
   *
   * @param name the setting, e.g. {@code superuser_reserved_connections}
   * @param count its value
   */
  public record Reserved(String name, int count) {
    /** Checks the values. */
    public Reserved {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Checks the values and copies the list. */
  public ServerLimits {
    Objects.requireNonNull(limitName, "limitName");
    reserved = List.copyOf(reserved);
    note = note == null ? "" : note;
  }

  /** A limit with nothing reserved and no note. */
  public static ServerLimits of(String limitName, int limit) {
    return new ServerLimits(limitName, limit, List.of(), "");
  }

  /**
   * Returns the connections left for ordinary clients: the limit minus the reserved, at least 0.
   */
  public int available() {
    long left = limit;
    for (Reserved r : reserved) {
      left -= r.count();
    }
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  /**
   * Returns the arithmetic, e.g. {@code max_connections 100 - superuser_reserved_connections 3 =
   * 97}; without reservations just {@code max_connections 151}.
   */
  public String formula() {
    StringBuilder b = new StringBuilder(limitName).append(' ').append(limit);
    boolean any = false;
    for (Reserved r : reserved) {
      if (r.count() != 0) {
        b.append(" - ").append(r.name()).append(' ').append(r.count());
        any = true;
      }
    }
    if (any) {
      b.append(" = ").append(available());
    }
    return b.toString();
  }

  /** Returns {@link #formula()}, then {@code available}, then the note in parentheses if any. */
  public String describe() {
    return formula() + " available" + (note.isEmpty() ? "" : " (" + note + ")");
  }

  @Override
  public String toString() {
    return "ServerLimits[" + describe() + "]";
  }
}
