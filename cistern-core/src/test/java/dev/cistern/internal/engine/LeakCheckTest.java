package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The threshold check on its own, with a hand-moved clock: the timer is only ever scheduled. */
class LeakCheckTest {
  private final StubDatabase db = StubDatabase.named("leakcheck-" + System.nanoTime());
  private final ConnectionPool pool =
      new ConnectionPool(PoolConfig.defaults("leakcheck"), db::connect, Ticker.SYSTEM);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final LeakLogRecorder recorder = new LeakLogRecorder();
  private LeakCheck check;

  @AfterEach
  void tearDown() {
    if (check != null) {
      check.close();
    }
    pool.close();
    StubDatabase.reset(db.name());
  }

  private LeakCheck check(Duration threshold) {
    check =
        new LeakCheck(new LeakLog("orders", recorder, null), threshold, Duration.ZERO, clock::get);
    return check;
  }

  private Borrow watched(LeakCheck c, PoolEntry e) {
    Borrow b =
        new Borrow(c, pool, e, "worker", new Throwable("borrowed here"), clock.get(), true, null);
    e.borrower(b);
    c.watch(b);
    return b;
  }

  @Test
  void aZeroNegativeOrMissingThresholdIsOff() {
    assertThat(check(Duration.ZERO).enabled()).isFalse();
    assertThat(check(Duration.ofSeconds(-1)).enabled()).isFalse();
    assertThat(check(null).enabled()).isFalse();
    assertThat(check(Duration.ofMillis(1)).enabled()).isTrue();
  }

  @Test
  void aBorrowHeldPastTheThresholdIsReportedOnce() {
    LeakCheck c = check(Duration.ofSeconds(10));
    PoolEntry e = pool.acquire();
    Borrow b = watched(c, e);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    c.checkNow();
    assertThat(recorder.lines).as("at the threshold, not past it").isEmpty();
    clock.addAndGet(Duration.ofMillis(2_300).toNanos());
    c.checkNow();
    c.checkNow();
    assertThat(recorder.at(Level.WARN))
        .singleElement()
        .asString()
        .startsWith(
            "WARN engine 'orders': connection #"
                + e.id()
                + " held for 12.3 s by thread 'worker' (leakDetectionThreshold 10s); borrowed at:");
    b.end();
    pool.giveBack(e);
  }

  @Test
  void anEndedBorrowIsNeitherWatchedNorReported() {
    LeakCheck c = check(Duration.ofSeconds(1));
    PoolEntry e = pool.acquire();
    watched(c, e).end();
    clock.addAndGet(Duration.ofMinutes(1).toNanos());
    c.checkNow();
    assertThat(c.tracked()).isZero();
    assertThat(recorder.lines).isEmpty();
    pool.giveBack(e);
  }

  @Test
  void theTimerStartsWithTheFirstWatchedBorrowAndStopsForGoodOnClose() {
    LeakCheck c = check(Duration.ofHours(1));
    assertThat(c.timerScheduled()).isFalse();
    PoolEntry e = pool.acquire();
    Borrow first = watched(c, e);
    assertThat(c.timerScheduled()).isTrue();
    c.close();
    assertThat(c.timerScheduled()).isFalse();
    first.end();
    Borrow second = watched(c, e);
    assertThat(c.timerScheduled()).as("not again after close").isFalse();
    assertThat(c.tracked()).as("still watched, for the report and reclaim").isEqualTo(1);
    second.end();
    pool.giveBack(e);
  }
}
