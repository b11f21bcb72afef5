package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Parameter values of the less common Java types reach the database as the value a user means, on a
 * database with native types (H2, PostgreSQL) and on one that keeps text (SQLite); with {@code
 * hideParameters} no value of a parameter, not even one inside a list or array, shows in an error.
 */
class SqlBindingTest {
  enum Color {
    RED,
    GREEN
  }

  private static Engine engine(TestDatabase db, boolean hide) {
    return Engine.builder(db.cisternUrl())
        .option(Option.HIDE_PARAMETERS, hide)
        .option(Option.SHUTDOWN_HOOK, false)
        .build();
  }

  @OnEachDatabase({DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.SQLITE})
  void longsEnumsCharsBigIntegersAndUuidsRoundTrip(TestDatabase db) {
    UUID id = UUID.fromString("6f1c0a34-2a8e-4d8e-9d3c-1b2a3c4d5e6f");
    try (Engine engine = engine(db, false);
        SqlConnection c = engine.connect()) {
      c.execute(
          "create table vals (n bigint, color varchar(10), letter varchar(1), big decimal(30, 0),"
              + " ref varchar(36))");
      Map<String, Object> p = new HashMap<>();
      p.put("n", 9_000_000_000L);
      p.put("color", Color.GREEN);
      p.put("letter", 'x');
      // SQLite keeps a decimal beyond 64 bits as a double; within them it is exact
      BigInteger big =
          new BigInteger(
              db.kind() == DatabaseKind.SQLITE
                  ? "9223372036854775806"
                  : "123456789012345678901234567890");
      p.put("big", big);
      p.put("ref", id.toString());
      c.execute("insert into vals values (:n, :color, :letter, :big, :ref)", p);

      Row r = c.execute("select n, color, letter, big, ref from vals").one();
      assertThat(r.get("n", Long.class)).isEqualTo(9_000_000_000L);
      assertThat(r.get("color", String.class)).isEqualTo("GREEN");
      assertThat(r.get("letter", String.class)).isEqualTo("x");
      assertThat(r.get("big", BigInteger.class)).isEqualTo(big);
      assertThat(
              c.execute(
                      "select count(*) from vals where color = :c and letter = :l and n = :n",
                      Map.of("c", Color.GREEN, "l", 'x', "n", 9_000_000_000L))
                  .scalar(Long.class))
          .isEqualTo(1L);
      assertThat(
              c.execute("select count(*) from vals where color = :c", Map.of("c", Color.RED))
                  .scalar(Long.class))
          .isZero();
    }
  }

  @OnEachDatabase({DatabaseKind.H2, DatabaseKind.SQLITE})
  void aUuidIsStoredAsItsTextWhereTheDatabaseHasNoUuidType(TestDatabase db) {
    UUID id = UUID.fromString("6f1c0a34-2a8e-4d8e-9d3c-1b2a3c4d5e6f");
    try (Engine engine = engine(db, false);
        SqlConnection c = engine.connect()) {
      c.execute("create table refs (ref varchar(36))");
      c.execute("insert into refs values (:ref)", Map.of("ref", id));
      assertThat(c.execute("select ref from refs").scalar(String.class))
          .isEqualToIgnoringCase(id.toString());
    }
  }

  @OnEachDatabase({DatabaseKind.H2, DatabaseKind.SQLITE})
  void anInstantOrZonedTimeFindsTheRowItWasStoredWith(TestDatabase db) {
    Instant t = Instant.parse("2026-11-29T10:15:30Z");
    ZonedDateTime z = t.atZone(ZoneId.of("Europe/Paris"));
    try (Engine engine = engine(db, false);
        SqlConnection c = engine.connect()) {
      c.execute(
          db.kind() == DatabaseKind.SQLITE
              ? "create table events (at text, zoned text)"
              : "create table events (at timestamp, zoned timestamp with time zone)");
      c.execute("insert into events values (:at, :zoned)", Map.of("at", t, "zoned", z));
      assertThat(
              c.execute(
                      "select count(*) from events where at = :at and zoned = :zoned",
                      Map.of("at", t, "zoned", z))
                  .scalar(Long.class))
          .isEqualTo(1L);
      assertThat(
              c.execute(
                      "select count(*) from events where at = :at", Map.of("at", t.plusSeconds(1)))
                  .scalar(Long.class))
          .isZero();
    }
  }

  @Test
  void hiddenParametersStayOutOfTheErrorEvenInsideListsAndArrays(@H2 TestDatabase db) {
    try (Engine engine = engine(db, true);
        SqlConnection c = engine.connect()) {
      c.execute("create table nums (id int primary key, label varchar(20))");
      Map<String, Object> p = new HashMap<>();
      p.put("ids", List.of("secretlist1", "secretlist2"));
      p.put("more", new String[] {"secretarray"});
      assertThatThrownBy(
              () -> c.execute("select * from nums where id in (:ids) or id in (:more)", p).all())
          .isInstanceOf(StatementException.class)
          .hasMessageNotContaining("secretlist1")
          .hasMessageNotContaining("secretlist2")
          .hasMessageNotContaining("secretarray")
          .hasMessageContaining("22018"); // H2's data conversion error
    }
  }
}
