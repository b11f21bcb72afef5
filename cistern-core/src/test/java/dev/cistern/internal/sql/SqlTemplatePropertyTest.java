package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SQL assembled from random fragments whose parse is known: the parsed names must be exactly the
 * generated parameters, and the JDBC text the generated SQL with each parameter replaced by {@code
 * ?} and each {@code \:} by {@code :}, everything else unchanged.
 */
class SqlTemplatePropertyTest {
  /** A piece of SQL, what the parser must make of it, and the parameters it holds. */
  record Frag(String sql, String jdbc, List<String> params) {
    static Frag same(String sql) {
      return new Frag(sql, sql, List.of());
    }

    static Frag param(String name) {
      return new Frag(":" + name, "?", List.of(name));
    }
  }

  /** A generated statement. */
  record Generated(SqlSyntax syntax, String sql, String jdbc, List<String> params) {
    @Override
    public String toString() {
      return syntax + ": " + sql;
    }
  }

  @Property(tries = 1000)
  void parseFindsExactlyTheGeneratedParameters(@ForAll("statements") Generated g) {
    SqlTemplate t = SqlTemplate.parse(g.sql(), g.syntax());
    assertThat(t.occurrences()).isEqualTo(g.params());
    assertThat(t.names()).isEqualTo(List.copyOf(new LinkedHashSet<>(g.params())));
    assertThat(t.jdbcSql()).isEqualTo(g.jdbc());
  }

  @Property(tries = 300)
  void bindGivesOneValuePerPlaceholder(@ForAll("statements") Generated g) {
    SqlTemplate t = SqlTemplate.parse(g.sql(), g.syntax());
    Map<String, Object> values =
        t.names().stream().collect(Collectors.toMap(n -> n, n -> "v-" + n));
    BoundSql b = t.bind(values);
    assertThat(b.sql()).isEqualTo(g.jdbc());
    assertThat(b.values())
        .isEqualTo(g.params().stream().map(n -> "v-" + n).collect(Collectors.toList()));
  }

  @Provide
  Arbitrary<Generated> statements() {
    return Arbitraries.of(SqlSyntax.class)
        .flatMap(
            s ->
                Combinators.combine(
                        fragment(s).list().ofMaxSize(25),
                        Arbitraries.of(" ", "\n", "\t", "  ").list().ofMaxSize(25))
                    .as((frags, seps) -> assemble(s, frags, seps)));
  }

  private static Generated assemble(SqlSyntax s, List<Frag> frags, List<String> seps) {
    StringBuilder sql = new StringBuilder();
    StringBuilder jdbc = new StringBuilder();
    List<String> params = new ArrayList<>();
    for (int k = 0; k < frags.size(); k++) {
      String sep = seps.isEmpty() ? " " : seps.get(k % seps.size());
      Frag f = frags.get(k);
      sql.append(f.sql()).append(sep);
      jdbc.append(f.jdbc()).append(sep);
      params.addAll(f.params());
    }
    return new Generated(s, sql.toString(), jdbc.toString(), params);
  }

  private static Arbitrary<String> names() {
    Arbitrary<String> random =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withChars('_')
            .ofMinLength(1)
            .ofMaxLength(1)
            .flatMap(
                first ->
                    Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withCharRange('0', '9')
                        .withChars('_')
                        .ofMaxLength(8)
                        .map(rest -> first + rest));
    return Arbitraries.oneOf(Arbitraries.of("id", "a", "user_id", "_p", "X1"), random);
  }

  private static Arbitrary<Frag> fragment(SqlSyntax s) {
    List<Arbitrary<Frag>> all = new ArrayList<>();
    all.add(
        Arbitraries.of(
                "select", "from", "where", "t", "x1", "=", "(", ")", ",", "+", "1.5", "in", "a.b")
            .map(Frag::same));
    all.add(names().map(Frag::param));
    all.add(names().map(n -> new Frag("(:" + n + ",:" + n + ")", "(?,?)", List.of(n, n))));
    all.add(names().map(n -> new Frag("x=:" + n, "x=?", List.of(n))));
    all.add(names().map(n -> new Frag("'s':" + n, "'s'?", List.of(n))));
    all.add(names().map(n -> new Frag(":" + n + "::int", "?::int", List.of(n))));
    all.add(names().map(n -> Frag.same("'a '':" + n + " ?'")));
    all.add(names().map(n -> Frag.same("'\\:" + n + "'")));
    all.add(names().map(n -> Frag.same("\"col:" + n + "\"")));
    all.add(names().map(n -> Frag.same("\"a\"\":" + n + "\"")));
    all.add(names().map(n -> Frag.same("-- c :" + n + " 'x\n")));
    all.add(names().map(n -> Frag.same("/* :" + n + " ' \" */")));
    all.add(names().map(n -> new Frag("x\\:" + n, "x:" + n, List.of())));
    all.add(
        Arbitraries.of("a::int", "::text", "@v := 1", "a[1:2]", ": ", ":1", "'{\"k\":1}'")
            .map(Frag::same));
    all.add(Arbitraries.of("\\:", "a\\b").map(w -> new Frag(w, w.replace("\\:", ":"), List.of())));
    if (s == SqlSyntax.POSTGRES) {
      all.add(names().map(n -> Frag.same("$$ :" + n + " ' \" $$")));
      all.add(names().map(n -> Frag.same("$q1$ :" + n + " $$ $q1$")));
      all.add(names().map(n -> Frag.same("E'it\\'s :" + n + "'")));
      all.add(names().map(n -> Frag.same("/* a /* :" + n + " */ :" + n + " */")));
      all.add(names().map(n -> new Frag("$1 :" + n, "$1 ?", List.of(n))));
      all.add(Arbitraries.of("data ?? 'k'").map(Frag::same));
    }
    if (s == SqlSyntax.MYSQL) {
      all.add(names().map(n -> Frag.same("'it\\'s :" + n + "'")));
      all.add(names().map(n -> Frag.same("\"say \\\":" + n + "\"")));
      all.add(names().map(n -> Frag.same("`t:" + n + "`")));
      all.add(names().map(n -> Frag.same("# :" + n + " '\n")));
      all.add(names().map(n -> new Frag("1--:" + n, "1--?", List.of(n))));
    }
    if (s == SqlSyntax.ANSI) {
      all.add(names().map(n -> new Frag("'c:\\' :" + n, "'c:\\' ?", List.of(n))));
      all.add(names().map(n -> new Frag("/* /* */ :" + n, "/* /* */ ?", List.of(n))));
    }
    return Arbitraries.oneOf(all);
  }
}
