package dev.cistern.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Conversions} and {@link TemporalConversions}. */
class ConversionsTest {

  private static <T> T conv(Object value, Class<T> type) {
    return Conversions.convert(value, type, "'c'");
  }

  private static void rejects(Object value, Class<?> type, String... fragments) {
    assertThatThrownBy(() -> conv(value, type))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("column 'c'")
        .hasMessageContaining(type.isArray() ? "[]" : type.getName())
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  @Test
  void nullAndIdentity() {
    assertThat(conv(null, Integer.class)).isNull();
    assertThat(conv(null, int.class)).isNull();
    Object o = new Object();
    assertThat(conv(o, Object.class)).isSameAs(o);
    assertThat(conv(5, Number.class)).isEqualTo(5);
    assertThat(conv("s", CharSequence.class)).isEqualTo("s");
    assertThat(conv(5, int.class)).isEqualTo(5);
  }

  @Test
  void numbersConvertExactly() {
    assertThat(conv(5, Long.class)).isEqualTo(5L);
    assertThat(conv(5L, Integer.class)).isEqualTo(5);
    assertThat(conv(5L, long.class)).isEqualTo(5L);
    assertThat(conv((short) 5, Byte.class)).isEqualTo((byte) 5);
    assertThat(conv(5, BigDecimal.class)).isEqualTo(BigDecimal.valueOf(5));
    assertThat(conv(5, BigInteger.class)).isEqualTo(BigInteger.valueOf(5));
    assertThat(conv(5, Double.class)).isEqualTo(5.0);
    assertThat(conv(5, Float.class)).isEqualTo(5.0f);
    assertThat(conv(new BigDecimal("12.000"), Integer.class)).isEqualTo(12);
    assertThat(conv(new BigDecimal("1.25"), Double.class)).isEqualTo(1.25);
    assertThat(conv(2.0d, Long.class)).isEqualTo(2L);
    assertThat(conv(1.5d, BigDecimal.class)).isEqualByComparingTo("1.5");
    assertThat(conv(0.1f, BigDecimal.class)).isEqualByComparingTo("0.1");
    assertThat(conv(1.5f, Double.class)).isEqualTo(1.5);
    assertThat(conv(new BigInteger("123"), Short.class)).isEqualTo((short) 123);
    assertThat(conv(Long.MAX_VALUE, BigInteger.class))
        .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(conv(true, Integer.class)).isEqualTo(1);
    assertThat(conv(false, Long.class)).isEqualTo(0L);
  }

  @Test
  void numbersRejectLoss() {
    rejects(Long.MAX_VALUE, Integer.class, "out of range", "BigDecimal");
    rejects(300, Byte.class, "out of range");
    rejects(-40000, Short.class, "out of range");
    rejects(new BigDecimal("1.5"), Integer.class, "fraction");
    rejects(1.5d, Long.class, "fraction");
    rejects(new BigInteger("99999999999999999999"), Long.class, "out of range");
    rejects(Double.NaN, BigDecimal.class, "finite");
    rejects(1e300, Float.class, "out of range");
  }

  @Test
  void textToNumbers() {
    assertThat(conv("12.50", BigDecimal.class)).isEqualTo(new BigDecimal("12.50"));
    assertThat(conv(" 42 ", BigInteger.class)).isEqualTo(BigInteger.valueOf(42));
    assertThat(conv("42", Integer.class)).isEqualTo(42);
    assertThat(conv("42", Long.class)).isEqualTo(42L);
    assertThat(conv("2.5", Double.class)).isEqualTo(2.5);
    rejects("abc", BigDecimal.class, "not a number", "abc");
    rejects("2.5", Integer.class, "fraction");
  }

  @ParameterizedTest
  @CsvSource({"true,true", "TRUE,true", "false,false", "1,true", "0,false"})
  void booleansFromText(String text, boolean expected) {
    assertThat(conv(text, Boolean.class)).isEqualTo(expected);
  }

  @Test
  void booleans() {
    assertThat(conv(1, Boolean.class)).isTrue();
    assertThat(conv(0L, boolean.class)).isFalse();
    assertThat(conv(new BigDecimal("1.0"), Boolean.class)).isTrue();
    rejects(2, Boolean.class, "0 and 1");
    rejects(0.5d, Boolean.class, "0 and 1");
    rejects("yes", Boolean.class, "true/false");
    rejects(LocalDate.of(2024, 1, 1), Boolean.class, "not supported", "java.time.LocalDate");
  }

  @Test
  void strings() {
    UUID u = UUID.randomUUID();
    assertThat(conv(5, String.class)).isEqualTo("5");
    assertThat(conv(new BigDecimal("1.50"), String.class)).isEqualTo("1.50");
    assertThat(conv(u, String.class)).isEqualTo(u.toString());
    assertThat(conv(true, String.class)).isEqualTo("true");
    assertThat(conv(LocalDate.of(2024, 1, 2), String.class)).isEqualTo("2024-01-02");
    rejects(new byte[] {1}, String.class, "getBytes(\"c\")");
    rejects(new Object[] {1}, String.class, "String[].class");
  }

  @Test
  void uuids() {
    UUID u = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
    assertThat(conv(u.toString(), UUID.class)).isEqualTo(u);
    byte[] bytes = conv(u, byte[].class);
    assertThat(bytes).hasSize(16).startsWith((byte) 0x01, (byte) 0x23);
    assertThat(conv(bytes, UUID.class)).isEqualTo(u);
    rejects("not-a-uuid", UUID.class, "not a UUID");
    rejects(new byte[3], UUID.class, "16 bytes");
    rejects(5, UUID.class, "not supported");
  }

  @Test
  void dateTimesFromDateTimes() {
    LocalDateTime ldt = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
    OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 1, 0, 0, 0, ZoneOffset.ofHours(2));
    Instant instant = Instant.parse("2024-01-02T03:04:05Z");
    assertThat(conv(ldt, Instant.class)).as("local is UTC").isEqualTo(instant);
    assertThat(conv(instant, LocalDateTime.class)).isEqualTo(ldt);
    assertThat(conv(ldt, OffsetDateTime.class)).isEqualTo(ldt.atOffset(ZoneOffset.UTC));
    assertThat(conv(ldt, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(conv(ldt, LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
    assertThat(conv(odt, Instant.class)).isEqualTo(Instant.parse("2024-01-01T23:00:00Z"));
    assertThat(conv(odt, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 1, 23, 0));
    assertThat(conv(odt, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(conv(odt, ZonedDateTime.class)).isEqualTo(odt.toZonedDateTime());
    assertThat(conv(odt.toZonedDateTime(), OffsetDateTime.class)).isEqualTo(odt);
    assertThat(conv(instant, OffsetDateTime.class)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
    assertThat(conv(LocalDate.of(2024, 1, 2), LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
    assertThat(conv(LocalDate.of(2024, 1, 2), Instant.class))
        .isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(conv(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(1)), LocalTime.class))
        .isEqualTo(LocalTime.of(9, 0));
    assertThat(conv(java.sql.Timestamp.valueOf(ldt), LocalDateTime.class)).isEqualTo(ldt);
    assertThat(conv(new java.util.Date(0), Instant.class)).isEqualTo(Instant.EPOCH);
    rejects(LocalTime.of(1, 2), LocalDateTime.class, "not supported");
    rejects(LocalDate.of(2024, 1, 2), LocalTime.class, "not supported");
    rejects(UUID.randomUUID(), Instant.class, "not supported");
  }

  @Test
  void dateTimesFromText() {
    assertThat(conv("2024-01-02", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(conv("2024-01-02", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
    assertThat(conv("2024-01-02 03:04:05", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    assertThat(conv("2024-01-02T03:04:05.123", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000));
    assertThat(conv("2024-01-02 03:04:05", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(conv("2024-01-02T03:04:05Z", Instant.class))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(conv("2024-01-02 03:04:05+02", OffsetDateTime.class))
        .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
    assertThat(conv("2024-01-02T03:04:05+02:00", Instant.class))
        .isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
    assertThat(conv("2024-01-02 03:04:05", Instant.class))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(conv("03:04:05", LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5));
    rejects("yesterday", LocalDate.class, "not a date or time");
    rejects("2024-13-45", LocalDate.class, "not a date or time");
    rejects("2024-01-02 25:00", LocalDateTime.class, "not a date or time");
  }

  @Test
  void dateTimesFromEpochMillis() {
    assertThat(conv(0L, Instant.class)).isEqualTo(Instant.EPOCH);
    assertThat(conv(86_400_000L, LocalDate.class)).isEqualTo(LocalDate.of(1970, 1, 2));
    assertThat(conv(1_000, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 1));
    rejects(1.5d, Instant.class, "epoch milliseconds");
  }

  @Test
  void arrays() {
    Object[] ints = {1, 2L, new BigDecimal("3")};
    assertThat(conv(ints, Integer[].class)).containsExactly(1, 2, 3);
    assertThat(conv(ints, Long[].class)).containsExactly(1L, 2L, 3L);
    assertThat(conv(ints, int[].class)).containsExactly(1, 2, 3);
    assertThat(conv(ints, long[].class)).containsExactly(1L, 2L, 3L);
    assertThat(conv(ints, String[].class)).containsExactly("1", "2", "3");
    assertThat(conv(new Object[] {"a", null}, String[].class)).containsExactly("a", null);
    assertThat(conv(new Object[] {1, null}, Integer[].class)).containsExactly(1, null);
    assertThat(conv(new Object[] {"a", null}, List.class)).containsExactly("a", null);
    assertThat(conv(new int[] {4, 5}, Long[].class)).containsExactly(4L, 5L);
    assertThat(conv(List.of(1, 2), int[].class)).containsExactly(1, 2);
    Object[] same = {"x"};
    assertThat(conv(same, Object[].class)).isSameAs(same);
    assertThatThrownBy(() -> conv(new Object[] {1, null}, int[].class))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("NULL at index 1")
        .hasMessageContaining("Integer[].class");
    assertThatThrownBy(() -> conv(new Object[] {1, "x"}, Integer[].class))
        .isInstanceOf(CisternException.class)
        .hasMessageContaining("'c'[1]");
    rejects("abc", String[].class, "not supported");
    rejects(5, List.class, "not supported");
  }

  @Test
  void unsupportedSaysWhatToDo() {
    assertThatThrownBy(() -> conv(LocalDate.of(2024, 1, 1), UUID.class))
        .isInstanceOf(CisternException.class)
        .hasMessage(
            "cannot convert column 'c' to java.util.UUID: its value is a java.time.LocalDate"
                + " (2024-01-01); this conversion is not supported: read the value with get(\"c\")"
                + " and convert it yourself, or cast it in the SQL");
  }
}
