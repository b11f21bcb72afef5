package dev.cistern.internal.sql;

import static dev.cistern.internal.sql.SqlSyntax.ANSI;
import static dev.cistern.internal.sql.SqlSyntax.MYSQL;
import static dev.cistern.internal.sql.SqlSyntax.POSTGRES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlTemplateParseTest {
  private static void parses(SqlSyntax syntax, String sql, String jdbc, String... occurrences) {
    SqlTemplate t = SqlTemplate.parse(sql, syntax);
    assertThat(t.jdbcSql()).as("jdbcSql of %s under %s", sql, syntax).isEqualTo(jdbc);
    assertThat(t.occurrences()).as("occurrences of %s", sql).containsExactly(occurrences);
    assertThat(t.sql()).isEqualTo(sql);
  }

  private static void unchanged(SqlSyntax syntax, String sql) {
    parses(syntax, sql, sql);
  }

  @ParameterizedTest
  @EnumSource(SqlSyntax.class)
  void plainParameters(SqlSyntax s) {
    parses(s, "select * from t where id = :id", "select * from t where id = ?", "id");
    parses(s, "select :a,:b_2,:_c", "select ?,?,?", "a", "b_2", "_c");
    parses(s, "where x=:x)", "where x=?)", "x");
    parses(s, ":first", "?", "first");
    parses(s, "a :A :a", "a ? ?", "A", "a");
  }

  @ParameterizedTest
  @EnumSource(SqlSyntax.class)
  void commonQuotesAndCommentsHideParameters(SqlSyntax s) {
    unchanged(s, "select ':x' from t");
    unchanged(s, "select 'it''s :x' from t");
    unchanged(s, "select \"col:x\" from t");
    unchanged(s, "select \"a\"\":x\" from t");
    unchanged(s, "select 1 -- :x\n");
    unchanged(s, "select 1 /* :x */");
    unchanged(s, "select '{\"a\":1}'");
    parses(s, "select 1 -- :x\n, :y", "select 1 -- :x\n, ?", "y");
    parses(s, "select ':x', :y /* :z */", "select ':x', ? /* :z */", "y");
  }

  @ParameterizedTest
  @EnumSource(SqlSyntax.class)
  void colonsThatAreNotParameters(SqlSyntax s) {
    unchanged(s, "select a::int from t");
    parses(s, "select :x::int", "select ?::int", "x");
    unchanged(s, "set @a := 1");
    unchanged(s, "select 1: 2, a[1:2], :1, : x, ':'");
    unchanged(s, "select x:");
  }

  @ParameterizedTest
  @EnumSource(SqlSyntax.class)
  void backslashColonOutsideQuotesIsALiteralColon(SqlSyntax s) {
    parses(s, "select x\\:y", "select x:y");
    parses(s, "select x\\:y, :z", "select x:y, ?", "z");
    parses(s, "select \\::x", "select :?", "x");
    parses(s, "select a\\b", "select a\\b");
    unchanged(s, "select '\\:x'");
  }

  @Test
  void unclosedRegionsRunToTheEnd() {
    unchanged(ANSI, "select ':x");
    unchanged(ANSI, "select \":x");
    unchanged(ANSI, "select /* :x");
    unchanged(POSTGRES, "select $$ :x");
    unchanged(MYSQL, "select `:x");
    unchanged(MYSQL, "select ':x\\");
  }

  @Test
  void ansiHasNoBackslashEscapesBacktickOrHashComments() {
    parses(ANSI, "select 'a\\', :x", "select 'a\\', ?", "x");
    parses(ANSI, "select `:x`", "select `?`", "x");
    parses(ANSI, "select 1 # :x", "select 1 # ?", "x");
    parses(ANSI, "select $$ :x $$", "select $$ ? $$", "x");
    parses(ANSI, "select /* /* */ :x */", "select /* /* */ ? */", "x");
  }

  @Test
  void postgresDollarQuotes() {
    unchanged(POSTGRES, "select $$ :x 'a $$");
    unchanged(POSTGRES, "select $fn$ :x $$ :y $fn$");
    parses(POSTGRES, "select $a$ :x $a$, :y", "select $a$ :x $a$, ?", "y");
    parses(POSTGRES, "select $1, :y", "select $1, ?", "y");
    parses(POSTGRES, "select a$b$ :y", "select a$b$ ?", "y");
    parses(POSTGRES, "select $_t1$:x$_t1$:y", "select $_t1$:x$_t1$?", "y");
    parses(POSTGRES, "select $1tag$ :y", "select $1tag$ ?", "y");
  }

  @Test
  void postgresEscapeStrings() {
    unchanged(POSTGRES, "select E'it\\'s :x'");
    unchanged(POSTGRES, "select e'a\\\\', ':x'");
    parses(POSTGRES, "select E'a\\\\', :x", "select E'a\\\\', ?", "x");
    parses(POSTGRES, "select E'a''\\' :x', :y", "select E'a''\\' :x', ?", "y");
    // not an E string: the E ends an identifier, so the backslash is an ordinary character
    parses(POSTGRES, "select some'a\\', :x", "select some'a\\', ?", "x");
    parses(POSTGRES, "select 'a\\', :x", "select 'a\\', ?", "x");
  }

  @Test
  void postgresNestedBlockComments() {
    unchanged(POSTGRES, "select /* a /* :x */ :y */ 1");
    parses(POSTGRES, "select /* a /* :x */ */ :y", "select /* a /* :x */ */ ?", "y");
  }

  @Test
  void postgresDoubleQuestionMarkIsNotAPlaceholder() {
    parses(POSTGRES, "select data ?? 'k', :x", "select data ?? 'k', ?", "x");
    assertThatThrownBy(() -> SqlTemplate.parse("select data ?? 'k', :x", ANSI))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mysqlStringsAndIdentifiers() {
    unchanged(MYSQL, "select 'it\\'s :x'");
    unchanged(MYSQL, "select \"it\\\" :x\"");
    unchanged(MYSQL, "select `a:x`");
    unchanged(MYSQL, "select `a``:x`");
    parses(MYSQL, "select 'a\\\\', :x", "select 'a\\\\', ?", "x");
    parses(MYSQL, "select `t`.:x", "select `t`.?", "x");
  }

  @Test
  void mysqlComments() {
    unchanged(MYSQL, "select 1 # :x");
    parses(MYSQL, "select 1 # :x\n+ :y", "select 1 # :x\n+ ?", "y");
    unchanged(MYSQL, "select 1 -- :x");
    unchanged(MYSQL, "select 1 --\t:x");
    // "--" not followed by a space is arithmetic in MySQL
    parses(MYSQL, "select 1--:x", "select 1--?", "x");
    parses(MYSQL, "select /* /* */ :x", "select /* /* */ ?", "x");
    unchanged(MYSQL, "set @total := 0");
  }

  @Test
  void namesAreDistinctInFirstAppearanceOrder() {
    SqlTemplate t = SqlTemplate.parse("select :b, :a, :b, :c, :a", ANSI);
    assertThat(t.names()).containsExactly("b", "a", "c");
    assertThat(t.occurrences()).containsExactly("b", "a", "b", "c", "a");
    assertThat(t.jdbcSql()).isEqualTo("select ?, ?, ?, ?, ?");
  }

  @Test
  void listsAreImmutable() {
    SqlTemplate t = SqlTemplate.parse("select :a", ANSI);
    assertThatThrownBy(() -> t.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.occurrences().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void jdbcQuestionMarksAloneAreLeftAsTheyAre() {
    SqlTemplate t = SqlTemplate.parse("select * from t where a = ? and b = '?:x'", ANSI);
    assertThat(t.jdbcSql()).isEqualTo("select * from t where a = ? and b = '?:x'");
    assertThat(t.names()).isEmpty();
    assertThat(t.bind(java.util.Map.of()).values()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SqlSyntax.class)
  void mixingJdbcAndNamedParametersIsRejected(SqlSyntax s) {
    assertThatThrownBy(() -> SqlTemplate.parse("select * from t where a = ? and b = :b", s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixing JDBC ? placeholders with :name parameters is not supported")
        .hasMessageContaining("where a = ? and b = :b");
    // a ? inside quotes or comments does not count
    assertThat(SqlTemplate.parse("select '?', :b /* ? */ -- ?", s).names()).containsExactly("b");
  }

  @Test
  void emptyAndNullInput() {
    assertThat(SqlTemplate.parse("", ANSI).jdbcSql()).isEmpty();
    assertThatThrownBy(() -> SqlTemplate.parse(null, ANSI))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SqlTemplate.parse("select 1", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void parsesLargeInputQuickly() {
    StringBuilder b = new StringBuilder("select ");
    for (int k = 0; k < 50_000; k++) {
      b.append(":p").append(k % 100).append(", '").append(":q' /* :r */, ");
    }
    b.append("1");
    long start = System.nanoTime();
    SqlTemplate t = SqlTemplate.parse(b.toString(), POSTGRES);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(t.occurrences()).hasSize(50_000);
    assertThat(t.names()).hasSize(100);
    assertThat(millis).as("parse time in ms").isLessThan(2_000);
    assertThat(List.copyOf(t.names()).get(0)).isEqualTo("p0");
  }
}
