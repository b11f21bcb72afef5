package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  private static final String NL = System.lineSeparator();

  @Test
  void printsAnAlignedTableWithNullAndARowCount() {
    CliRun r =
        CliRun.of(
            "sql",
            "h2:mem:sqltable",
            "create table t (id int, name varchar(20));"
                + " insert into t values (1, 'x'), (22, null), (3, 'a;b');"
                + " select id, name from t order by id");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .containsPattern("0 rows affected \\(\\d+ ms\\)")
        .containsPattern("3 rows affected \\(\\d+ ms\\)")
        .contains(
            " ID | NAME"
                + NL
                + "----+-----"
                + NL
                + "  1 | x"
                + NL
                + "  3 | a;b"
                + NL
                + " 22 | NULL"
                + NL)
        .containsPattern("\\(3 rows, \\d+ ms\\)");
  }

  @Test
  void csvIsRfc4180() {
    CliRun r =
        CliRun.of("sql", "--csv", "h2:mem:sqlcsv", "select 1 as a, 'x,\"y\"' as b, null as c");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo("A,B,C\r\n1,\"x,\"\"y\"\"\",\r\n");
  }

  @Test
  void jsonIsAnArrayOfObjects() {
    CliRun r =
        CliRun.of(
            "sql",
            "--json",
            "h2:mem:sqljson",
            "select 1 as a, 'say \"hi\"' as b, null as c, true as d, 2.50 as e");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .isEqualTo(
            "[\n  {\"A\": 1, \"B\": \"say \\\"hi\\\"\", \"C\": null, \"D\": true, \"E\": 2.50}\n]"
                + NL);
  }

  @Test
  void readsStatementsFromAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("script.sql");
    Files.writeString(
        f,
        "-- a comment; with a semicolon\ncreate table k (v varchar(9));\n"
            + "insert into k values ('it''s;ok');\n/* ; */ select v from k;\n");
    CliRun r = CliRun.of("sql", "h2:mem:sqlfile", "-f", f.toString());
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).contains(" V" + NL + "--------" + NL + " it's;ok" + NL);
  }

  @Test
  void anErrorIsOneLineWithTheSqlStateAndStopsTheRun() {
    CliRun r = CliRun.of("sql", "h2:mem:sqlerr", "select 1 as one; select nope; select 2 as two");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("ONE").doesNotContain("TWO");
    assertThat(r.err()).startsWith("cistern: ").contains("SQLState 42S22").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun r = CliRun.of("sql", "--debug", "h2:mem:sqldebug", "select nope");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SQLState 42S22").contains("\tat ");
  }

  @Test
  void noSqlIsAUsageError() {
    CliRun r = CliRun.of("sql", "h2:mem:sqlnone", " ; ");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("cistern: no SQL statement given");
  }

  @Test
  void splitterRespectsQuotesCommentsAndDollarQuotes() {
    assertThat(
            SqlScript.split(
                "select ';' as a; select \"x;y\" from t -- c;\n; select $$a;b$$;"
                    + " select $f$ ; $f$; /* ; */ ;;"))
        .containsExactly(
            "select ';' as a", "select \"x;y\" from t -- c;", "select $$a;b$$", "select $f$ ; $f$");
  }

  @Test
  void jsonAndCsvEscaping() {
    assertThat(ResultFormat.jsonString("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    assertThat(ResultFormat.jsonValue(Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(ResultFormat.csvField("plain")).isEqualTo("plain");
    assertThat(ResultFormat.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(List.of(ResultFormat.text(new byte[] {1, (byte) 0xab}))).containsExactly("\\x01ab");
  }

  @Test
  void jsonOfSeveralStatementsIsOneArray() {
    CliRun r =
        CliRun.of(
            "sql",
            "--json",
            "h2:mem:sqljsonmany",
            "create table j (v int); insert into j values (7); select v from j; select 2 as w");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .isEqualTo(
            "[\n  {\"rowsAffected\": 0},\n  {\"rowsAffected\": 1},\n  [\n    {\"V\": 7}\n  ],\n"
                + "  [\n    {\"W\": 2}\n  ]\n]"
                + NL);
  }

  @Test
  void jsonWritesArraysAsArraysAndJsonTextAsJson() {
    assertThat(ResultFormat.jsonValue(new Object[] {1, null, "a"})).isEqualTo("[1, null, \"a\"]");
    assertThat(ResultFormat.jsonValue("{\"a\": [1, 2.5e3, true]}"))
        .isEqualTo("{\"a\": [1, 2.5e3, true]}");
    assertThat(ResultFormat.jsonValue("{not json}")).isEqualTo("\"{not json}\"");
    assertThat(ResultFormat.jsonValue("[1, 2")).isEqualTo("\"[1, 2\"");
    assertThat(ResultFormat.jsonValue("42")).isEqualTo("\"42\"");
  }

  @Test
  void jsonbAndArraysOnPostgres(@Postgres TestDatabase db) {
    CliRun r =
        CliRun.of(
            "sql", "--json", pg(db), "select '{\"a\":1}'::jsonb as j, array[1,2] as a, 'x' as t");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo("[\n  {\"j\": {\"a\": 1}, \"a\": [1, 2], \"t\": \"x\"}\n]" + NL);
  }

  @Test
  void csvResultSetsAreSeparatedByAnEmptyLine() {
    CliRun r = CliRun.of("sql", "--csv", "h2:mem:sqlcsvmany", "select 1 as a; select 2 as b");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo("A\r\n1\r\n\r\nB\r\n2\r\n");
  }

  @Test
  void parametersComeFromDashP() {
    CliRun r =
        CliRun.of(
            "sql",
            "-p",
            "x=hello",
            "--param",
            "n=3",
            "h2:mem:sqlparams",
            "select :x as x; select cast(:n as int) + 1 as n, ':x' as lit");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).contains(" hello" + NL).contains(" 4 | :x" + NL);
  }

  @Test
  void aMissingOrUnusedParameterNamesDashP() {
    CliRun missing = CliRun.of("sql", "h2:mem:sqlnoparam", "select :x");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains("missing value for parameter :x", "pass it with -p x=VALUE")
        .doesNotContain("parameters map");
    CliRun unused = CliRun.of("sql", "-p", "y=1", "h2:mem:sqlunused", "select :x");
    assertThat(unused.code()).isEqualTo(2);
    assertThat(unused.err()).contains("-p y is not used");
  }

  @Test
  void postgresErrorsCarryNoLibraryAdvice(@Postgres TestDatabase db) {
    CliRun r = CliRun.of("sql", pg(db), "select 1 as one; select 1/0");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("division by zero", "SQLState 22012", "the run stopped here")
        .doesNotContain("beginNested")
        .doesNotContain("rollback()");
  }

  @Test
  void aStatementTimeoutNamesTheOption(@Postgres TestDatabase db) {
    CliRun r = CliRun.of("sql", "--option", "statementTimeout=1s", pg(db), "select pg_sleep(30)");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("SQLState 57014", "(statementTimeout=1s)");
  }

  @Test
  void onATerminalAHintSaysStandardInputIsRead() {
    InputStream stdin = System.in;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream("select 5 as five".getBytes(StandardCharsets.UTF_8)));
      int code =
          Main.run(
              new Cli(Map.of("NO_COLOR", "1"), true),
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "sql",
              "h2:mem:sqlstdin");
      assertThat(code).as("%s", err).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(out.toString()).contains(" FIVE");
    assertThat(err.toString())
        .startsWith("cistern: reading SQL from standard input; end with Ctrl-D");
  }

  private static String pg(TestDatabase db) {
    return "postgresql://postgres@" + db.host() + ":" + db.port() + "/test";
  }
}
