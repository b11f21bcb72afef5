package dev.cistern.internal.url;

import dev.cistern.DatabaseUrl.Host;
import dev.cistern.internal.dialect.Dialects;
import java.util.List;
import java.util.Map;

/** Writes a URL's parts back as text that the parser reads to the same parts. */
public final class UrlRenderer {
  private UrlRenderer() {}

  /** Renders the parts; see {@link dev.cistern.DatabaseUrl#render(boolean)}. */
  public static String render(
      String dialect,
      String driver,
      String username,
      String password,
      List<Host> hosts,
      String database,
      Map<String, List<String>> query,
      String rawJdbcUrl,
      boolean hidePassword) {
    if (rawJdbcUrl != null) {
      return hidePassword ? UrlMasker.mask(rawJdbcUrl) : rawJdbcUrl;
    }
    StringBuilder b = new StringBuilder(64).append(dialect);
    if (driver != null) {
      b.append('+').append(driver);
    }
    b.append(':');
    boolean opaque =
        hosts.isEmpty()
            && database != null
            && Dialects.find(dialect).map(d -> d.allowsOpaqueForm()).orElse(false);
    StringBuilder q = new StringBuilder();
    if (opaque) {
      String db = UrlCodec.encode(database, UrlCodec.PATH_SAFE);
      if (db.startsWith("/")) {
        // A leading "//" would read back as an authority: escape the first slash.
        db = "%2F" + db.substring(1);
      }
      b.append(db);
      if (username != null) {
        appendParam(q, "user", username, false);
      }
      if (password != null) {
        appendParam(q, "password", password, hidePassword);
      }
    } else {
      b.append("//");
      if (username != null || password != null) {
        if (username != null) {
          b.append(UrlCodec.encode(username, UrlCodec.USERINFO_SAFE));
        }
        if (password != null) {
          b.append(':')
              .append(
                  hidePassword
                      ? UrlMasker.MASK
                      : UrlCodec.encode(password, UrlCodec.USERINFO_SAFE));
        }
        b.append('@');
      }
      for (int i = 0; i < hosts.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(hosts.get(i));
      }
      if (database != null) {
        b.append('/').append(UrlCodec.encode(database, UrlCodec.PATH_SAFE));
      }
    }
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      boolean secret = hidePassword && UrlMasker.isSecretKey(e.getKey());
      for (String v : e.getValue()) {
        appendParam(q, e.getKey(), v, secret);
      }
    }
    if (q.length() > 0) {
      b.append('?').append(q);
    }
    return b.toString();
  }

  private static void appendParam(StringBuilder q, String key, String value, boolean hide) {
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(UrlCodec.encode(key, UrlCodec.QUERY_SAFE))
        .append('=')
        .append(hide ? UrlMasker.MASK : UrlCodec.encode(value, UrlCodec.QUERY_SAFE));
  }
}
