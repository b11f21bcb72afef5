package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The reclaim action and adoption, called directly (the garbage collector's part is in
 * EngineLeakTest).
 */
class ReclaimerTest {
  private final StubDatabase db = StubDatabase.named("reclaimer-" + System.nanoTime());
  private final ConnectionPool pool =
      new ConnectionPool(PoolConfig.defaults("reclaimer"), db::connect, Ticker.SYSTEM);
  private final LeakLogRecorder recorder = new LeakLogRecorder();
  private final LeakCheck check =
      new LeakCheck(
          new LeakLog("orders", recorder, null), Duration.ZERO, Duration.ZERO, System::nanoTime);

  @AfterEach
  void tearDown() {
    pool.close();
    StubDatabase.reset(db.name());
  }

  /** A borrow as a checkout with detection off and reclaim on makes it (no stack). */
  private Borrow borrow(PoolEntry e) {
    Borrow b = new Borrow(check, pool, e, "worker", null, 0L, false, null);
    e.borrower(b);
    return b;
  }

  @Test
  void reclaimingClosesThePhysicalConnectionFreesTheSlotAndWarnsOnce() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    assertThat(db.liveConnections()).isEqualTo(1);
    Reclaimer.reclaim(b);
    Reclaimer.reclaim(b);
    assertThat(pool.borrowed()).isEmpty();
    assertThat(b.isDone()).isTrue();
    assertThat(e.borrower()).isNull();
    pool.close();
    assertThat(pool.awaitClosed(Duration.ofSeconds(5))).isTrue();
    assertThat(db.liveConnections()).isZero();
    assertThat(recorder.at(Level.WARN))
        .singleElement()
        .asString()
        .startsWith(
            "WARN engine 'orders': connection #"
                + e.id()
                + " borrowed by thread 'worker' became unreachable without being closed")
        .endsWith("enable leakDetectionThreshold to see where it was borrowed");
  }

  @Test
  void aBorrowThatEndedIsNotReclaimed() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    b.end();
    Reclaimer.reclaim(b);
    assertThat(pool.borrowed()).containsExactly(e);
    assertThat(recorder.lines).isEmpty();
    pool.giveBack(e);
  }

  @Test
  void adoptedBorrowsAreHeldUntilTheyEnd() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    LeakDetector.adopt(e);
    assertThat(Reclaimer.ADOPTED).contains(b);
    b.end();
    assertThat(Reclaimer.ADOPTED).doesNotContain(b);
    LeakDetector.adopt(e); // ended, and the entry forgot it: nothing to adopt
    assertThat(Reclaimer.ADOPTED).doesNotContain(b);
    pool.giveBack(e);
  }

  @Test
  void anEndedBorrowIsNotAdopted() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    b.end();
    e.borrower(b); // still named by its entry, but done
    LeakDetector.adopt(e);
    assertThat(Reclaimer.ADOPTED).doesNotContain(b);
    e.borrower(null);
    pool.giveBack(e);
  }
}
