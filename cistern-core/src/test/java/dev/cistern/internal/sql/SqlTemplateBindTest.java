package dev.cistern.internal.sql;

import static dev.cistern.internal.sql.SqlSyntax.ANSI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTemplateBindTest {
  private static final String CANARY = "s3cr3t-CANARY";

  private static BoundSql bind(String sql, Map<String, ?> params) {
    return SqlTemplate.parse(sql, ANSI).bind(params);
  }

  @Test
  void bindsValuesInPlaceholderOrder() {
    BoundSql b =
        bind("update t set a = :a, b = :b where id = :id", Map.of("id", 7, "a", "x", "b", 2.5));
    assertThat(b.sql()).isEqualTo("update t set a = ?, b = ? where id = ?");
    assertThat(b.values()).containsExactly("x", 2.5, 7);
  }

  @Test
  void aNameUsedTwiceGetsItsValueTwice() {
    BoundSql b = bind("select :x, :y, :x", Map.of("x", 1, "y", 2));
    assertThat(b.sql()).isEqualTo("select ?, ?, ?");
    assertThat(b.values()).containsExactly(1, 2, 1);
  }

  @Test
  void nullValueIsSqlNull() {
    Map<String, Object> p = new HashMap<>();
    p.put("a", null);
    p.put("b", "x");
    BoundSql b = bind("insert into t values (:a, :b)", p);
    assertThat(b.values()).containsExactly(null, "x");
  }

  @Test
  void noParameters() {
    BoundSql b = bind("select 1", Map.of());
    assertThat(b.sql()).isEqualTo("select 1");
    assertThat(b.values()).isEmpty();
  }

  @Test
  void collectionsExpand() {
    BoundSql b =
        bind(
            "select * from t where id in (:ids) and k = :k",
            Map.of("ids", List.of(1, 2, 3), "k", "v"));
    assertThat(b.sql()).isEqualTo("select * from t where id in (?, ?, ?) and k = ?");
    assertThat(b.values()).containsExactly(1, 2, 3, "v");

    b = bind("select :s", Map.of("s", new LinkedHashSet<>(List.of("a", "b"))));
    assertThat(b.sql()).isEqualTo("select ?, ?");
    assertThat(b.values()).containsExactly("a", "b");
  }

  @Test
  void collectionsWithNullsExpand() {
    BoundSql b = bind("select :s", Map.of("s", Arrays.asList("a", null)));
    assertThat(b.values()).containsExactly("a", null);
  }

  @Test
  void arraysExpandButByteArraysDoNot() {
    assertThat(bind("in (:a)", Map.of("a", new int[] {4, 5})).values()).containsExactly(4, 5);
    assertThat(bind("in (:a)", Map.of("a", new long[] {4L})).sql()).isEqualTo("in (?)");
    assertThat(bind("in (:a)", Map.of("a", new String[] {"x", "y"})).sql()).isEqualTo("in (?, ?)");
    assertThat(bind("in (:a)", Map.of("a", new char[] {'q'})).values()).containsExactly('q');
    byte[] bytes = {1, 2, 3};
    BoundSql b = bind("values (:blob)", Map.of("blob", bytes));
    assertThat(b.sql()).isEqualTo("values (?)");
    assertThat(b.values()).containsExactly(bytes);
  }

  @Test
  void repeatedCollectionExpandsAtEachOccurrence() {
    BoundSql b = bind("a in (:ids) or b in (:ids)", Map.of("ids", List.of(1, 2)));
    assertThat(b.sql()).isEqualTo("a in (?, ?) or b in (?, ?)");
    assertThat(b.values()).containsExactly(1, 2, 1, 2);
  }

  @Test
  void emptyCollectionIsRejected() {
    assertThatThrownBy(() -> bind("select * from t where id in (:ids)", Map.of("ids", List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":ids")
        .hasMessageContaining("IN ()")
        .hasMessageContaining("handle the empty case before executing");
    assertThatThrownBy(() -> bind("in (:ids)", Map.of("ids", new int[0])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingValueNamesTheParameterAndTheSql() {
    assertThatThrownBy(
            () -> bind("select * from users where id = :id and pw = :pw", Map.of("pw", CANARY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "missing value for parameter :id in \"select * from users where id = :id and pw ="
                + " :pw\" — add \"id\" to the parameters map")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void missingValueSuggestsAMisspelledKey() {
    assertThatThrownBy(() -> bind("select :user_id", Map.of("userid", CANARY)))
        .hasMessageContaining("missing value for parameter :user_id")
        .hasMessageContaining("\"userid\"")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void unusedKeyIsNamedWithTheParametersTheSqlUses() {
    assertThatThrownBy(
            () -> bind("select :id, :name", Map.of("id", CANARY, "name", CANARY, "nmae", CANARY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter \"nmae\" is not used")
        .hasMessageContaining("the SQL uses :id, :name")
        .hasMessageContaining("did you mean \"name\"?")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void unusedKeyWithALeadingColonSuggestsTheName() {
    Map<String, Object> p = new HashMap<>();
    p.put("id", 1);
    p.put(":id", CANARY);
    assertThatThrownBy(() -> bind("select :id", p))
        .hasMessageContaining("parameter \":id\" is not used")
        .hasMessageContaining("did you mean \"id\"?")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void unusedKeyWhenTheSqlHasNoParameters() {
    assertThatThrownBy(() -> bind("select 1", Map.of("x", CANARY)))
        .hasMessageContaining("parameter \"x\" is not used in \"select 1\"")
        .hasMessageContaining("no :name parameters")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void nullKeyIsUnused() {
    Map<String, Object> p = new HashMap<>();
    p.put("a", 1);
    p.put(null, CANARY);
    assertThatThrownBy(() -> bind("select :a", p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter \"null\" is not used")
        .message()
        .doesNotContain(CANARY);
  }

  @Test
  void quotedSqlIsShortenedAndOnOneLine() {
    String sql = "select :a,\n" + "x, ".repeat(200);
    assertThatThrownBy(() -> bind(sql, Map.of()))
        .message()
        .contains("\"select :a, x, x,")
        .contains("...\"")
        .doesNotContain("\n")
        .satisfies(m -> assertThat(m.length()).isLessThan(320));
  }

  @Test
  void nullMapIsRejected() {
    assertThatThrownBy(() -> bind("select :a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void valuesListHoldsNoReferenceToTheCallersCollection() {
    List<Object> ids = new ArrayList<>(List.of(1, 2));
    BoundSql b = bind("in (:ids)", Map.of("ids", ids));
    ids.add(3);
    assertThat(b.values()).containsExactly(1, 2);
    assertThatThrownBy(() -> b.values().add(9)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void templateIsReusable() {
    SqlTemplate t = SqlTemplate.parse("select :a", ANSI);
    assertThat(t.bind(Map.of("a", 1)).values()).containsExactly(1);
    assertThat(t.bind(Map.of("a", List.of(1, 2))).sql()).isEqualTo("select ?, ?");
    assertThat(t.bind(Map.of("a", 3)).sql()).isEqualTo("select ?");
  }
}
