package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Row;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ResultSetCursor} on real databases: value normalization and closing. */
class ResultSetCursorTest {
  private static final UUID U = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  private static final LocalDateTime TS = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);

  /** The translation the tests pass: wraps, so the tests can tell it ran. */
  static final class Translated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Translated(SQLException cause) {
      super(cause);
    }
  }

  /** Runs {@code sql}, checks it returns exactly one row and that the cursor closed everything. */
  private static Row readOne(Connection c, String sql) throws SQLException {
    Statement st = c.createStatement();
    ResultSet rs = st.executeQuery(sql);
    AtomicInteger closes = new AtomicInteger();
    ResultSetCursor cursor =
        new ResultSetCursor(st, rs, true, Translated::new, closes::incrementAndGet);
    Row row = cursor.next();
    assertThat(row).isNotNull();
    assertThat(cursor.next()).isNull();
    assertThat(cursor.next()).isNull();
    assertThat(rs.isClosed()).isTrue();
    assertThat(st.isClosed()).isTrue();
    cursor.close();
    assertThat(closes).hasValue(1);
    assertThat(row.keys()).isEqualTo(cursor.keys());
    return row;
  }

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Test
  void postgresql(@Postgres TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      Row r =
          readOne(
              c,
              "select 1::int as i, 9000000000::bigint as big, 12.50::numeric(10,2) as dec,"
                  + " 'ann'::varchar as s, true as b, date '2024-01-02' as d,"
                  + " timestamp '2024-01-02 03:04:05.123456' as ts,"
                  + " timestamptz '2024-01-02 03:04:05+02' as tz, time '03:04:05' as t,"
                  + " timetz '03:04:05+02' as ttz, '"
                  + U
                  + "'::uuid as u, '\\x0102ff'::bytea as by, array[1,2,3]::int[] as ia,"
                  + " array['a',null]::text[] as ta, '{\"a\":1}'::json as j,"
                  + " interval '1 day' as iv, 'x'::xml as x, null::int as n, null::text as ns,"
                  + " null::timestamptz as ntz, null::int[] as na, null::bytea as nb");
      assertThat(r.get("i")).isEqualTo(1);
      assertThat(r.get("big")).isEqualTo(9_000_000_000L);
      assertThat(r.get("dec")).isEqualTo(new BigDecimal("12.50"));
      assertThat(r.get("s")).isEqualTo("ann");
      assertThat(r.get("b")).isEqualTo(true);
      assertThat(r.get("d")).isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(r.get("ts")).isEqualTo(TS);
      assertThat(r.get("tz")).isInstanceOf(OffsetDateTime.class);
      assertThat(r.getInstant("tz")).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
      assertThat(r.get("t")).isEqualTo(LocalTime.of(3, 4, 5));
      assertThat(r.get("ttz")).isEqualTo(OffsetTime.of(3, 4, 5, 0, ZoneOffset.ofHours(2)));
      assertThat(r.get("u")).isEqualTo(U);
      assertThat((byte[]) r.get("by")).containsExactly(1, 2, 0xff);
      assertThat((Object[]) r.get("ia")).containsExactly(1, 2, 3);
      assertThat(r.get("ia", int[].class)).containsExactly(1, 2, 3);
      assertThat(r.get("ta", List.class)).containsExactly("a", null);
      assertThat(r.get("j")).isEqualTo("{\"a\":1}");
      assertThat(r.get("iv")).isInstanceOf(String.class);
      assertThat((String) r.get("iv")).contains("1 day");
      assertThat(r.get("x")).isEqualTo("x");
      for (String n : List.of("n", "ns", "ntz", "na", "nb")) {
        assertThat(r.isNull(n)).as(n).isTrue();
      }
    }
  }

  @Test
  void mariadb(@MariaDb TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      exec(
          c,
          "create table t (i int, big bigint, dec_ decimal(10,2), s varchar(20), b boolean,"
              + " d date, ts datetime(6), t time, u uuid, bl blob, tx text, n int, nd datetime)",
          "insert into t values (1, 9000000000, 12.50, 'ann', true, '2024-01-02',"
              + " '2024-01-02 03:04:05.123456', '03:04:05', '"
              + U
              + "', x'0102ff', 'long text', null, null)");
      Row r = readOne(c, "select * from t");
      assertThat(r.get("i")).isEqualTo(1);
      assertThat(r.get("big")).isEqualTo(9_000_000_000L);
      assertThat(r.get("dec_")).isEqualTo(new BigDecimal("12.50"));
      assertThat(r.get("s")).isEqualTo("ann");
      assertThat(r.get("b")).isEqualTo(true);
      assertThat(r.get("d")).isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(r.get("ts")).isEqualTo(TS);
      assertThat(r.get("t")).isEqualTo(LocalTime.of(3, 4, 5));
      assertThat(r.getUuid("u")).isEqualTo(U);
      assertThat((byte[]) r.get("bl")).containsExactly(1, 2, 0xff);
      assertThat(r.get("tx")).isEqualTo("long text");
      assertThat(r.isNull("n")).isTrue();
      assertThat(r.isNull("nd")).isTrue();
      assertThat(r.get("I")).as("labels case-insensitive").isEqualTo(1);
    }
  }

  @Test
  void h2(@H2 TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      exec(
          c,
          "create table t (i integer, big bigint, dec_ decimal(10,2), s varchar(20), b boolean,"
              + " d date, ts timestamp(6), tz timestamp(0) with time zone, t time, u uuid,"
              + " vb varbinary(10), bl blob, cl clob, ia integer array, sa varchar(5) array,"
              + " iv interval day, n integer, nts timestamp, na integer array)",
          "insert into t values (1, 9000000000, 12.50, 'ann', true, date '2024-01-02',"
              + " timestamp '2024-01-02 03:04:05.123456',"
              + " timestamp with time zone '2024-01-02 03:04:05+02', time '03:04:05', '"
              + U
              + "', x'0102ff', x'0102ff', 'long text', array[1,2,3], array['a',null],"
              + " interval '1' day, null, null, null)");
      Row r = readOne(c, "select * from t");
      assertThat(r.get("I")).isEqualTo(1);
      assertThat(r.get("i")).as("H2 upper-cases; lookup ignores case").isEqualTo(1);
      assertThat(r.get("big")).isEqualTo(9_000_000_000L);
      assertThat(r.get("dec_")).isEqualTo(new BigDecimal("12.50"));
      assertThat(r.get("s")).isEqualTo("ann");
      assertThat(r.get("b")).isEqualTo(true);
      assertThat(r.get("d")).isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(r.get("ts")).isEqualTo(TS);
      assertThat(r.get("tz"))
          .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
      assertThat(r.get("t")).isEqualTo(LocalTime.of(3, 4, 5));
      assertThat(r.get("u")).isEqualTo(U);
      assertThat((byte[]) r.get("vb")).containsExactly(1, 2, 0xff);
      assertThat((byte[]) r.get("bl")).containsExactly(1, 2, 0xff);
      assertThat(r.get("cl")).isEqualTo("long text");
      assertThat((Object[]) r.get("ia")).containsExactly(1, 2, 3);
      assertThat(r.get("ia", Long[].class)).containsExactly(1L, 2L, 3L);
      assertThat(r.get("sa", String[].class)).containsExactly("a", null);
      assertThat(r.get("iv")).isInstanceOf(String.class);
      assertThat(r.isNull("n")).isTrue();
      assertThat(r.isNull("nts")).isTrue();
      assertThat(r.isNull("na")).isTrue();
    }
  }

  @Test
  void sqlite() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      exec(
          c,
          "create table t (i integer, big integer, r real, dec_ numeric, s text, b boolean,"
              + " d date, ts timestamp, bl blob, n integer)",
          "insert into t values (1, 9000000000, 1.5, 12.5, 'ann', 1, '2024-01-02',"
              + " '2024-01-02 03:04:05.123', x'0102ff', null)");
      Row r = readOne(c, "select * from t");
      assertThat(r.get("i")).isEqualTo(1);
      assertThat(r.getInt("i")).isEqualTo(1);
      assertThat(r.get("big")).isEqualTo(9_000_000_000L);
      assertThat(r.get("r")).isEqualTo(1.5);
      assertThat(r.getBigDecimal("dec_")).isEqualByComparingTo("12.5");
      assertThat(r.get("s")).isEqualTo("ann");
      assertThat(r.getBoolean("b")).isTrue();
      assertThat(r.getLocalDate("d")).isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(r.getLocalDateTime("ts"))
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000));
      assertThat(r.getBytes("bl")).containsExactly(1, 2, 0xff);
      assertThat(r.isNull("n")).isTrue();
    }
  }

  @Test
  void closesOnceAndLeavesAForeignStatementOpen(@H2 TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection();
        Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("select x from system_range(1, 3)");
      AtomicInteger closes = new AtomicInteger();
      ResultSetCursor cursor =
          new ResultSetCursor(st, rs, false, Translated::new, closes::incrementAndGet);
      assertThat(cursor.keys()).containsExactly("X");
      assertThat(cursor.next().get("x")).isEqualTo(1L);
      cursor.close();
      cursor.close();
      assertThat(closes).hasValue(1);
      assertThat(rs.isClosed()).isTrue();
      assertThat(st.isClosed()).isFalse();
      assertThat(cursor.next()).isNull();
      assertThat(cursor).hasToString("ResultSetCursor(keys=[X], closed)");

      ResultSetCursor noCallback =
          new ResultSetCursor(null, st.executeQuery("select 1"), false, Translated::new, null);
      assertThat(noCallback.next()).isNotNull();
      assertThat(noCallback.next()).isNull();
    }
  }

  @Test
  void errorsAreTranslatedAndClose(@H2 TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      Statement st = c.createStatement();
      ResultSet closed = st.executeQuery("select 1");
      closed.close();
      AtomicInteger closes = new AtomicInteger();
      assertThatThrownBy(
              () -> new ResultSetCursor(st, closed, true, Translated::new, closes::incrementAndGet))
          .isInstanceOf(Translated.class)
          .hasCauseInstanceOf(SQLException.class);
      assertThat(closes).hasValue(1);
      assertThat(st.isClosed()).isTrue();

      Statement st2 = c.createStatement();
      ResultSet rs = st2.executeQuery("select x from system_range(1, 3)");
      ResultSetCursor cursor =
          new ResultSetCursor(st2, rs, true, Translated::new, closes::incrementAndGet);
      assertThat(cursor.next()).isNotNull();
      rs.close(); // pulled from under the cursor: the next read fails
      assertThatThrownBy(cursor::next).isInstanceOf(Translated.class);
      assertThat(closes).hasValue(2);
      assertThat(st2.isClosed()).isTrue();
      assertThat(cursor.next()).isNull();
    }
  }

  @Test
  void bufferReadsEverythingAndCloses(@H2 TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      Statement st = c.createStatement();
      ResultSet rs = st.executeQuery("select x as id from system_range(1, 3)");
      AtomicInteger closes = new AtomicInteger();
      Cursor buffered =
          Cursors.buffer(
              new ResultSetCursor(st, rs, true, Translated::new, closes::incrementAndGet));
      assertThat(closes).hasValue(1);
      assertThat(st.isClosed()).isTrue();
      assertThat(buffered.keys()).containsExactly("ID");
      assertThat(buffered.next().get("id")).isEqualTo(1L);
      assertThat(buffered.next().get("id")).isEqualTo(2L);
      assertThat(buffered.next().get("id")).isEqualTo(3L);
      assertThat(buffered.next()).isNull();
    }
  }
}
