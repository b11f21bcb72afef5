package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DisposalReport;
import dev.cistern.PoolStatus;
import dev.cistern.internal.pool.ConnectionPool;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolConfig;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.Ticker;
import dev.cistern.testkit.stub.StubDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one shutdown path: close(grace), the shutdown hook and the Cleaner all end up here. */
class ShutdownTest {
  private final StubDatabase db = StubDatabase.named("shutdown-" + System.nanoTime());

  @AfterEach
  void reset() {
    StubDatabase.reset(db.name());
  }

  /** A pool whose close() fails: the shutdown must still finish, report it, and stay finished. */
  private static final class FailingPool implements Pool {
    int closes;

    /** Thrown by {@link #borrowed()} if set. */
    RuntimeException borrowedFailure;

    /** What {@link #awaitClosed} answers. */
    boolean closesInTime = true;

    @Override
    public void close() {
      closes++;
      throw new IllegalStateException("boom while closing");
    }

    @Override
    public List<PoolEntry> borrowed() {
      if (borrowedFailure != null) {
        throw borrowedFailure;
      }
      return List.of();
    }

    @Override
    public PoolStatus status() {
      return new PoolStatus("failing", 1, 0, 1, 1, 0, 0);
    }

    @Override
    public boolean awaitClosed(Duration timeout) {
      return closesInTime;
    }

    @Override
    public boolean isClosed() {
      return closes > 0;
    }

    @Override
    public PoolEntry acquire() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void giveBack(PoolEntry e) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void invalidate(PoolEntry e, Throwable cause) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void softInvalidateAll(Throwable cause) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void detach(PoolEntry e) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void closeDetached(PoolEntry e) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isDisconnect(SQLException e) {
      return false;
    }

    @Override
    public void suspend() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void resume() {
      throw new UnsupportedOperationException();
    }

    @Override
    public PoolConfig config() {
      return PoolConfig.defaults("failing");
    }
  }

  @Test
  @Timeout(30)
  void aCloseThatFailsStillPublishesItsReportAndLaterClosesReturnAtOnce() {
    FailingPool pool = new FailingPool();
    Shutdown s = new Shutdown("e", pool);
    DisposalReport first = s.close(ChronoUnit.FOREVER.getDuration());
    assertThat(first.errors()).singleElement().asString().contains("boom while closing");
    assertThat(s.isClosing()).isTrue();
    assertThat(s.close(Duration.ZERO)).isSameAs(first);
    assertThat(s.close(ChronoUnit.FOREVER.getDuration())).isSameAs(first);
    assertThat(pool.closes).as("closed once").isEqualTo(1);
  }

  @Test
  @Timeout(30)
  void everyFailureOnTheWayIsReportedOnceAndTheCloseStillEnds() {
    FailingPool pool = new FailingPool();
    pool.borrowedFailure = new IllegalStateException("cannot list the borrowed connections");
    pool.closesInTime = false;
    Shutdown s = new Shutdown("e", pool);
    s.beforeAbort(
        () -> {
          throw new IllegalStateException("the leak detector failed to stop");
        });

    DisposalReport r = s.close(Duration.ofSeconds(5));

    assertThat(r.errors())
        .extracting(Throwable::getMessage)
        .containsExactlyInAnyOrder(
            "cannot list the borrowed connections",
            "the leak detector failed to stop",
            "engine 'e': connections still closing a second after the grace period");
    assertThat(r.aborted()).isZero();
    assertThat(s.isClosing()).isTrue();
  }

  @Test
  void anErrorFromTheWayIsRethrownAfterTheShutdownFinished() {
    ConnectionPool pool =
        new ConnectionPool(PoolConfig.defaults("erring"), db::connect, Ticker.SYSTEM);
    pool.acquire();
    Shutdown s = new Shutdown("erring", pool);
    s.beforeAbort(
        () -> {
          throw new AssertionError("a listener's assertion");
        });

    assertThatThrownBy(() -> s.close(Duration.ZERO))
        .isInstanceOf(AssertionError.class)
        .hasMessage("a listener's assertion");
    assertThat(pool.isClosed()).isTrue();
    assertThat(db.abortedTotal()).as("the borrowed one aborted all the same").isEqualTo(1);
    assertThat(s.close(Duration.ZERO).errors()).hasSize(1);
  }

  @Test
  void theCleanerPathAbortsWhatIsStillBorrowedLikeCloseDoes() throws SQLException {
    ConnectionPool pool =
        new ConnectionPool(PoolConfig.defaults("cleaned"), db::connect, Ticker.SYSTEM);
    PoolEntry held = pool.acquire();
    PoolEntry idle = pool.acquire();
    pool.giveBack(idle);
    Shutdown s = new Shutdown("cleaned", pool);
    s.run(); // what the Cleaner does for an engine dropped without close()
    assertThat(pool.isClosed()).isTrue();
    assertThat(db.abortedTotal()).as("the borrowed one aborted").isEqualTo(1);
    assertThat(db.liveConnections()).isZero();
    assertThat(pool.borrowed()).doesNotContain(held);
    s.run(); // runs once
    assertThat(db.abortedTotal()).isEqualTo(1);
  }

  @Test
  void closeAfterTheCleanerRanReturnsTheCleanersReport() {
    ConnectionPool pool =
        new ConnectionPool(PoolConfig.defaults("cleaned2"), db::connect, Ticker.SYSTEM);
    PoolEntry held = pool.acquire();
    Shutdown s = new Shutdown("cleaned2", pool);
    s.run();
    DisposalReport r = s.close(Duration.ofSeconds(5));
    assertThat(r.aborted()).isEqualTo(1);
    assertThat(r.leaked()).hasSize(1);
    assertThat(pool.borrowed()).doesNotContain(held);
  }
}
