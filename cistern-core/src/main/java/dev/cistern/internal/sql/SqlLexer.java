package dev.cistern.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * One linear pass over SQL text that finds the {@code :name} parameters outside quoted and
 * commented regions, following a {@link SqlSyntax}.
 *
 * <p>It builds the JDBC text (every parameter replaced by {@code ?}, every {@code \:} escape by
 * {@code :}) and, in step with it, a <em>mask</em> of the same length: code characters copied,
 * comment characters as spaces and quoted characters as {@link #QUOTED}, so that later structural
 * checks (such as finding the {@code VALUES} tuple of an {@code INSERT}) can look at code only.
 *
 * <p>Not thread-safe: one instance per parse.
 */
public final class SqlLexer {
  /** The mask character of a quoted region: neither a word character, a space nor a parenthesis. */
  static final char QUOTED = '\'';

  private final String sql;
  private final SqlSyntax syntax;
  private final int n;
  private final StringBuilder jdbc;
  private final StringBuilder mask;
  private final List<String> occurrences = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();
  private int bareMarkers;
  private int i;

  private SqlLexer(String sql, SqlSyntax syntax) {
    this.sql = sql;
    this.syntax = syntax;
    this.n = sql.length();
    this.jdbc = new StringBuilder(n);
    this.mask = new StringBuilder(n);
  }

  /** Lexes {@code sql} under {@code syntax}. */
  static SqlLexer lex(String sql, SqlSyntax syntax) {
    SqlLexer l = new SqlLexer(sql, syntax);
    l.run();
    return l;
  }

  /**
   * Returns the code of {@code sql} alone, for structural checks outside this package: the text
   * with comments as spaces and quoted regions (strings, quoted identifiers, dollar quotes, {@code
   * E'...'}) as {@link #QUOTED}, parameters as {@code ?}.
   *
   * @param sql the SQL text
   * @param syntax how the database quotes and comments
   * @return the mask of {@code sql}
   */
  public static String codeOf(String sql, SqlSyntax syntax) {
    return lex(sql, syntax).mask();
  }

  /** Returns the JDBC SQL. */
  String jdbcSql() {
    return jdbc.toString();
  }

  /** Returns the mask: same length as {@link #jdbcSql()}, code only. */
  String mask() {
    return mask.toString();
  }

  /** Returns the parameter name of each {@code ?} placeholder made, in order. */
  List<String> occurrences() {
    return occurrences;
  }

  /** Returns the index in {@link #jdbcSql()} of each placeholder made, in order. */
  int[] positions() {
    int[] p = new int[positions.size()];
    for (int k = 0; k < p.length; k++) {
      p[k] = positions.get(k);
    }
    return p;
  }

  /** Returns how many JDBC {@code ?} markers the SQL itself has outside quotes and comments. */
  int bareMarkers() {
    return bareMarkers;
  }

  /** Returns true for {@code [A-Za-z_]}: a character that may start a parameter name. */
  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** Returns true for {@code [A-Za-z0-9_]}: a character that may continue a parameter name. */
  static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private void run() {
    while (i < n) {
      char c = sql.charAt(i);
      switch (c) {
        case '\'':
          quotedString(i, isEscapeString());
          break;
        case '"':
          quoted(i, '"', syntax == SqlSyntax.MYSQL);
          break;
        case '`':
          if (syntax == SqlSyntax.MYSQL) {
            quoted(i, '`', false);
          } else {
            code(c);
          }
          break;
        case '-':
          if (at(i + 1) == '-' && lineCommentAllowed()) {
            lineComment();
          } else {
            code(c);
          }
          break;
        case '#':
          if (syntax == SqlSyntax.MYSQL) {
            lineComment();
          } else {
            code(c);
          }
          break;
        case '/':
          if (at(i + 1) == '*') {
            blockComment();
          } else {
            code(c);
          }
          break;
        case '$':
          if (syntax != SqlSyntax.POSTGRES || !dollarQuote()) {
            code(c);
          }
          break;
        case '\\':
          if (at(i + 1) == ':') {
            jdbc.append(':');
            mask.append(':');
            i += 2;
          } else {
            code(c);
          }
          break;
        case '?':
          questionMark();
          break;
        case ':':
          colon();
          break;
        default:
          code(c);
      }
    }
  }

  /** Returns the character at {@code k}, or 0 past the end. */
  private char at(int k) {
    return k < n ? sql.charAt(k) : 0;
  }

  private void code(char c) {
    jdbc.append(c);
    mask.append(c);
    i++;
  }

  /** Copies {@code sql[from, to)} as a quoted region. */
  private void emitQuoted(int from, int to) {
    jdbc.append(sql, from, to);
    for (int k = from; k < to; k++) {
      mask.append(QUOTED);
    }
    i = to;
  }

  /** Copies {@code sql[from, to)} as a comment. */
  private void emitComment(int from, int to) {
    jdbc.append(sql, from, to);
    for (int k = from; k < to; k++) {
      mask.append(' ');
    }
    i = to;
  }

  /** PostgreSQL {@code E'...'}: an {@code E} right before the quote that is not inside a word. */
  private boolean isEscapeString() {
    if (syntax == SqlSyntax.MYSQL) {
      return true;
    }
    if (syntax != SqlSyntax.POSTGRES || i == 0) {
      return false;
    }
    char e = sql.charAt(i - 1);
    if (e != 'E' && e != 'e') {
      return false;
    }
    // The E must start a token: not the end of an identifier like "some'..." or a number.
    return i < 2 || !isWordChar(sql.charAt(i - 2));
  }

  private static boolean isWordChar(char c) {
    return isNamePart(c) || c == '$' || c > 127;
  }

  private void quotedString(int start, boolean backslashEscapes) {
    quoted(start, '\'', backslashEscapes);
  }

  /**
   * A region from the quote at {@code start} to its closing quote; a doubled quote is an escaped
   * quote, and with {@code backslashEscapes} a backslash escapes the next character. An unclosed
   * region runs to the end (the database reports the error).
   */
  private void quoted(int start, char quote, boolean backslashEscapes) {
    int k = start + 1;
    while (k < n) {
      char c = sql.charAt(k);
      if (backslashEscapes && c == '\\') {
        k += 2;
      } else if (c == quote) {
        if (at(k + 1) == quote) {
          k += 2;
        } else {
          k++;
          emitQuoted(start, k);
          return;
        }
      } else {
        k++;
      }
    }
    emitQuoted(start, n);
  }

  /**
   * Whether {@code --} at {@code i} starts a comment: always, but in MySQL only when followed by
   * whitespace, a control character or the end ({@code 1--1} is arithmetic there).
   */
  private boolean lineCommentAllowed() {
    if (syntax != SqlSyntax.MYSQL) {
      return true;
    }
    return i + 2 >= n || sql.charAt(i + 2) <= ' ';
  }

  private void lineComment() {
    int end = sql.indexOf('\n', i);
    emitComment(i, end < 0 ? n : end);
  }

  /** A block comment; nested in PostgreSQL. An unclosed comment runs to the end. */
  private void blockComment() {
    boolean nests = syntax == SqlSyntax.POSTGRES;
    int depth = 1;
    int k = i + 2;
    while (k < n && depth > 0) {
      char c = sql.charAt(k);
      if (c == '*' && at(k + 1) == '/') {
        depth--;
        k += 2;
      } else if (nests && c == '/' && at(k + 1) == '*') {
        depth++;
        k += 2;
      } else {
        k++;
      }
    }
    emitComment(i, Math.min(k, n));
  }

  /**
   * A PostgreSQL dollar quote {@code $tag$...$tag$} at {@code i}, tag empty or an identifier not
   * starting with a digit, the {@code $} not inside a word ({@code a$b$} is an identifier, {@code
   * $1} a positional parameter). Returns false, consuming nothing, if there is none here.
   */
  private boolean dollarQuote() {
    if (i > 0 && isWordChar(sql.charAt(i - 1))) {
      return false;
    }
    int k = i + 1;
    if (k < n && isNameStart(sql.charAt(k))) {
      k++;
      while (k < n && isNamePart(sql.charAt(k))) {
        k++;
      }
    }
    if (at(k) != '$') {
      return false;
    }
    String tag = sql.substring(i, k + 1);
    int close = sql.indexOf(tag, k + 1);
    emitQuoted(i, close < 0 ? n : close + tag.length());
    return true;
  }

  /** A JDBC marker; PostgreSQL's {@code ??} (pgjdbc's escape for the {@code ?} operator) is not. */
  private void questionMark() {
    if (syntax == SqlSyntax.POSTGRES && at(i + 1) == '?') {
      jdbc.append("??");
      mask.append("??");
      i += 2;
      return;
    }
    bareMarkers++;
    code('?');
  }

  /**
   * {@code ::} (a cast) and {@code :=} (an assignment) are copied; {@code :name} becomes {@code ?};
   * a colon before anything else is copied.
   */
  private void colon() {
    char next = at(i + 1);
    if (next == ':') {
      jdbc.append("::");
      mask.append("::");
      i += 2;
      return;
    }
    if (!isNameStart(next)) {
      code(':');
      return;
    }
    int k = i + 2;
    while (k < n && isNamePart(sql.charAt(k))) {
      k++;
    }
    positions.add(jdbc.length());
    occurrences.add(sql.substring(i + 1, k));
    jdbc.append('?');
    mask.append('?');
    i = k;
  }
}
