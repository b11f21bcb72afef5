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

/** One borrow's record, ended once whichever way it ends; no engine, no garbage collector. */
class BorrowTest {
  private final StubDatabase db = StubDatabase.named("borrow-" + System.nanoTime());
  private final ConnectionPool pool =
      new ConnectionPool(PoolConfig.defaults("borrow"), db::connect, Ticker.SYSTEM);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final LeakLogRecorder recorder = new LeakLogRecorder();
  private final LeakCheck check =
      new LeakCheck(
          new LeakLog("orders", recorder, null), Duration.ofSeconds(10), Duration.ZERO, clock::get);

  @AfterEach
  void tearDown() {
    check.close();
    pool.close();
    StubDatabase.reset(db.name());
  }

  /** A watched borrow of a fresh entry, as a checkout with detection on makes it. */
  private Borrow borrow(PoolEntry e) {
    Borrow b =
        new Borrow(
            check, pool, e, "worker", new Throwable("borrowed here"), clock.get(), true, null);
    e.borrower(b);
    check.watch(b);
    return b;
  }

  @Test
  void aBorrowEndsOnceAndForgetsItsEntryAndItsWatch() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    assertThat(check.tracked()).isEqualTo(1);
    assertThat(b.end()).isTrue();
    assertThat(b.end()).as("only the first end counts").isFalse();
    assertThat(b.isDone()).isTrue();
    assertThat(e.borrower()).isNull();
    assertThat(check.tracked()).isZero();
    assertThat(b.markReported()).as("an ended borrow is not reported").isFalse();
    pool.giveBack(e);
  }

  @Test
  void endingLeavesAnEntryThatMovedOnToAnotherBorrowerAlone() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    e.borrower("next");
    b.end();
    assertThat(e.borrower()).isEqualTo("next");
    pool.giveBack(e);
  }

  @Test
  void closingAReportedBorrowLogsHowLongItWasHeld() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    assertThat(b.markReported()).isTrue();
    assertThat(b.markReported()).as("reported once").isFalse();
    clock.addAndGet(Duration.ofMillis(15_000).toNanos());
    b.run(); // the proxy's close hook
    b.run();
    assertThat(recorder.at(Level.INFO))
        .containsExactly(
            "INFO engine 'orders': connection #"
                + e.id()
                + " reported as leaked was returned after 15.0 s");
    pool.giveBack(e);
  }

  @Test
  void closingAnUnreportedBorrowLogsNothing() {
    PoolEntry e = pool.acquire();
    borrow(e).run();
    assertThat(recorder.lines).isEmpty();
    assertThat(check.tracked()).isZero();
    pool.giveBack(e);
  }

  @Test
  void itDescribesItselfWithItsStack() {
    PoolEntry e = pool.acquire();
    Borrow b = borrow(e);
    assertThat(b.describe())
        .startsWith(
            "connection #"
                + e.id()
                + " borrowed by thread 'worker'\njava.lang.Throwable: borrowed"
                + " here")
        .contains("itDescribesItselfWithItsStack");
    assertThat(LeakDetector.describe(e)).isEqualTo(b.describe());
    b.end();
    pool.giveBack(e);
  }
}
