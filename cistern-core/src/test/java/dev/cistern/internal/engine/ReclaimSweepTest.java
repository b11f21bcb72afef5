package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.jdbc.ProxyConnection;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.stub.StubDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Reclaim with the defaults (leak detection and the abandon timeout off): a checkout makes no
 * reference object, the entry names the proxy, and the sweep converts a borrow held across two of
 * its rounds into a phantom-reachable {@link Borrow}. The sweep's timer is off here: each round is
 * called, so "held across two rounds" is exact and no clock is involved.
 */
class ReclaimSweepTest {
  private final StubDatabase db = StubDatabase.named("sweep-" + System.nanoTime());
  private final ConnectionPool pool =
      new ConnectionPool(PoolConfig.defaults("sweep"), db::connect, Ticker.SYSTEM);
  private final LeakLogRecorder recorder = new LeakLogRecorder();
  private final LeakDetector detector =
      new LeakDetector(
          "orders", Duration.ZERO, Duration.ZERO, true, System::nanoTime, recorder, null);

  {
    detector.manualSweep();
    detector.pool(pool);
  }

  @AfterEach
  void tearDown() {
    detector.close();
    pool.close();
    StubDatabase.reset(db.name());
  }

  private ProxyConnection checkout() {
    return detector.checkout(pool, pool.acquire());
  }

  @Test
  void aCheckoutMakesNoRecordTheEntryNamesTheProxyUntilItIsClosed() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    assertThat(e.borrower()).isSameAs(c);
    assertThat(e.borrowerThread()).isEqualTo(Thread.currentThread().getName());
    assertThat(LeakDetector.describe(e))
        .isEqualTo(
            "connection #"
                + e.id()
                + " borrowed by thread '"
                + Thread.currentThread().getName()
                + "'");
    c.close();
    assertThat(e.borrower()).isNull();
    assertThat(pool.borrowed()).isEmpty();
    ProxyConnection again = checkout();
    assertThat(again).isNotSameAs(c); // a new handle per borrow: the old one stays closed
    assertThat(again.entry()).isSameAs(e);
    assertThat(c.isClosed()).isTrue();
    assertThat(again.isClosed()).isFalse();
    again.close();
  }

  @Test
  void aBorrowHeldAcrossTwoRoundsIsConvertedAndItsCloseEndsIt() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    detector.sweepNow();
    assertThat(e.borrower()).as("seen once: not converted yet").isSameAs(c);
    detector.sweepNow();
    assertThat(e.borrower()).isInstanceOf(Borrow.class);
    Borrow b = (Borrow) e.borrower();
    assertThat(b.threadName()).isEqualTo(Thread.currentThread().getName());
    assertThat(b.refersTo(c)).isTrue();
    c.close();
    assertThat(b.isDone()).as("ended by the close: the reclaimer leaves it alone").isTrue();
    assertThat(e.borrower()).isNull();
    assertThat(pool.borrowed()).isEmpty();
    assertThat(db.liveConnections()).isEqualTo(1);
  }

  @Test
  void aBorrowClosedBetweenRoundsIsNeverConverted() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    detector.sweepNow();
    c.close();
    ProxyConnection next = checkout(); // the same entry, a new borrow
    assertThat(next.entry()).isSameAs(e);
    detector.sweepNow();
    assertThat(e.borrower()).as("a new borrow starts its own count").isSameAs(next);
    next.close();
    detector.sweepNow();
    detector.sweepNow();
    assertThat(e.borrower()).isNull();
  }

  @Test
  void aConversionThatRacesACloseEndsTheBorrowItMade() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    // the close marked the proxy closed, and its hook read the entry before the sweep's CAS: the
    // entry still names the proxy when the sweep converts it
    c.closeHook(null);
    c.close();
    e.borrower(c);
    detector.convert(pool, e, c);
    assertThat(e.borrower()).as("the sweep saw the proxy closed and ended its borrow").isNull();
    e.borrower(null);
    assertThat(pool.borrowed()).isEmpty();
  }

  @Test
  void aConversionOfAConnectionTheEntryNoLongerNamesDoesNothing() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    c.close();
    ProxyConnection next = checkout();
    detector.convert(pool, e, c); // a stale handle: the entry names the next borrow
    assertThat(e.borrower()).isSameAs(next);
    next.close();
  }

  @Test
  void aDroppedConnectionIsReclaimedOnlyAfterItsConversion() {
    PoolEntry e = borrowAndDrop();
    for (int i = 0; i < 3; i++) {
      System.gc(); // the entry holds the proxy: no collection reclaims it before the sweep
    }
    assertThat(pool.borrowed()).containsExactly(e);
    detector.sweepNow();
    assertThat(pool.borrowed()).containsExactly(e);
    detector.sweepNow();
    Awaits.untilCollected(
        "the dropped connection to be reclaimed", () -> pool.borrowed().isEmpty());
    Awaits.untilCollected("the warning", () -> !recorder.at(Level.WARN).isEmpty());
    assertThat(recorder.at(Level.WARN))
        .singleElement()
        .asString()
        .startsWith(
            "WARN engine 'orders': connection #"
                + e.id()
                + " borrowed by thread '"
                + Thread.currentThread().getName()
                + "' became unreachable without being closed");
    assertThat(db.liveConnections()).isZero();
  }

  private PoolEntry borrowAndDrop() {
    ProxyConnection c = checkout();
    assertThat(c.isClosed()).isFalse();
    return c.entry();
  }

  @Test
  void forgettingAnUnconvertedBorrowClearsTheEntry() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    LeakDetector.forget(e);
    assertThat(e.borrower()).isNull();
    detector.sweepNow();
    detector.sweepNow();
    assertThat(e.borrower()).as("forgotten: never converted").isNull();
    c.close();
  }

  @Test
  void forgettingAConvertedBorrowEndsIt() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    detector.sweepNow();
    detector.sweepNow();
    Borrow b = (Borrow) e.borrower();
    LeakDetector.forget(e);
    assertThat(b.isDone()).isTrue();
    assertThat(e.borrower()).isNull();
    c.close();
  }

  @Test
  void adoptingAnUnconvertedBorrowConvertsItAndKeepsItUntilItEnds() {
    ProxyConnection c = checkout();
    PoolEntry e = c.entry();
    detector.adoptBorrowed(e);
    assertThat(e.borrower()).isInstanceOf(Borrow.class);
    Borrow b = (Borrow) e.borrower();
    assertThat(Reclaimer.ADOPTED).contains(b);
    c.close();
    assertThat(b.isDone()).isTrue();
    assertThat(Reclaimer.ADOPTED).doesNotContain(b);
  }

  /**
   * Borrowers cycle as fast as they can while rounds and collections run: no borrow is ever
   * reclaimed (each was closed), every conversion ends once, and every entry ends idle.
   */
  @Test
  void sweepsRacingBorrowsNeverReclaimAClosedConnection() throws Exception {
    int threads = 4;
    int cycles = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < cycles; i++) {
                    ProxyConnection c = checkout();
                    if (i % 64 == 0) {
                      Thread.yield(); // some borrows last across a round
                    }
                    c.close();
                  }
                } catch (Throwable ex) {
                  failure.compareAndSet(null, ex);
                }
              },
              "cycler-" + t);
      w.start();
      workers.add(w);
    }
    AtomicBoolean done = new AtomicBoolean();
    Thread sweeper =
        new Thread(
            () -> {
              int rounds = 0;
              while (!done.get()) {
                detector.sweepNow();
                if (++rounds % 50 == 0) {
                  System.gc();
                }
              }
            },
            "sweeper");
    sweeper.start();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    done.set(true);
    sweeper.join();
    assertThat(failure.get()).isNull();
    System.gc();
    // a wrong reclaim would invalidate an entry: flush the reclaimer with a leak of our own
    PoolEntry canary = borrowAndDrop();
    detector.sweepNow();
    detector.sweepNow();
    Awaits.untilCollected("the canary to be reclaimed", () -> !pool.borrowed().contains(canary));
    // the reclaimer warns after it freed the slot
    Awaits.untilCollected("the canary's warning", () -> !recorder.at(Level.WARN).isEmpty());
    assertThat(recorder.at(Level.WARN))
        .as("only the canary was reclaimed")
        .singleElement()
        .asString()
        .contains("connection #" + canary.id() + " ");
    assertThat(pool.borrowed()).isEmpty();
    for (PoolEntry e : pool.entries()) {
      assertThat(e.borrower()).isNull();
    }
  }
}
