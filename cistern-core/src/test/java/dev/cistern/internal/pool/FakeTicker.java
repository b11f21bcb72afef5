package dev.cistern.internal.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that only moves when someone parks on it. The creator's back-off parks return at once,
 * the clock moved on by their length; a borrower's park gives other threads a moment (at most 2 ms
 * of real time, less if unparked) and moves the clock by at most one second. A 30 s timeout so
 * takes a few tens of milliseconds, and nothing sleeps. Every park is recorded with its blocker.
 */
final class FakeTicker implements Ticker {
  /** One recorded park. */
  record Park(Object blocker, long nanos) {}

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  final List<Park> parks = new CopyOnWriteArrayList<>();
  private volatile Runnable beforeBorrowerPark = () -> {};

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void park(Object blocker, long nanos) {
    parks.add(new Park(blocker, nanos));
    if (blocker instanceof ConnectionPool) {
      beforeBorrowerPark.run();
      LockSupport.parkNanos(blocker, 2_000_000L);
      now.addAndGet(Math.min(nanos, 1_000_000_000L));
    } else {
      now.addAndGet(nanos);
      Thread.yield();
    }
  }

  @Override
  public void unpark(Thread thread) {
    LockSupport.unpark(thread);
  }

  /** Runs {@code r} each time a borrower is about to park (e.g. to wait for a creator). */
  void beforeBorrowerPark(Runnable r) {
    this.beforeBorrowerPark = r;
  }

  /** Moves the clock forward. */
  void advance(long nanos) {
    now.addAndGet(nanos);
  }

  /** Returns the parks done by the background creator, in order. */
  List<Long> creatorBackoffs() {
    return parks.stream().filter(p -> p.blocker() instanceof Creator).map(Park::nanos).toList();
  }
}
