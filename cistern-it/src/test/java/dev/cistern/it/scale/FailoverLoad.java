package dev.cistern.it.scale;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A write load for failover tests: threads that each insert a row and commit, over and over,
 * through a {@link DataSource}, remembering every commit the database acknowledged (its id and
 * when) and every error. Bounded: every thread stops at {@link #stop} or at the deadline given to
 * {@link #start}, whichever comes first.
 */
final class FailoverLoad {
  /** One acknowledged commit. */
  record Ack(long id, long atNanos) {}

  private final DataSource dataSource;
  private final int threads;
  private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final AtomicLong errors = new AtomicLong();
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> workers = new ArrayList<>();
  private CountDownLatch done;

  FailoverLoad(DataSource dataSource, int threads) {
    this.dataSource = dataSource;
    this.threads = threads;
  }

  /** Creates the table the load writes to (on the primary, before the replica is made). */
  static void createTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists failover_acks (id bigserial primary key, worker int not"
              + " null, seq int not null)");
    }
  }

  /** Starts the threads; each stops by itself after {@code limit}. */
  void start(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    done = new CountDownLatch(threads);
    for (int w = 0; w < threads; w++) {
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  run(worker, deadline);
                } finally {
                  done.countDown();
                }
              },
              "failover-load-" + w);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  private void run(int worker, long deadline) {
    int seq = 0;
    while (!stop.get() && System.nanoTime() < deadline) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        long id;
        try (PreparedStatement ps =
            c.prepareStatement(
                "insert into failover_acks (worker, seq) values (?, ?) returning id")) {
          ps.setInt(1, worker);
          ps.setInt(2, seq++);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        c.commit();
        acks.add(new Ack(id, System.nanoTime()));
      } catch (SQLException | RuntimeException e) {
        errors.incrementAndGet();
        errorKinds
            .computeIfAbsent(e.getClass().getSimpleName() + " " + state(e), k -> new AtomicLong())
            .incrementAndGet();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // no hot loop while it is down
      }
    }
  }

  private static String state(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return "-";
  }

  /** Stops the threads and waits for them (at most 30 s). */
  void stop() throws InterruptedException {
    stop.set(true);
    if (done != null && !done.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("load threads did not stop within 30 s");
    }
  }

  List<Ack> acks() {
    return new ArrayList<>(acks);
  }

  long errors() {
    return errors.get();
  }

  Map<String, AtomicLong> errorKinds() {
    return errorKinds;
  }

  /** Commits per second acknowledged between two instants. */
  double rate(long fromNanos, long toNanos) {
    long n = acks.stream().filter(a -> a.atNanos() >= fromNanos && a.atNanos() < toNanos).count();
    return n / ((toNanos - fromNanos) / 1e9);
  }

  /** The first acknowledged commit at or after {@code nanos}, or -1. */
  long firstAckAfter(long nanos) {
    return acks.stream().mapToLong(Ack::atNanos).filter(t -> t >= nanos).min().orElse(-1);
  }

  /**
   * The end of the first 200 ms window (sliding by 50 ms) at or after {@code nanos} whose rate is
   * at least {@code share} of {@code baseline} commits per second, or -1.
   */
  long fullThroughputAfter(long nanos, double baseline, double share, long untilNanos) {
    long window = TimeUnit.MILLISECONDS.toNanos(200);
    for (long t = nanos; t + window <= untilNanos; t += TimeUnit.MILLISECONDS.toNanos(50)) {
      if (rate(t, t + window) >= baseline * share) {
        return t + window; // the end of the first window at that rate
      }
    }
    return -1;
  }

  /** How many acknowledged ids the (new) primary does not have. */
  long lost(Connection newPrimary) throws SQLException {
    long[] ids = acks.stream().mapToLong(Ack::id).toArray();
    Long[] boxed = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    Array array = newPrimary.createArrayOf("bigint", boxed);
    try (PreparedStatement ps =
        newPrimary.prepareStatement("select count(*) from failover_acks where id = any(?)")) {
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return ids.length - rs.getLong(1);
      }
    }
  }
}
