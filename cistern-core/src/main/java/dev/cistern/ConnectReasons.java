package dev.cistern;

import dev.cistern.internal.url.UrlMasker;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failure to connect into one line for a message: the driver's reason, masked. */
final class ConnectReasons {
  private ConnectReasons() {}

  /**
   * Returns the first line of the driver's message with any URL password masked, its SQLState and
   * vendor code, and the root cause (say, an unknown host) when the message does not already say
   * it.
   */
  static String describe(Throwable t) {
    if (t == null) {
      return "unknown reason";
    }
    StringBuilder b = new StringBuilder(firstLine(t));
    if (t instanceof SQLException s && (s.getSQLState() != null || s.getErrorCode() != 0)) {
      b.append(" [SQLState ").append(s.getSQLState());
      if (s.getErrorCode() != 0) {
        b.append(", error ").append(s.getErrorCode());
      }
      b.append(']');
    }
    Throwable root = t;
    for (int i = 0; root.getCause() != null && root.getCause() != root && i < 20; i++) {
      root = root.getCause();
    }
    if (root != t) {
      String r = root.getClass().getSimpleName() + ": " + firstLine(root);
      if (!b.toString().contains(firstLine(root))) {
        b.append(" (").append(r).append(')');
      }
    }
    return b.toString();
  }

  /** Returns what to check, by the kind of failure. */
  static String hint(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof UnknownHostException) {
        return "Check the host name in the URL.";
      }
      if (c instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("28") || s.getErrorCode() == 1045) {
          return "Check the user and the password.";
        }
        if (state.equals("3D000") || s.getErrorCode() == 1049 || s.getErrorCode() == 1044) {
          return "Check the database name in the URL and the user's rights on it.";
        }
      }
    }
    return "Check the URL, the credentials and the driver properties.";
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    String line = (nl < 0 ? m : m.substring(0, nl)).strip();
    // a driver may quote the URL it was given; a raw JDBC URL can hold a password
    return line.contains("//") || line.contains("=") ? UrlMasker.mask(line) : line;
  }
}
