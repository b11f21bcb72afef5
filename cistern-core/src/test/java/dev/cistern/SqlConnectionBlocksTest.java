package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transaction blocks on one {@link SqlConnection} (H2): a block that ended must be closed before
 * the next begins, an inner block ended by its outer one closes quietly, and per-connection
 * settings refuse negative values.
 */
class SqlConnectionBlocksTest {
  private final Engine engine =
      Engine.builder("h2:mem:blocks_" + System.nanoTime() + "?user=sa")
          .option(Option.SHUTDOWN_HOOK, false)
          .build();

  @BeforeEach
  void table() {
    try (SqlConnection c = engine.connect()) {
      c.execute("create table items (id int primary key)");
      c.commit();
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private long count() {
    try (SqlConnection c = engine.connect()) {
      return c.execute("select count(*) from items").scalar(Long.class);
    }
  }

  @Test
  void aCommittedBlockMustBeClosedBeforeTheNextBegins() {
    try (SqlConnection c = engine.connect()) {
      Transaction t = c.begin();
      t.execute("insert into items values (1)");
      t.commit();

      assertThatThrownBy(c::begin)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot run a statement: the transaction is closed");
      assertThatThrownBy(c::beginNested)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot run a statement: the transaction is closed");

      t.close();
      try (Transaction next = c.begin()) {
        next.execute("insert into items values (2)");
        next.commit();
      }
    }
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void anInnerBlockEndedByItsOuterBlockClosesQuietlyKeepingTheOutcome() {
    try (SqlConnection c = engine.connect()) {
      Transaction outer = c.begin();
      Transaction inner = c.beginNested();
      inner.execute("insert into items values (1)");
      outer.commit(); // ends the savepoint too

      inner.close(); // already ended: nothing to roll back
      outer.close();
      assertThat(c.inTransaction()).isFalse();
    }
    assertThat(count()).as("the commit kept the inner block's row").isEqualTo(1);
  }

  @Test
  void aConnectionRefusesANegativeStatementTimeoutOrFetchSize() {
    try (SqlConnection c = engine.connect()) {
      assertThatThrownBy(() -> c.statementTimeout(Duration.ofMillis(-5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("statementTimeout must be zero or positive, got PT-0.005S");
      assertThatThrownBy(() -> c.fetchSize(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fetchSize must be zero or positive, got -1");
      assertThat(c.statementTimeout(Duration.ZERO).fetchSize(0)).isSameAs(c);
      assertThat(c.execute("select count(*) from items").scalar(Long.class)).isZero();
    }
  }
}
