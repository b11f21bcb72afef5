package dev.cistern.bench;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor: the least a pool can do. A fixed array of connections, each claimed with one CAS and
 * freed with one write; no proxy, no reset, no waiting, no bookkeeping. No real pool can be faster;
 * the distance to it is what a pool's features cost.
 */
final class FloorPool {
  private final Connection[] connections;
  private final AtomicIntegerArray taken;

  FloorPool(Connection[] connections) {
    this.connections = connections;
    this.taken = new AtomicIntegerArray(connections.length);
  }

  /**
   * Claims a free slot, starting at {@code hint}. If every slot is taken it scans again, spinning a
   * few times and then sleeping a microsecond between scans: on a machine with fewer cores than
   * borrowers, spinning or yielding alone starves the threads that hold the connections.
   */
  int borrow(int hint) {
    int n = connections.length;
    int misses = 0;
    while (true) {
      for (int i = 0; i < n; i++) {
        int k = (hint + i) % n;
        if (taken.get(k) == 0 && taken.compareAndSet(k, 0, 1)) {
          return k;
        }
      }
      if (++misses < 16) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(1_000);
      }
    }
  }

  Connection connection(int slot) {
    return connections[slot];
  }

  void giveBack(int slot) {
    taken.set(slot, 0);
  }
}
