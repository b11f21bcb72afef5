package dev.cistern.internal.engine;

import dev.cistern.CisternException;
import dev.cistern.internal.pool.PoolEntry;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims connections dropped without being closed: one daemon thread shared by all engines takes
 * each {@link Borrow} whose connection the collector found unreachable from {@link #QUEUE}, ends
 * it, invalidates its pool entry (the physical connection closed, the slot freed) and logs a
 * warning. No registry and no lock on the checkout path: a borrow is kept alive by its pool entry,
 * and a normal close ends it. When {@code dispose()} replaces a pool with connections still out,
 * nothing references the old pool but those connections, so {@link #adopt} keeps their borrows
 * alive here until they end.
 */
final class Reclaimer {
  private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.LOGGER);

  /** Where the collector puts the borrows of dropped connections. */
  static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();

  /** Borrows of pools replaced by {@code dispose()}, kept alive until they end. */
  static final Set<Borrow> ADOPTED = ConcurrentHashMap.newKeySet();

  static {
    Thread t = new Thread(Reclaimer::loop, "cistern-reclaimer");
    t.setDaemon(true);
    t.start();
  }

  private Reclaimer() {}

  /** Keeps the borrow of an entry still out of a pool that is being dropped. */
  static void adopt(PoolEntry e) {
    if (e.borrower() instanceof Borrow b && !b.isDone()) {
      b.markAdopted();
      ADOPTED.add(b);
      if (b.isDone()) {
        ADOPTED.remove(b); // ended meanwhile
      }
    }
  }

  /** Reclaims the entry of a borrow whose connection became unreachable without being closed. */
  static void reclaim(Borrow b) {
    if (!b.end()) {
      return;
    }
    PoolEntry entry = b.entry();
    try {
      b.pool()
          .invalidate(
              entry,
              new CisternException(
                  "connection #" + entry.id() + " was leaked: unreachable without being closed"));
    } catch (RuntimeException e) {
      b.log().reclaimFailed(e);
    }
    b.log().reclaimed(entry.id(), b.threadName(), b.heldNanos(), b.stack());
  }

  private static void loop() {
    while (true) {
      try {
        Reference<?> r = QUEUE.remove();
        if (r instanceof Borrow b) {
          reclaim(b);
        }
      } catch (InterruptedException e) {
        // a daemon thread of our own: nothing asks it to stop
      } catch (RuntimeException | Error e) {
        LOG.warn("reclaiming a dropped connection failed", e);
      }
    }
  }
}
