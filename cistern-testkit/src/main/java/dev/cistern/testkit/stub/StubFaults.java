package dev.cistern.testkit.stub;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The faults injected into one operation (connect, validate or close) of a {@link StubDatabase}.
 *
 * <p>Three kinds of fault can be combined; they are applied in this order:
 *
 * <ol>
 *   <li><b>delay</b>: the operation first sleeps for a duration, through the database's {@link
 *       Sleeper};
 *   <li><b>hang</b>: the operation blocks until {@link #setHang setHang(false)}, {@link #clear()},
 *       {@link StubDatabase#clearFaults()} or {@link StubDatabase#reset(String)}, or until the
 *       thread is interrupted;
 *   <li><b>fail</b>: the operation throws an {@link SQLException} with the configured SQLState.
 * </ol>
 *
 * <p>All settings are volatile and read on every operation, so they can be changed while
 * connections are in use. When no fault is set, the driver only reads one volatile flag.
 */
public final class StubFaults {

  private final String operation;
  private final String database;
  private final String defaultSqlState;

  private volatile boolean active;
  private volatile boolean fail;
  private volatile String sqlState;
  private volatile Duration delay = Duration.ZERO;
  private volatile CountDownLatch hang;

  StubFaults(String operation, String database, String defaultSqlState) {
    this.operation = operation;
    this.database = database;
    this.defaultSqlState = defaultSqlState;
    this.sqlState = defaultSqlState;
  }

  /**
   * The operation these faults apply to: {@code connect}, {@code validate} or {@code close}.
   *
   * @return the operation's name
   */
  public String operation() {
    return operation;
  }

  /**
   * Whether any fault is set.
   *
   * @return true if a failure, delay or hang is set
   */
  public boolean isActive() {
    return active;
  }

  /**
   * Makes the operation throw an SQLException (or stop doing so).
   *
   * @param fail true to make the operation throw
   */
  public synchronized void setFail(boolean fail) {
    this.fail = fail;
    recompute();
  }

  /**
   * Whether the operation throws.
   *
   * @return true if the operation throws
   */
  public boolean isFail() {
    return fail;
  }

  /**
   * The SQLState of the injected failure; {@code null} restores the default.
   *
   * @param sqlState the SQLState, or {@code null} for the default
   */
  public void setSqlState(String sqlState) {
    this.sqlState = sqlState == null ? defaultSqlState : sqlState;
  }

  /**
   * The SQLState of the injected failure.
   *
   * @return the SQLState
   */
  public String getSqlState() {
    return sqlState;
  }

  /**
   * Makes the operation sleep for {@code delay} first; zero or {@code null} removes the delay.
   *
   * @param delay the delay, or zero or {@code null} for none
   */
  public synchronized void setDelay(Duration delay) {
    if (delay != null && delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    this.delay = delay == null ? Duration.ZERO : delay;
    recompute();
  }

  /**
   * The injected delay, {@link Duration#ZERO} if none.
   *
   * @return the delay
   */
  public Duration getDelay() {
    return delay;
  }

  /**
   * Makes the operation block ({@code true}) or releases every thread blocked in it and stops
   * blocking new ones ({@code false}).
   *
   * @param hang true to block, false to release
   */
  public synchronized void setHang(boolean hang) {
    CountDownLatch current = this.hang;
    if (hang && current == null) {
      this.hang = new CountDownLatch(1);
    } else if (!hang && current != null) {
      this.hang = null;
      current.countDown();
    }
    recompute();
  }

  /**
   * Whether the operation blocks.
   *
   * @return true if the operation blocks
   */
  public boolean isHang() {
    return hang != null;
  }

  /** Removes every fault, releasing hung threads, and restores the default SQLState. */
  public synchronized void clear() {
    setHang(false);
    fail = false;
    delay = Duration.ZERO;
    sqlState = defaultSqlState;
    recompute();
  }

  private void recompute() {
    active = fail || hang != null || !delay.isZero();
  }

  /** Applies delay, hang and fail; called only when {@link #isActive()}. */
  void apply(Sleeper sleeper) throws SQLException {
    Duration d = delay;
    if (!d.isZero()) {
      try {
        sleeper.sleep(d);
      } catch (InterruptedException e) {
        throw StubSupport.interrupted(operation + " delay", sqlState);
      }
    }
    CountDownLatch h = hang;
    if (h != null) {
      try {
        h.await();
      } catch (InterruptedException e) {
        throw StubSupport.interrupted(operation + " hang", sqlState);
      }
    }
    failIfSet();
  }

  /**
   * Applies delay, hang and fail within a timeout in seconds (0 means none).
   *
   * @return {@code false} if the timeout elapsed or the thread was interrupted (its interrupt flag
   *     is then set again)
   */
  boolean applyWithin(Sleeper sleeper, int timeoutSeconds) throws SQLException {
    try {
      Duration d = delay;
      if (!d.isZero()) {
        Duration limit = Duration.ofSeconds(timeoutSeconds);
        if (timeoutSeconds > 0 && d.compareTo(limit) > 0) {
          sleeper.sleep(limit);
          return false;
        }
        sleeper.sleep(d);
      }
      CountDownLatch h = hang;
      if (h != null) {
        if (timeoutSeconds == 0) {
          h.await();
        } else if (!h.await(timeoutSeconds, TimeUnit.SECONDS)) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    failIfSet();
    return true;
  }

  private void failIfSet() throws SQLException {
    if (fail) {
      throw new SQLException(
          operation + " failure injected by stub database '" + database + "'",
          Objects.requireNonNullElse(sqlState, defaultSqlState));
    }
  }

  @Override
  public String toString() {
    return operation
        + "[fail="
        + fail
        + ", sqlState="
        + sqlState
        + ", hang="
        + isHang()
        + ", delay="
        + delay
        + "]";
  }
}
