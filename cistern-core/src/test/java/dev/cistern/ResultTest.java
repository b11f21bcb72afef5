package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.internal.sql.ArrayRow;
import dev.cistern.internal.sql.Cursor;
import dev.cistern.internal.sql.Cursors;
import dev.cistern.internal.sql.ResultSetCursor;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Result} over list-backed cursors. */
class ResultTest {
  private static final List<String> KEYS = List.of("id", "name");

  /** A cursor that counts how often it is closed and how many rows were taken. */
  static final class CountingCursor implements Cursor {
    final Cursor delegate;
    int closes;
    int taken;

    CountingCursor(int rows) {
      List<Row> list = new ArrayList<>();
      for (int i = 1; i <= rows; i++) {
        list.add(ArrayRow.of(KEYS, i, "n" + i));
      }
      delegate = Cursors.of(KEYS, list);
    }

    @Override
    public List<String> keys() {
      return delegate.keys();
    }

    @Override
    public Row next() {
      if (closes > 0) {
        return null;
      }
      Row r = delegate.next();
      if (r == null) {
        close();
      } else {
        taken++;
      }
      return r;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private static Result query(int rows) {
    return new Result(new CountingCursor(rows), -1, null, "select id, name from t");
  }

  private static Result query(CountingCursor c) {
    return new Result(c, -1, null, "select id, name from t");
  }

  @Test
  void allReturnsEveryRowAndCloses() {
    CountingCursor c = new CountingCursor(3);
    List<Row> rows = query(c).all();
    assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, 2, 3);
    assertThat(c.closes).isPositive();
    assertThatThrownBy(() -> rows.add(rows.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void everyReaderIsSinglePass() {
    List<Function<Result, Object>> readers =
        List.of(
            Result::all,
            Result::oneOrNull,
            Result::first,
            Result::scalar,
            r -> r.scalar(Long.class),
            Result::scalars,
            r -> r.scalars(String.class),
            Result::mappings,
            Result::stream,
            r -> r.partitions(2),
            Result::iterator);
    for (Function<Result, Object> first : readers) {
      for (Function<Result, Object> second : readers) {
        Result r = query(1);
        first.apply(r);
        assertThatThrownBy(() -> second.apply(r))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(
                "this result was already read; a Result can be read once — keep the list from"
                    + " all()");
      }
    }
    Result r = query(1);
    r.one();
    assertThatThrownBy(r::one).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void oneAndOneOrNull() {
    assertThat(query(1).one().get("name")).isEqualTo("n1");
    assertThat(query(1).oneOrNull().get(0)).isEqualTo(1);
    assertThat(query(0).oneOrNull()).isNull();
    assertThatThrownBy(() -> query(0).one())
        .isInstanceOf(NoResultException.class)
        .hasMessageContaining("none")
        .hasMessageContaining("select id, name from t");
    CountingCursor c = new CountingCursor(5);
    assertThatThrownBy(() -> query(c).one())
        .isInstanceOf(MultipleResultsException.class)
        .hasMessageContaining("select id, name from t");
    assertThat(c.taken).as("stops after the second row").isEqualTo(2);
    assertThat(c.closes).isPositive();
    assertThatThrownBy(() -> query(2).oneOrNull()).isInstanceOf(MultipleResultsException.class);
  }

  @Test
  void longSqlIsTruncatedInMessages() {
    String sql = "select " + "x, ".repeat(200) + "y from t";
    Result r = new Result(Cursors.of(KEYS, List.of()), -1, null, sql);
    assertThatThrownBy(r::one)
        .isInstanceOf(NoResultException.class)
        .hasMessageContaining(sql.substring(0, 200) + "...")
        .hasMessageNotContaining("y from t");
    assertThatThrownBy(() -> new Result(Cursors.of(KEYS, List.of()), -1, null, null).one())
        .isInstanceOf(NoResultException.class);
  }

  @Test
  void firstClosesAfterTheFirstRow() {
    CountingCursor c = new CountingCursor(3);
    assertThat(query(c).first().get("id")).isEqualTo(1);
    assertThat(c.taken).isEqualTo(1);
    assertThat(c.closes).isEqualTo(1);
    assertThat(query(0).first()).isNull();
  }

  @Test
  void scalars() {
    CountingCursor c = new CountingCursor(3);
    assertThat(query(c).scalar()).isEqualTo(1);
    assertThat(c.closes).isEqualTo(1);
    assertThat(query(0).scalar()).isNull();
    assertThat(query(0).scalar(Long.class)).isNull();
    assertThat(query(2).scalar(Long.class)).isEqualTo(1L);
    assertThat(query(2).scalar(String.class)).isEqualTo("1");
    assertThat(query(3).scalars()).containsExactly(1, 2, 3);
    assertThat(query(3).scalars(Long.class)).containsExactly(1L, 2L, 3L);
    Result withNull =
        new Result(
            Cursors.of(List.of("x"), List.of(ArrayRow.of(List.of("x"), (Object) null))),
            -1,
            null,
            "q");
    assertThat(withNull.scalars()).containsExactly((Object) null);
  }

  @Test
  void mappingsAreOrderedMaps() {
    List<Map<String, Object>> maps = query(2).mappings();
    assertThat(maps).hasSize(2);
    assertThat(maps.get(0)).containsExactly(Map.entry("id", 1), Map.entry("name", "n1"));
    assertThat(maps.get(1).keySet()).containsExactly("id", "name");
  }

  @Test
  void streamIsLazyAndClosesAtTheEndOrOnClose() {
    CountingCursor c = new CountingCursor(5);
    Stream<Row> s = query(c).stream();
    assertThat(c.taken).isZero();
    try (s) {
      assertThat(s.limit(2).map(r -> r.get("id")).collect(Collectors.toList()))
          .containsExactly(1, 2);
      assertThat(c.taken).isEqualTo(2);
      assertThat(c.closes).isZero();
    }
    assertThat(c.closes).isEqualTo(1);

    CountingCursor exhausted = new CountingCursor(3);
    assertThat(query(exhausted).stream().count()).isEqualTo(3);
    assertThat(exhausted.closes).as("exhausting closes").isEqualTo(1);
  }

  @Test
  void partitions() {
    CountingCursor c = new CountingCursor(5);
    Stream<List<Row>> s = query(c).partitions(2);
    assertThat(c.taken).isZero();
    Iterator<List<Row>> it = s.iterator();
    assertThat(it.next()).extracting(r -> r.get("id")).containsExactly(1, 2);
    assertThat(c.taken).isEqualTo(2);
    assertThat(it.next()).hasSize(2);
    assertThat(it.next()).extracting(r -> r.get("id")).containsExactly(5);
    assertThat(it.hasNext()).isFalse();
    assertThat(c.closes).isEqualTo(1);

    CountingCursor early = new CountingCursor(5);
    try (Stream<List<Row>> p = query(early).partitions(3)) {
      assertThat(p.findFirst()).get().asList().hasSize(3);
    }
    assertThat(early.closes).isEqualTo(1);

    assertThat(query(4).partitions(2).count()).isEqualTo(2);
    assertThat(query(0).partitions(2).count()).isZero();
    Result r = query(1);
    assertThatThrownBy(() -> r.partitions(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.partitions(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(r.all()).as("a bad size does not consume").hasSize(1);
  }

  @Test
  void iteratorIsLazy() {
    CountingCursor c = new CountingCursor(3);
    Result r = query(c);
    int seen = 0;
    for (Row row : r) {
      seen++;
      assertThat(c.taken).isEqualTo(seen);
    }
    assertThat(seen).isEqualTo(3);
    assertThat(c.closes).isEqualTo(1);
    Iterator<Row> empty = query(0).iterator();
    assertThat(empty.hasNext()).isFalse();
    assertThatThrownBy(empty::next).isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void updateResultHasNoRows() {
    Result r = new Result(Cursors.empty(), 3, null, "update t set x = 1");
    assertThat(r.rowCount()).isEqualTo(3);
    assertThat(r.keys()).isEmpty();
    assertThat(r.all()).isEmpty();
    assertThat(r).hasToString("Result(rowCount=3)");
    assertThat(new Result(Cursors.empty(), 0, null, "u").first()).isNull();
    assertThat(new Result(Cursors.empty(), 0, null, "u").scalar()).isNull();
  }

  @Test
  void keysRowCountAndToString() {
    Result r = query(1);
    assertThat(r.rowCount()).isEqualTo(-1);
    assertThat(r.keys()).containsExactly("id", "name");
    assertThat(r).hasToString("Result(keys=[id, name])");
    r.all();
    assertThat(r.keys()).as("still known after reading").containsExactly("id", "name");
    Result returning = new Result(Cursors.of(KEYS, List.of()), 2, null, "insert ... returning");
    assertThat(returning).hasToString("Result(keys=[id, name], rowCount=2)");
  }

  @Test
  void generatedKeys() {
    Result keys =
        new Result(
            Cursors.of(List.of("id"), List.of(ArrayRow.of(List.of("id"), 7L))), -1, null, "");
    Result r = new Result(Cursors.empty(), 1, keys, "insert into t values (1)");
    assertThat(r.generatedKeys().scalar()).isEqualTo(7L);
    r.close();
    Result none = new Result(Cursors.empty(), 1, null, "insert into t values (1)");
    assertThatThrownBy(none::generatedKeys)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call returningGeneratedKeys() on the statement");
  }

  @Test
  void closeIsIdempotentAndStopsReading() {
    CountingCursor c = new CountingCursor(2);
    Result r = query(c);
    r.close();
    r.close();
    assertThat(c.closes).isEqualTo(1);
    assertThatThrownBy(r::all)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");

    CountingCursor read = new CountingCursor(2);
    try (Result r2 = query(read)) {
      assertThat(r2.all()).hasSize(2);
    }
    assertThat(read.closes).isPositive();
  }

  /** A result over a live H2 result set, as SqlConnection will build it. */
  private static Result live(Connection c, String sql, AtomicInteger closes, Statement[] out)
      throws SQLException {
    Statement st = c.createStatement();
    out[0] = st;
    Cursor cursor =
        new ResultSetCursor(
            st, st.executeQuery(sql), true, IllegalStateException::new, closes::incrementAndGet);
    return new Result(cursor, -1, null, sql);
  }

  @Test
  void overALiveResultSet(@H2 TestDatabase db) throws SQLException {
    String sql = "select x as id, 'n' || x as name from system_range(1, 10)";
    Statement[] st = new Statement[1];
    try (Connection c = db.openConnection()) {
      AtomicInteger closes = new AtomicInteger();
      try (Stream<Row> s = live(c, sql, closes, st).stream()) {
        assertThat(s.limit(3).map(r -> r.getLong("id")).collect(Collectors.toList()))
            .containsExactly(1L, 2L, 3L);
        assertThat(st[0].isClosed()).isFalse();
      }
      assertThat(st[0].isClosed()).as("closing the stream closes the statement").isTrue();
      assertThat(closes).hasValue(1);

      assertThat(live(c, sql, closes, st).partitions(4).map(List::size)).containsExactly(4, 4, 2);
      assertThat(st[0].isClosed()).as("exhausting the partitions closes").isTrue();

      Result r = live(c, sql, closes, st);
      assertThat(r.keys()).containsExactly("ID", "NAME");
      assertThat(r.first()).hasToString("Row{ID=1, NAME=n1}");
      assertThat(st[0].isClosed()).as("first() closes").isTrue();

      assertThatThrownBy(() -> live(c, sql, closes, st).one())
          .isInstanceOf(MultipleResultsException.class);
      assertThat(st[0].isClosed()).isTrue();
      assertThat(live(c, sql, closes, st).scalars(Integer.class)).hasSize(10).startsWith(1, 2);
      assertThat(closes).hasValue(5);
    }
  }
}
