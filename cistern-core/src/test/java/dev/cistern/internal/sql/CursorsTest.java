package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Cursors}. */
class CursorsTest {
  private static final List<String> KEYS = List.of("id");

  @Test
  void empty() {
    Cursor c = Cursors.empty();
    assertThat(c.keys()).isEmpty();
    assertThat(c.next()).isNull();
    c.close();
    c.close();
    assertThat(Cursors.empty().next()).isNull();
  }

  @Test
  void ofCopiesAndEndsClosed() {
    List<Row> rows = new ArrayList<>(List.of(ArrayRow.of(KEYS, 1), ArrayRow.of(KEYS, 2)));
    Cursor c = Cursors.of(KEYS, rows);
    rows.clear();
    assertThat(c.keys()).containsExactly("id");
    assertThat(c.next().get(0)).isEqualTo(1);
    assertThat(c.next().get(0)).isEqualTo(2);
    assertThat(c.next()).isNull();
    assertThat(c.next()).isNull();

    Cursor closed = Cursors.of(KEYS, List.of(ArrayRow.of(KEYS, 1)));
    closed.close();
    assertThat(closed.next()).as("a closed cursor has no more rows").isNull();
  }

  @Test
  void bufferDrainsAndClosesEvenOnError() {
    int[] closes = {0};
    Cursor failing =
        new Cursor() {
          int n;

          @Override
          public List<String> keys() {
            return KEYS;
          }

          @Override
          public Row next() {
            if (++n > 1) {
              throw new IllegalStateException("boom");
            }
            return ArrayRow.of(KEYS, n);
          }

          @Override
          public void close() {
            closes[0]++;
          }
        };
    assertThatThrownBy(() -> Cursors.buffer(failing)).hasMessage("boom");
    assertThat(closes[0]).isEqualTo(1);

    Cursor list = Cursors.of(KEYS, List.of(ArrayRow.of(KEYS, 1)));
    assertThat(Cursors.buffer(list)).isSameAs(list);
    assertThat(Cursors.buffer(Cursors.empty())).isSameAs(Cursors.empty());
  }
}
