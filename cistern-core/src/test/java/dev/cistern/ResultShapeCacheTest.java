package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static dev.cistern.testkit.DatabaseKind.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * {@link SqlConnection#execute} remembers the columns a statement's result had (labels and how to
 * read each one) and reuses them only while the driver reports the same: the same SQL text run
 * after the table changed reads the new columns.
 */
class ResultShapeCacheTest {

  private static List<String> lower(Row r) {
    return r.keys().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
  }

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void theSameSqlAfterATableChangeReadsTheNewColumns(TestDatabase db) {
    try (Engine engine = SqlExecuteTest.engine(db);
        SqlConnection c = engine.connect()) {
      c.execute("create table shapes (a int)");
      c.execute("insert into shapes (a) values (1)");
      c.commit();
      String sql = "select * from shapes";
      for (int i = 0; i < 3; i++) { // the second and third run reuse the columns
        Row r = c.execute(sql).one();
        assertThat(lower(r)).containsExactly("a");
        assertThat(r.getInt(0)).isEqualTo(1);
        assertThat(r.getInt("a")).isEqualTo(1);
      }
      c.execute("alter table shapes add b varchar(10)");
      c.execute("update shapes set b = 'x'");
      c.commit();
      Row r = c.execute(sql).one();
      assertThat(lower(r)).containsExactly("a", "b");
      assertThat(r.get("b", String.class)).isEqualTo("x");
      c.execute("drop table shapes");
      c.commit();
    }
  }

  @OnEachDatabase({POSTGRESQL, H2})
  void aColumnWhoseTypeChangedToTimestampWithTimeZoneIsReadAsOffsetDateTime(TestDatabase db) {
    try (Engine engine = SqlExecuteTest.engine(db);
        SqlConnection c = engine.connect()) {
      c.execute("create table stamps (t timestamp)");
      c.execute("insert into stamps (t) values (timestamp '2024-01-02 03:04:05')");
      c.commit();
      String sql = "select t from stamps";
      assertThat(c.execute(sql).one().get(0)).isNotInstanceOf(OffsetDateTime.class);
      assertThat(c.execute(sql).one().get(0)).isNotInstanceOf(OffsetDateTime.class);
      c.execute(
          db.kind() == POSTGRESQL
              ? "alter table stamps alter column t type timestamptz"
              : "alter table stamps alter column t set data type timestamp with time zone");
      c.commit();
      assertThat(c.execute(sql).one().get(0)).isInstanceOf(OffsetDateTime.class);
      c.execute("drop table stamps");
      c.commit();
    }
  }
}
