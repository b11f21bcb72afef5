package dev.cistern.internal.url;

import dev.cistern.DatabaseUrl.Host;
import dev.cistern.InvalidUrlException;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code dialect[+driver]://user:password@host:port,host2/database?key=value} strictly.
 *
 * <p>Where SQLAlchemy guesses, this parser refuses: an unescaped '/', '?' or '%' in a user name or
 * password is an error with a hint to percent-encode it, never a silently different host. An
 * unescaped '@' in the password is read as browsers read it: the last '@' before the host ends the
 * password. Errors quote the input with the password masked and never quote any part of a password.
 */
public final class UrlParser {
  /** The end of every message about a password that broke the URL's structure. */
  static final String PERCENT_ENCODE_HINT =
      "; percent-encode these characters in the user name and password: '@' as %40, '/' as %2F,"
          + " '?' as %3F, '%' as %25 (and ':' in the user name as %3A)";

  private final String s;
  private final UrlMasker masker;
  private final Map<String, Integer> keyPositions = new LinkedHashMap<>();

  private UrlParser(String s) {
    this.s = s;
    this.masker = UrlMasker.of(s);
  }

  /**
   * Parses a URL into its parts; {@code DatabaseUrl.parse} builds the URL from them.
   *
   * @throws InvalidUrlException naming the problem and its position, the password masked
   */
  public static UrlParts parse(String url) {
    if (url == null) {
      throw new InvalidUrlException("the URL is null", null, -1);
    }
    UrlParser p = new UrlParser(url.strip());
    try {
      return p.parse();
    } catch (UrlSyntaxException e) {
      throw new InvalidUrlException(e.getMessage(), p.masker.text(), p.masker.map(e.index()));
    }
  }

  private UrlParts parse() throws UrlSyntaxException {
    if (s.isEmpty()) {
      throw new UrlSyntaxException(
          0, "the URL is empty; write one such as postgresql://user:password@host/db");
    }
    if (s.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return parseRawJdbc();
    }
    int colon = s.indexOf(':');
    String scheme = colon < 0 ? "" : s.substring(0, colon);
    if (colon <= 0 || !scheme.matches("[A-Za-z][A-Za-z0-9+._-]*")) {
      throw new UrlSyntaxException(
          0,
          "no scheme: a database URL starts with dialect://, known dialects: "
              + Dialects.describeNames()
              + "; for example postgresql://user:password@host/database");
    }
    int plus = scheme.indexOf('+');
    String dialectName = plus < 0 ? scheme : scheme.substring(0, plus);
    String driver = plus < 0 ? null : scheme.substring(plus + 1);
    if (driver != null && (driver.isEmpty() || !driver.matches("[A-Za-z0-9_.-]+"))) {
      throw new UrlSyntaxException(
          plus + 1, "expected a driver name after '+' in '" + scheme + "'");
    }
    Optional<Dialect> dialect = Dialects.find(dialectName);
    if (dialect.isEmpty()) {
      throw new UrlSyntaxException(0, UrlValues.unknownDialect(dialectName));
    }
    UrlParts b = new UrlParts(dialect.get().name(), masker.text()).driver(driver);
    int p = colon + 1;
    int qpos = s.indexOf('?', p);
    if (qpos < 0) {
      qpos = s.length();
    }
    checkQueryKeys(qpos);
    if (s.startsWith("//", p)) {
      parseHierarchical(b, p + 2, qpos);
    } else if (dialect.get().allowsOpaqueForm()) {
      if (p == qpos) {
        throw new UrlSyntaxException(
            p, "expected a database after '" + scheme + ":', as in " + dialectName + ":mem:name");
      }
      b.database(UrlCodec.decode(s, p, qpos, "the database", false, p));
    } else {
      throw new UrlSyntaxException(p, "expected '//' after '" + scheme + ":'");
    }
    Map<String, List<String>> query = parseQuery(qpos);
    int queryStart = qpos;
    query.forEach((k, vs) -> vs.forEach(v -> b.queryParameter(k, v)));
    UrlValues.split(
        query,
        (key, reason) ->
            new InvalidUrlException(
                reason, masker.text(), masker.map(keyPositions.getOrDefault(key, queryStart))));
    return b;
  }

  private UrlParts parseRawJdbc() throws UrlSyntaxException {
    int sub = s.indexOf(':', 5);
    if (sub <= 5) {
      throw new UrlSyntaxException(
          5, "expected a driver name after 'jdbc:', as in jdbc:postgresql://host/db");
    }
    String name = s.substring(5, sub).toLowerCase(Locale.ROOT);
    String dialect = Dialects.find(name).map(Dialect::name).orElse("jdbc");
    return new UrlParts(dialect, null).rawJdbcUrl(s);
  }

  /**
   * Reads {@code user:password@host,host/database}. The userinfo ends at the <em>last</em> '@'
   * before the first '/' (as browsers read URLs): a host cannot contain '@', so {@code u:p@ss@host}
   * can only mean the password {@code p@ss}. A '/' or '?' in the password cannot be read back that
   * way (it ends the host part early); an '@' after that point is refused with a hint to
   * percent-encode the password, never read as a wrong host.
   */
  private void parseHierarchical(UrlParts b, int r, int qpos) throws UrlSyntaxException {
    int firstSlash = indexOf('/', r, qpos);
    int authorityEnd = firstSlash < 0 ? qpos : firstSlash;
    int at = s.lastIndexOf('@', authorityEnd - 1);
    if (at < r) {
      at = -1;
    }
    int pathAt = firstSlash < 0 ? -1 : indexOf('@', firstSlash, qpos);
    if (pathAt >= 0) {
      if (at < 0) {
        throw new UrlSyntaxException(
            firstSlash,
            "unescaped '/' in the user name or password (or '@' in the database name)"
                + PERCENT_ENCODE_HINT);
      }
      throw new UrlSyntaxException(
          pathAt,
          "unescaped '@' in the database name (or '/' in the password): write '@' as %40 and '/'"
              + " as %2F");
    }
    int hostStart = r;
    if (at >= 0) {
      int colon = indexOf(':', r, at);
      if (colon < 0) {
        b.username(UrlCodec.decode(s, r, at, "the user name", false, r));
      } else {
        b.username(UrlCodec.decode(s, r, colon, "the user name", false, r));
        b.password(UrlCodec.decode(s, colon + 1, at, "the password", true, colon + 1));
      }
      hostStart = at + 1;
    }
    int hostEnd = authorityEnd;
    parseHosts(b, hostStart, hostEnd, qpos);
    if (hostEnd < qpos) {
      b.database(UrlCodec.decode(s, hostEnd + 1, qpos, "the database", false, hostEnd + 1));
    }
  }

  private void parseHosts(UrlParts b, int from, int to, int qpos) throws UrlSyntaxException {
    if (from == to) {
      return;
    }
    int i = from;
    while (true) {
      String name;
      int afterName;
      if (s.charAt(i) == '[') {
        int close = indexOf(']', i, to);
        if (close < 0) {
          throw new UrlSyntaxException(i, "unbalanced '[': an IPv6 host is written [::1]");
        }
        name = s.substring(i + 1, close);
        if (name.isEmpty()
            || name.indexOf(':') < 0
            || !name.chars().allMatch(c -> UrlValues.isIpv6Char((char) c))) {
          throw new UrlSyntaxException(
              i + 1, "the host" + quoted(i + 1, close) + " in brackets is not an IPv6 address");
        }
        afterName = close + 1;
        if (afterName < to && s.charAt(afterName) != ':' && s.charAt(afterName) != ',') {
          throw new UrlSyntaxException(
              afterName, "expected ':' (a port) or ',' (another host) after ']'");
        }
      } else {
        int end = i;
        while (end < to && s.charAt(end) != ':' && s.charAt(end) != ',') {
          char c = s.charAt(end);
          if (c == ']') {
            throw new UrlSyntaxException(end, "unbalanced ']': an IPv6 host is written [::1]");
          }
          if (c == '[') {
            throw new UrlSyntaxException(end, "'[' may only start a host, as in [::1]:5432");
          }
          if (c == '%') {
            throw new UrlSyntaxException(
                end,
                "'%' in host: a host name is never percent-encoded (if the '%' belongs to the"
                    + " password, a '/' or '?' in it ended the password early)"
                    + PERCENT_ENCODE_HINT);
          }
          if (!UrlCodec.isUnreserved(c) && "!$&'()*+;=".indexOf(c) < 0) {
            throw new UrlSyntaxException(
                end,
                masker.isMasked(end, end + 1)
                    ? "bad character in host"
                    : "bad character '" + c + "' in host");
          }
          end++;
        }
        name = s.substring(i, end);
        afterName = end;
        if (name.isEmpty()
            && afterName < to
            && s.charAt(afterName) == ':'
            && indexOf(']', i, to) > 0) {
          throw new UrlSyntaxException(i, "an IPv6 host is written in brackets, as in [::1]:5432");
        }
        if (name.isEmpty()) {
          throw new UrlSyntaxException(
              i,
              "empty host name"
                  + (afterName < to && s.charAt(afterName) == ',' ? " in the host list" : ""));
        }
      }
      int port = Host.NO_PORT;
      int next = afterName;
      if (next < to && s.charAt(next) == ':') {
        int pe = next + 1;
        while (pe < to && s.charAt(pe) != ',') {
          pe++;
        }
        port = parsePort(next + 1, pe, qpos);
        next = pe;
      }
      b.host(name, port);
      if (next >= to) {
        return;
      }
      i = next + 1; // skip ','
      if (i >= to) {
        throw new UrlSyntaxException(next, "empty host name after ',' in the host list");
      }
    }
  }

  private int parsePort(int from, int to, int qpos) throws UrlSyntaxException {
    String text = s.substring(from, to);
    if (text.isEmpty()) {
      throw new UrlSyntaxException(
          from, "empty port after ':'; leave out the ':' to use the default port");
    }
    int port = -1;
    if (text.length() <= 5 && text.chars().allMatch(Character::isDigit)) {
      port = Integer.parseInt(text);
    }
    if (port < 1 || port > 65535) {
      String hint =
          indexOf('@', qpos, s.length()) >= 0
              ? "; if the password contains '?', '/' or '@', write them as %3F, %2F and %40"
              : "";
      throw new UrlSyntaxException(
          from, "bad port" + quoted(from, to) + ": a port is a number from 1 to 65535" + hint);
    }
    return port;
  }

  /**
   * Refuses '@' and '/' in query keys, before the host is read: they are never part of a key, and
   * an '@' there almost always means a '?' in the password started the query early ({@code
   * u:p?x@host/db}), which must not be read as a host that is really a piece of the password.
   */
  private void checkQueryKeys(int qpos) throws UrlSyntaxException {
    int i = qpos + 1;
    while (i < s.length()) {
      int amp = s.indexOf('&', i);
      int end = amp < 0 ? s.length() : amp;
      int eq = indexOf('=', i, end);
      int keyEnd = eq < 0 ? end : eq;
      int bad = -1;
      for (int k = i; k < keyEnd && bad < 0; k++) {
        if (s.charAt(k) == '@' || s.charAt(k) == '/') {
          bad = k;
        }
      }
      if (bad >= 0 && s.charAt(bad) == '@') {
        throw new UrlSyntaxException(
            qpos,
            "unescaped '@' after the '?' that starts the query: a query key cannot contain '@'; if"
                + " the password contains '?', it ended the host part early"
                + PERCENT_ENCODE_HINT);
      }
      if (bad >= 0) {
        throw new UrlSyntaxException(
            bad,
            "'/' in a query key: a query key cannot contain '/'; if the password contains '?', it"
                + " ended the host part early"
                + PERCENT_ENCODE_HINT);
      }
      if (amp < 0) {
        break;
      }
      i = amp + 1;
    }
    int lastAt = s.lastIndexOf('@');
    if (lastAt > qpos && HOST_AND_MORE.matcher(s).region(lastAt + 1, s.length()).matches()) {
      // ?x=1@127.0.0.1/db: the tail of a password that held '?', and the real host after it
      throw new UrlSyntaxException(
          qpos,
          "the query ends in what looks like '@host/database': if the password contains '?', it"
              + " ended the host part early"
              + PERCENT_ENCODE_HINT
              + "; if the '@' belongs to a query value, write it as %40");
    }
  }

  /** A host with a port or a database after it: what follows the '@' of a broken password. */
  private static final Pattern HOST_AND_MORE =
      Pattern.compile("(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5}(?:/.*)?|/.*)");

  private Map<String, List<String>> parseQuery(int qpos) throws UrlSyntaxException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    int i = qpos + 1;
    while (i <= s.length() && qpos < s.length()) {
      int amp = s.indexOf('&', i);
      int end = amp < 0 ? s.length() : amp;
      if (end > i) {
        int eq = indexOf('=', i, end);
        int keyEnd = eq < 0 ? end : eq;
        if (keyEnd == i) {
          throw new UrlSyntaxException(i, "empty key in the query; write key=value");
        }
        String key = UrlCodec.decode(s, i, keyEnd, "a query key", false, i);
        boolean secret = UrlMasker.isSecretKey(key);
        String value =
            eq < 0
                ? ""
                : UrlCodec.decode(s, eq + 1, end, "the value of '" + key + "'", secret, eq + 1);
        query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        keyPositions.putIfAbsent(key, i);
      }
      if (amp < 0) {
        break;
      }
      i = amp + 1;
    }
    return query;
  }

  /** Quotes {@code input[from, to)} for a message, or gives nothing if any of it is masked. */
  private String quoted(int from, int to) {
    return masker.isMasked(from, to) ? "" : " '" + s.substring(from, to) + "'";
  }

  private int indexOf(char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i >= 0 && i < to ? i : -1;
  }
}
