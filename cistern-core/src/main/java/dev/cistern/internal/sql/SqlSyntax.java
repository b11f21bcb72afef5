package dev.cistern.internal.sql;

/**
 * The lexical rules the named-parameter parser follows: which quotes, comments and escapes a
 * database's SQL has. A {@code :name} inside any quoted or commented region is left alone.
 */
public enum SqlSyntax {
  /**
   * Standard SQL (H2, HSQLDB, SQLite, generic JDBC): {@code '...'} strings with {@code ''} escapes,
   * {@code "..."} identifiers, {@code --} and {@code /* *}{@code /} comments.
   */
  ANSI,
  /**
   * PostgreSQL: ANSI plus {@code E'...'} strings with backslash escapes, {@code $tag$...$tag$}
   * dollar quotes, nested block comments and {@code ::} casts.
   */
  POSTGRES,
  /**
   * MySQL and MariaDB: backslash escapes inside {@code '...'} and {@code "..."} strings, {@code
   * `...`} identifiers, {@code #} comments besides {@code --} and block comments.
   */
  MYSQL
}
