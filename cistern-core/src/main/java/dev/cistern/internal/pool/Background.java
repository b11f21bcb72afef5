package dev.cistern.internal.pool;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for a pool's background work (opening and closing physical connections). Threads
 * end after a few idle seconds, so a quiet or closed pool holds none.
 */
final class Background {
  private Background() {}

  /**
   * An executor of up to {@code threads} daemon threads named {@code cistern-<what>-<pool>-<n>}.
   */
  static ThreadPoolExecutor executor(String what, String poolName, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f =
        r -> {
          Thread t = new Thread(r, "cistern-" + what + "-" + poolName + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor ex =
        new ThreadPoolExecutor(
            threads, threads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
    ex.allowCoreThreadTimeOut(true);
    return ex;
  }
}
