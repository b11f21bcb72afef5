package dev.cistern.cli;

import dev.cistern.Engine;
import dev.cistern.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a unit of work on an engine from several threads for a fixed time, each unit in a
 * transaction of its own, while a {@link Progress} shows the count and the live pool status.
 */
final class Workload {
  /** One unit of work on a connection borrowed for it; {@code n} counts the units of a thread. */
  interface Unit {
    void run(SqlConnection c, long n);
  }

  /** What a run did. */
  record Outcome(long committed, long failed, long millis, Throwable firstError) {
    double perSecond() {
      return millis == 0 ? 0 : committed * 1000.0 / millis;
    }
  }

  private Workload() {}

  /** Runs {@code unit} on {@code threads} threads for {@code millis} ms. */
  static Outcome run(Engine engine, int threads, long millis, Unit unit, Progress progress)
      throws InterruptedException {
    LongAdder committed = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<Throwable> first = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "workload");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(
            pool.submit(
                () -> {
                  long n = 0;
                  while (System.nanoTime() < end) {
                    try {
                      long k = n++;
                      engine.useTransaction(c -> unit.run(c, k));
                      committed.increment();
                    } catch (RuntimeException e) {
                      failed.increment();
                      first.compareAndSet(null, e);
                    }
                  }
                }));
      }
      while (System.nanoTime() < end) {
        long elapsed = (System.nanoTime() - start) / 1_000_000L;
        progress.update(elapsed, PoolLine.progress(committed.sum(), engine.status()));
        Thread.sleep(100);
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          first.compareAndSet(null, e.getCause());
        }
      }
      long took = (System.nanoTime() - start) / 1_000_000L;
      progress.update(took, PoolLine.progress(committed.sum(), engine.status()));
      return new Outcome(committed.sum(), failed.sum(), took, first.get());
    } finally {
      progress.close();
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
