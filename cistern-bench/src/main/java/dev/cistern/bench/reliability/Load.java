package dev.cistern.bench.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * N daemon threads running one operation (a transaction, a borrow) again and again, bounded in
 * count and in time, recording successes and errors per time bucket, each operation's latency and
 * the threads that did not return within a bound after {@link #stop} (hung).
 *
 * <pre>{@code
 * Load load = Load.start("s5", 16, 1_000_000, Duration.ofSeconds(10), Duration.ofMillis(100), op);
 * ... inject the fault ...
 * Load.Result r = load.stopAndJoin(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>An operation that throws counts as an error, by the exception's simple class name; the thread
 * goes on with the next one (faults are what the scenarios inject). Latencies are kept for at most
 * {@value #MAX_SAMPLES} operations per thread.
 */
public final class Load {
  /**
   * Thrown by an {@link Operation} to end its own thread after this operation (counted as an error
   * of the cause's class): e.g. a borrow refused because the pool is closed, which would otherwise
   * spin until {@link #stop}.
   */
  public static final class StopThread extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Ends the thread, counting {@code cause} as the operation's error. */
    public StopThread(Exception cause) {
      super(cause);
    }
  }

  /** The work one thread does once. */
  @FunctionalInterface
  public interface Operation {
    /**
     * Runs once.
     *
     * @param thread the thread's index, 0 to threads - 1
     * @param seq the operation's number across all threads, from 0
     */
    void run(int thread, long seq) throws Exception;
  }

  /**
   * What a load did.
   *
   * @param successes operations that returned
   * @param errors operations that threw
   * @param successesPerBucket successes per time bucket since the start
   * @param errorsPerBucket errors per time bucket
   * @param bucketMillis the bucket width
   * @param latencyMillis the latency of each recorded operation, successes and errors
   * @param hung threads still running when the join bound passed
   * @param errorKinds errors by exception class
   * @param millis from start to the last thread's end (or the join bound)
   */
  public record Result(
      long successes,
      long errors,
      long[] successesPerBucket,
      long[] errorsPerBucket,
      long bucketMillis,
      double[] latencyMillis,
      int hung,
      Map<String, Long> errorKinds,
      double millis) {}

  static final int MAX_SAMPLES = 100_000;
  private static final int MAX_BUCKETS = 10_000;

  private final long start = System.nanoTime();
  private final long deadline;
  private final long maxOps;
  private final long bucketNanos;
  private final Operation op;
  private final List<Thread> threads = new ArrayList<>();
  private final double[][] latencies;
  private final int[] latencyCounts;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLongArray okBuckets;
  private final AtomicLongArray errBuckets;
  private final Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  private Load(int n, long maxOps, Duration duration, Duration bucket, Operation op) {
    this.deadline = start + duration.toNanos();
    this.maxOps = maxOps;
    this.bucketNanos = Math.max(1, bucket.toNanos());
    this.op = op;
    int buckets = (int) Math.min(MAX_BUCKETS, duration.toNanos() / bucketNanos + 2);
    okBuckets = new AtomicLongArray(buckets);
    errBuckets = new AtomicLongArray(buckets);
    latencies = new double[n][];
    latencyCounts = new int[n];
  }

  /**
   * Starts {@code threads} daemon threads named {@code name-i} running {@code op} until {@code
   * maxOps} operations were started in all, {@code duration} passed, or {@link #stop} was called.
   */
  public static Load start(
      String name, int threads, long maxOps, Duration duration, Duration bucket, Operation op) {
    Load load = new Load(threads, maxOps, duration, bucket, op);
    for (int i = 0; i < threads; i++) {
      int index = i;
      load.latencies[i] = new double[1024];
      Thread t = new Thread(() -> load.loop(index), name + "-" + i);
      t.setDaemon(true);
      load.threads.add(t);
    }
    load.threads.forEach(Thread::start);
    return load;
  }

  private void loop(int index) {
    while (!stopped && System.nanoTime() < deadline) {
      long seq = issued.getAndIncrement();
      if (seq >= maxOps) {
        return;
      }
      long t0 = System.nanoTime();
      boolean ok = false;
      boolean last = false;
      try {
        op.run(index, seq);
        ok = true;
      } catch (StopThread e) {
        last = true;
        count(e.getCause());
      } catch (Exception | AssertionError e) {
        count(e);
      }
      long t1 = System.nanoTime();
      int b = (int) Math.min(okBuckets.length() - 1, (t1 - start) / bucketNanos);
      if (ok) {
        successes.incrementAndGet();
        okBuckets.incrementAndGet(b);
      } else {
        errors.incrementAndGet();
        errBuckets.incrementAndGet(b);
      }
      record(index, (t1 - t0) / 1e6);
      if (last) {
        return;
      }
    }
  }

  private void count(Throwable e) {
    kinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
  }

  private void record(int index, double ms) {
    int n = latencyCounts[index];
    if (n >= MAX_SAMPLES) {
      return;
    }
    double[] a = latencies[index];
    if (n == a.length) {
      a = Arrays.copyOf(a, Math.min(MAX_SAMPLES, a.length * 2));
      latencies[index] = a;
    }
    a[n] = ms;
    latencyCounts[index] = n + 1;
  }

  /** {@link System#nanoTime()} when the load started; bucket 0 begins here. */
  public long startNanos() {
    return start;
  }

  /** Operations that returned so far. */
  public long successes() {
    return successes.get();
  }

  /** Operations that threw so far. */
  public long errors() {
    return errors.get();
  }

  /** Asks every thread to stop after its current operation. */
  public void stop() {
    stopped = true;
  }

  /** Whether every thread has ended. */
  public boolean done() {
    return threads.stream().noneMatch(Thread::isAlive);
  }

  /**
   * Waits until the threads end by themselves (count or time bound) or {@code bound} passes, then
   * stops and joins like {@link #stopAndJoin}.
   */
  public Result awaitAndJoin(Duration bound, Duration joinBound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    for (Thread t : threads) {
      long left = until - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, left / 1_000_000));
      }
    }
    return stopAndJoin(joinBound);
  }

  /**
   * Stops the load and waits up to {@code bound} in all for the threads; those still running then
   * are counted as hung (they are daemons and are left behind).
   */
  public Result stopAndJoin(Duration bound) throws InterruptedException {
    stop();
    long until = System.nanoTime() + bound.toNanos();
    int hung = 0;
    for (Thread t : threads) {
      long left = until - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, left / 1_000_000));
      }
      if (t.isAlive()) {
        hung++;
      }
    }
    long end = System.nanoTime();
    int used = (int) Math.min(okBuckets.length(), (end - start) / bucketNanos + 1);
    long[] ok = new long[used];
    long[] err = new long[used];
    for (int i = 0; i < used; i++) {
      ok[i] = okBuckets.get(i);
      err[i] = errBuckets.get(i);
    }
    double[] lat = hung == 0 ? joinLatencies() : new double[0];
    Map<String, Long> k = new TreeMap<>();
    kinds.forEach((name, n) -> k.put(name, n.get()));
    return new Result(
        successes.get(),
        errors.get(),
        ok,
        err,
        bucketNanos / 1_000_000,
        lat,
        hung,
        k,
        (end - start) / 1e6);
  }

  // read only once every thread ended (join gives the happens-before)
  private double[] joinLatencies() {
    int total = Arrays.stream(latencyCounts).sum();
    double[] all = new double[total];
    int at = 0;
    for (int i = 0; i < latencies.length; i++) {
      System.arraycopy(latencies[i], 0, all, at, latencyCounts[i]);
      at += latencyCounts[i];
    }
    return all;
  }
}
