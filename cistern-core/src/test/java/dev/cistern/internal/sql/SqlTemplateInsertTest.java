package dev.cistern.internal.sql;

import static dev.cistern.internal.sql.SqlSyntax.ANSI;
import static dev.cistern.internal.sql.SqlSyntax.MYSQL;
import static dev.cistern.internal.sql.SqlSyntax.POSTGRES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTemplateInsertTest {
  private static final String CANARY = "s3cr3t-CANARY";

  private static boolean single(String sql, SqlSyntax syntax) {
    return SqlTemplate.parse(sql, syntax).isSingleRowInsert();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "insert into t (a, b) values (:a, :b)",
        "INSERT INTO t VALUES(:a,:b)",
        "  \n InSeRt Into t values (:a, (:b + 1))",
        "/* hello */ -- note\ninsert into t values (:a, :b)",
        "insert into t (a) values (:a) returning id",
        "insert into t (a) values (:a) on conflict (a) do nothing",
        "insert into t (a) values (:a) on conflict (a) do update set a = excluded.a",
        "insert into t (a) values (:a);",
        "insert into t (a) values (:a, 'x, ), (y', \"a)b\") ;  ",
        "insert into t (a) values ((select max(id) from u), :a)",
        "insert into t values (1, 2)",
        "insert into \"values\" (\"select\") values (:a)",
      })
  void singleRowInserts(String sql) {
    assertThat(single(sql, POSTGRES)).as(sql).isTrue();
  }

  @Test
  void mysqlForms() {
    assertThat(single("insert into t (a) values (:a) on duplicate key update a = values(a)", MYSQL))
        .isTrue();
    assertThat(single("insert ignore into t value (:a)", MYSQL)).isTrue();
    assertThat(single("insert into `t` (`values`) values (:a) # c", MYSQL)).isTrue();
    assertThat(single("insert into t (a) values (:a) on duplicate key update a = :a", MYSQL))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from t where a = :a",
        "update t set a = :a",
        "insert into t (a) values (:a), (:b)",
        "insert into t (a) values (:a) , (:b)",
        "insert into t (a) select :a",
        "insert into t (a) select * from (values (:a)) v",
        "insert into t default values",
        "insert into t (a) values (:a) on conflict (a) do update set a = :b",
        "insert into t (a) values (:a) returning :b",
        "insert into t (a) values (:a); delete from t",
        "with x as (select 1) insert into t values (:a)",
        "insert into t (a) values (:a",
        "insert into t (a) values :a",
        "insert into t (a) values (?)",
        "-- insert into t values (:a)\nselect 1",
      })
  void notSingleRowInserts(String sql) {
    assertThat(single(sql, POSTGRES)).as(sql).isFalse();
  }

  @Test
  void bindRowsRepeatsTheTuple() {
    SqlTemplate t =
        SqlTemplate.parse("insert into t (a, b) values (:a, :b) returning id", POSTGRES);
    BoundSql b = t.bindRows(List.of(Map.of("a", 1, "b", "x"), Map.of("a", 2, "b", "y")));
    assertThat(b.sql()).isEqualTo("insert into t (a, b) values (?, ?), (?, ?) returning id");
    assertThat(b.values()).containsExactly(1, "x", 2, "y");
  }

  @Test
  void bindRowsWithOneRowAndRepeatedNamesAndNulls() {
    SqlTemplate t = SqlTemplate.parse("insert into t values (:a, :b, :a)", ANSI);
    assertThat(t.bindRows(List.of(Map.of("a", 1, "b", 2))).sql())
        .isEqualTo("insert into t values (?, ?, ?)");
    Map<String, Object> r = new HashMap<>();
    r.put("a", null);
    r.put("b", 5);
    BoundSql b = t.bindRows(List.of(r, Map.of("a", 3, "b", 4)));
    assertThat(b.sql()).isEqualTo("insert into t values (?, ?, ?), (?, ?, ?)");
    assertThat(b.values()).containsExactly(null, 5, null, 3, 4, 3);
  }

  @Test
  void bindRowsKeepsTrailingSemicolonAndComments() {
    SqlTemplate t = SqlTemplate.parse("insert into t values (:a /* :z */) ; -- end", ANSI);
    assertThat(t.bindRows(List.of(Map.of("a", 1), Map.of("a", 2))).sql())
        .isEqualTo("insert into t values (? /* :z */), (? /* :z */) ; -- end");
  }

  @Test
  void bindRowsErrorsNameTheRowAndParameterButNoValue() {
    SqlTemplate t = SqlTemplate.parse("insert into t values (:a, :pw)", ANSI);
    assertThatThrownBy(
            () -> t.bindRows(List.of(Map.of("a", 1, "pw", CANARY), Map.of("pw", CANARY))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rows[1]: missing value for parameter :a")
        .message()
        .doesNotContain(CANARY);
    assertThatThrownBy(() -> t.bindRows(List.of(Map.of("a", 1, "pw", CANARY, "extra", CANARY))))
        .hasMessageStartingWith("rows[0]: parameter \"extra\" is not used")
        .message()
        .doesNotContain(CANARY);
    List<Map<String, Object>> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> t.bindRows(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows[0]");
  }

  @Test
  void bindRowsRejectsCollections() {
    SqlTemplate t = SqlTemplate.parse("insert into t values (:a, :pw)", ANSI);
    assertThatThrownBy(() -> t.bindRows(List.of(Map.of("a", List.of(CANARY), "pw", CANARY))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows[0]")
        .hasMessageContaining(":a")
        .hasMessageContaining("collections can't expand in executeMany")
        .message()
        .doesNotContain(CANARY);
    assertThatThrownBy(() -> t.bindRows(List.of(Map.of("a", new int[] {1}, "pw", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(t.bindRows(List.of(Map.of("a", new byte[] {1}, "pw", 1))).values()).hasSize(2);
  }

  @Test
  void bindRowsNeedsASingleRowInsertAndSomeRows() {
    SqlTemplate update = SqlTemplate.parse("update t set a = :a", ANSI);
    assertThatThrownBy(() -> update.bindRows(List.of(Map.of("a", 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update t set a = :a");
    SqlTemplate insert = SqlTemplate.parse("insert into t values (:a)", ANSI);
    assertThatThrownBy(() -> insert.bindRows(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
