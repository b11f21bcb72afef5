package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternException;
import dev.cistern.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ArrayRow}: lookup, errors, typed getters, equality and text. */
class RowTest {
  private static final List<String> KEYS = List.of("id", "name", "created_at");

  private final Row row = ArrayRow.of(KEYS, 1, "ann", LocalDateTime.of(2024, 1, 2, 3, 4, 5));

  @Test
  void byIndexAndByName() {
    assertThat(row.size()).isEqualTo(3);
    assertThat(row.keys()).containsExactly("id", "name", "created_at");
    assertThat(row.get(0)).isEqualTo(1);
    assertThat(row.get("name")).isEqualTo("ann");
    assertThat(row.get("NAME")).as("case-insensitive").isEqualTo("ann");
    assertThat(row.get("Created_At")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
  }

  @Test
  void duplicateLabelsFirstWinsExactCaseFirst() {
    Row r = ArrayRow.of(List.of("id", "ID", "id"), 1, 2, 3);
    assertThat(r.get("id")).isEqualTo(1);
    assertThat(r.get("ID")).as("exact match beats the case-insensitive one").isEqualTo(2);
    assertThat(r.get("Id")).isEqualTo(1);
    assertThat(r.get(2)).isEqualTo(3);
    assertThat(r.asMap()).containsExactly(Map.entry("id", 1), Map.entry("ID", 2));
  }

  @Test
  void unknownColumnNamesTheLabelsAndSuggests() {
    assertThatThrownBy(() -> row.get("nmae"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nmae'")
        .hasMessageContaining("did you mean 'name'?")
        .hasMessageContaining("[id, name, created_at]");
    assertThatThrownBy(() -> row.get("zzzzzzzz", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("did you mean")
        .hasMessageContaining("[id, name, created_at]");
    assertThatThrownBy(() -> row.getInt("createdat"))
        .hasMessageContaining("did you mean 'created_at'?");
    assertThatThrownBy(() -> row.get(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("3 column(s)");
    assertThatThrownBy(() -> row.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void typedGetters() {
    UUID u = UUID.randomUUID();
    OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2));
    List<String> keys =
        List.of("i", "l", "b", "d", "s", "date", "ts", "tz", "u", "bytes", "n", "flag");
    Row r =
        ArrayRow.of(
            keys,
            7,
            8L,
            true,
            new BigDecimal("1.50"),
            "text",
            LocalDate.of(2024, 1, 2),
            LocalDateTime.of(2024, 1, 2, 3, 4),
            odt,
            u,
            new byte[] {1, 2},
            null,
            1);
    assertThat(r.getInt("i")).isEqualTo(7);
    assertThat(r.getInt(0)).isEqualTo(7);
    assertThat(r.getLong("l")).isEqualTo(8L);
    assertThat(r.getLong(0)).isEqualTo(7L);
    assertThat(r.getBoolean("b")).isTrue();
    assertThat(r.getBoolean("flag")).isTrue();
    assertThat(r.getBoolean(2)).isTrue();
    assertThat(r.getBigDecimal("d")).isEqualByComparingTo("1.5");
    assertThat(r.getBigDecimal(0)).isEqualByComparingTo("7");
    assertThat(r.getString("s")).isEqualTo("text");
    assertThat(r.getString(0)).isEqualTo("7");
    assertThat(r.getLocalDate("date")).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(r.getLocalDate(6)).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(r.getLocalDateTime("ts")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
    assertThat(r.getLocalDateTime(5)).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
    assertThat(r.getOffsetDateTime("tz")).isEqualTo(odt);
    assertThat(r.getOffsetDateTime(6))
        .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC));
    assertThat(r.getInstant("tz")).isEqualTo(odt.toInstant());
    assertThat(r.getInstant(6)).isEqualTo(Instant.parse("2024-01-02T03:04:00Z"));
    assertThat(r.getUuid("u")).isEqualTo(u);
    assertThat(r.getUuid(8)).isEqualTo(u);
    assertThat(r.getBytes("bytes")).containsExactly(1, 2);
    assertThat(r.getBytes(9)).containsExactly(1, 2);
    assertThat(r.isNull("n")).isTrue();
    assertThat(r.isNull(10)).isTrue();
    assertThat(r.isNull("i")).isFalse();
    assertThat(r.getString("n")).isNull();
    assertThat(r.getBigDecimal("n")).isNull();
    assertThat(r.getUuid("n")).isNull();
    assertThat(r.get("n", Integer.class)).isNull();
  }

  @Test
  void primitiveGettersRejectNull() {
    Row r = ArrayRow.of(List.of("n"), (Object) null);
    assertThatThrownBy(() -> r.getInt("n"))
        .isInstanceOf(CisternException.class)
        .hasMessage("column 'n' is NULL; use get(\"n\", Integer.class) to accept NULL");
    assertThatThrownBy(() -> r.getLong("n"))
        .hasMessage("column 'n' is NULL; use get(\"n\", Long.class) to accept NULL");
    assertThatThrownBy(() -> r.getBoolean("n"))
        .hasMessage("column 'n' is NULL; use get(\"n\", Boolean.class) to accept NULL");
    assertThatThrownBy(() -> r.getInt(0))
        .hasMessage("column 0 ('n') is NULL; use get(0, Integer.class) to accept NULL");
  }

  @Test
  void conversionErrorsNameTheColumn() {
    assertThatThrownBy(() -> row.get("name", Integer.class))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("'name'")
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> row.get(1, UUID.class)).hasMessageContaining("column 'name'");
    Row unnamed = ArrayRow.of(List.of(""), "x");
    assertThatThrownBy(() -> unnamed.get(0, UUID.class)).hasMessageContaining("column #0");
  }

  @Test
  void asMapIsOrderedAndUnmodifiable() {
    Map<String, Object> m = row.asMap();
    assertThat(m.keySet()).containsExactly("id", "name", "created_at");
    assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalsHashCodeAndToString() {
    Row a = ArrayRow.of(List.of("id", "name", "b"), 1, "ann", new byte[] {1});
    Row b = ArrayRow.of(List.of("id", "name", "b"), 1, "ann", new byte[] {1});
    Row c = ArrayRow.of(List.of("id", "nom", "b"), 1, "ann", new byte[] {1});
    Row d = ArrayRow.of(List.of("id", "name", "b"), 2, "ann", new byte[] {1});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c).isNotEqualTo(d);
    assertThat(ArrayRow.of(List.of("id", "name"), 1, "ann")).hasToString("Row{id=1, name=ann}");
    assertThat(
            ArrayRow.of(
                List.of("b", "a", "n"), new byte[] {1, (byte) 0xff}, new Object[] {1, "x"}, null))
        .hasToString("Row{b=0x01ff, a=[1, x], n=null}");
    assertThat(ArrayRow.of(List.of("b"), (Object) new byte[40]).toString())
        .endsWith("...(40 bytes)}");
  }

  @Test
  void labelAndValueCountsMustAgree() {
    assertThatThrownBy(() -> new ArrayRow(new ColumnIndex(List.of("a")), new Object[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
