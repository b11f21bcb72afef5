package dev.cistern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
