package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static dev.cistern.testkit.DatabaseKind.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** executeMany of 100,000 rows and streaming of 1,000,000 rows in a small heap. */
class SqlBulkTest {
  static final int MANY = 100_000;
  static final int STREAMED = 1_000_000;

  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void executeManyInsertsOneHundredThousandRows(TestDatabase db) {
    try (Engine engine = SqlExecuteTest.engine(db);
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int primary key, name varchar(40), note varchar(40))");
      c.commit();
      List<Map<String, Object>> rows = new ArrayList<>(MANY);
      for (int i = 0; i < MANY; i++) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", i);
        m.put("name", "n" + i);
        m.put("note", i % 2 == 0 ? null : "x'); drop table t; --");
        rows.add(m);
      }
      long start = System.nanoTime();
      long[] counts =
          c.executeMany("insert into t (id, name, note) values (:id, :name, :note)", rows);
      c.commit();
      System.out.printf(
          "%s: executeMany of %d rows (multi-row INSERT) in %d ms%n",
          db.kind(), MANY, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      assertThat(counts).hasSize(MANY).containsOnly(1L);
      assertThat(c.execute("select count(*) from t").scalar(Long.class)).isEqualTo(MANY);
      assertThat(c.execute("select sum(id) from t").scalar(Long.class))
          .isEqualTo((long) MANY * (MANY - 1) / 2);
      assertThat(
              c.execute("select note from t where id = :id", Map.of("id", 7)).scalar(String.class))
          .isEqualTo("x'); drop table t; --");

      // not an INSERT ... VALUES: JDBC batches, one count per parameter set
      List<Map<String, Object>> updates = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        updates.add(Map.of("id", i, "name", "u" + i));
      }
      long[] updated = c.executeMany("update t set name = :name where id = :id", updates);
      c.commit();
      assertThat(updated).hasSize(2500);
      for (long n : updated) {
        assertThat(n).isIn(1L, (long) Statement.SUCCESS_NO_INFO);
      }
      assertThat(c.execute("select count(*) from t where name like 'u%'").scalar(Long.class))
          .isEqualTo(2500L);
      assertThat(c.executeMany("update t set name = :name", List.of())).isEmpty();
      assertThatThrownBy(
              () -> c.executeMany("insert into t (id) values (:id)", List.of(Map.of("idd", 1))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id");
    }
  }

  /**
   * Streams a million generated rows with fetchSize in a child JVM capped at a 48 MB heap: reading
   * them into memory would need several times that.
   */
  @OnEachDatabase({POSTGRESQL, MARIADB, H2, SQLITE})
  void streamsAMillionRowsInABoundedHeap(TestDatabase db) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xmx48m",
                "-cp",
                System.getProperty("java.class.path"),
                StreamMain.class.getName(),
                // H2 materializes results unless lazy query execution is on
                db.kind() == H2 ? db.cisternUrl() + "&LAZY_QUERY_EXECUTION=TRUE" : db.cisternUrl(),
                db.kind().name())
            .redirectErrorStream(true)
            .start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    System.out.print(db.kind() + ": " + out);
    assertThat(done).as("child finished: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("streamed " + STREAMED + " rows, sum " + ((long) STREAMED * (STREAMED + 1) / 2));
  }

  /** The child JVM of {@link #streamsAMillionRowsInABoundedHeap}. */
  static final class StreamMain {
    public static void main(String[] args) throws IOException {
      DatabaseKind kind = DatabaseKind.valueOf(args[1]);
      String rows =
          switch (kind) {
            case POSTGRESQL -> "select g as id, md5(g::text) as pad from generate_series(1, :n) g";
            case MARIADB -> "select seq as id, md5(seq) as pad from seq_1_to_" + STREAMED;
            case H2 ->
                "select x as id, rawtohex(hash('SHA-256', cast(x as varchar))) as pad"
                    + " from system_range(1, :n)";
            case SQLITE ->
                "with recursive g(id) as (select 1 union all select id + 1 from g"
                    + " where id < :n) select id, hex(randomblob(16)) as pad from g";
          };
      Map<String, Object> params = kind == MARIADB ? Map.of() : Map.of("n", STREAMED);
      try (Engine engine = Engine.builder(args[0]).poolSize(1, 0).build();
          SqlConnection c = engine.connect()) {
        long n = 0;
        long sum = 0;
        Runtime rt = Runtime.getRuntime();
        long maxUsed = 0;
        try (Stream<Row> s = c.sql(rows).bindAll(params).fetchSize(1000).execute().stream()) {
          for (Row r : (Iterable<Row>) s::iterator) {
            n++;
            sum += r.getLong(0);
            if (n % 100_000 == 0) {
              maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
            }
          }
        }
        System.out.printf(
            "streamed %d rows, sum %d, max heap used %d MB of %d MB%n",
            n, sum, maxUsed >> 20, rt.maxMemory() >> 20);
      }
    }
  }
}
