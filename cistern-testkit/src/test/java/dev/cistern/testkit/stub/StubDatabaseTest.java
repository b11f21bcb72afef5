package dev.cistern.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StubDatabaseTest {

  private static final Executor DIRECT = Runnable::run;

  private StubDatabase db;
  private RecordingSleeper sleeper;

  @BeforeEach
  void setUp() {
    StubDatabase.resetAll();
    db = StubDatabase.named("faults");
    sleeper = new RecordingSleeper();
    db.setSleeper(sleeper);
  }

  @AfterEach
  void tearDown() {
    StubDatabase.resetAll();
  }

  @Test
  void countsOpenCloseAndAbort() throws SQLException {
    StubConnection a = db.connect();
    StubConnection b = db.connect();
    StubConnection c = db.connect();
    assertThat(db.liveConnections()).isEqualTo(3);
    assertThat(db.liveConnectionsList()).containsExactly(a, b, c);

    a.close();
    a.close();
    b.abort(DIRECT);
    b.close();

    assertThat(db.openedTotal()).isEqualTo(3);
    assertThat(db.closedTotal()).isEqualTo(1);
    assertThat(db.abortedTotal()).isEqualTo(1);
    assertThat(db.liveConnections()).isEqualTo(1);
    assertThat(db.liveConnectionsList()).containsExactly(c);
    assertThat(db.connectAttempts()).isEqualTo(3);
  }

  @Test
  void abortRequiresAnExecutor() throws SQLException {
    StubConnection c = db.connect();
    assertThatThrownBy(() -> c.abort(null)).isInstanceOf(SQLException.class);
    assertThat(c.isClosed()).isFalse();
  }

  @Test
  void resetGivesAFreshDatabase() throws SQLException {
    db.connect();
    StubDatabase.reset("faults");
    StubDatabase fresh = StubDatabase.named("faults");
    assertThat(fresh).isNotSameAs(db);
    assertThat(fresh.openedTotal()).isZero();
    assertThat(db.openedTotal()).isEqualTo(1);
  }

  @Test
  void connectFailure() {
    db.connectFaults().setFail(true);
    assertThatThrownBy(db::connect)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("connect failure injected by stub database 'faults'")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
    db.connectFaults().setSqlState("28P01");
    assertThatThrownBy(db::connect)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
    assertThat(db.openedTotal()).isZero();
    assertThat(db.connectAttempts()).isEqualTo(2);
    db.clearFaults();
    assertThat(db.connectFaults().isActive()).isFalse();
    assertThat(db.connectFaults().getSqlState()).isEqualTo("08001");
  }

  @Test
  void failNextConnectsIsTransient() throws SQLException {
    db.failNextConnects(2);
    assertThatThrownBy(db::connect).hasMessageContaining("transient");
    assertThatThrownBy(db::connect).hasMessageContaining("transient");
    assertThat(db.pendingConnectFailures()).isZero();
    assertThat(db.connect().isValid(1)).isTrue();
    assertThat(db.openedTotal()).isEqualTo(1);
    assertThat(db.connectAttempts()).isEqualTo(3);
  }

  @Test
  void connectDelayUsesTheSleeper() throws SQLException {
    db.connectFaults().setDelay(Duration.ofMillis(150));
    db.connect();
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void connectHangUntilUnhung() throws Exception {
    db.connectFaults().setHang(true);
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> run(() -> outcome.set(db.connect()), outcome, done));
    t.start();
    assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("still hanging").isFalse();
    db.connectFaults().setHang(false);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isInstanceOf(StubConnection.class);
  }

  @Test
  void connectHangUntilReset() throws Exception {
    db.connectFaults().setHang(true);
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> run(() -> outcome.set(db.connect()), outcome, done));
    t.start();
    StubDatabase.reset("faults");
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isInstanceOf(StubConnection.class);
  }

  @Test
  void connectHangIsInterruptible() throws Exception {
    db.connectFaults().setHang(true);
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              run(() -> outcome.set(db.connect()), outcome, done);
            });
    t.start();
    t.interrupt();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get())
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
    assertThat(db.openedTotal()).isZero();
  }

  @Test
  void validateFailureThrows() throws SQLException {
    StubConnection c = db.connect();
    db.validateFaults().setFail(true);
    assertThatThrownBy(() -> c.isValid(1))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08006");
    db.validateFaults().setFail(false);
    assertThat(c.isValid(1)).isTrue();
    assertThat(db.validations()).isEqualTo(2);
  }

  @Test
  void validateReturnsFalse() throws SQLException {
    StubConnection c = db.connect();
    db.setValidateReturnsFalse(true);
    assertThat(c.isValid(1)).isFalse();
    db.clearFaults();
    assertThat(c.isValid(1)).isTrue();
  }

  @Test
  void validateDelayWithinTimeoutAndBeyond() throws SQLException {
    StubConnection c = db.connect();
    db.validateFaults().setDelay(Duration.ofMillis(500));
    assertThat(c.isValid(1)).isTrue();
    db.validateFaults().setDelay(Duration.ofSeconds(5));
    assertThat(c.isValid(2)).as("delay exceeds the timeout").isFalse();
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  @Test
  void validateHangHonoursTimeout() throws SQLException {
    StubConnection c = db.connect();
    db.validateFaults().setHang(true);
    long start = System.nanoTime();
    assertThat(c.isValid(1)).isFalse();
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
  }

  @Test
  void validateHangWithoutTimeoutReleasedByUnhang() throws Exception {
    StubConnection c = db.connect();
    db.validateFaults().setHang(true);
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    new Thread(() -> run(() -> outcome.set(c.isValid(0)), outcome, done)).start();
    assertThat(done.await(100, TimeUnit.MILLISECONDS)).isFalse();
    db.clearFaults();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isEqualTo(true);
  }

  @Test
  void validateRejectsNegativeTimeoutAndClosedIsInvalid() throws SQLException {
    StubConnection c = db.connect();
    assertThatThrownBy(() -> c.isValid(-1)).isInstanceOf(SQLException.class);
    c.close();
    assertThat(c.isValid(1)).isFalse();
  }

  @Test
  void closeFailureStillClosesAndCounts() throws SQLException {
    StubConnection c = db.connect();
    db.closeFaults().setFail(true);
    assertThatThrownBy(c::close)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08006");
    assertThat(c.isClosed()).isTrue();
    assertThat(db.liveConnections()).isZero();
    assertThat(db.closedTotal()).isEqualTo(1);
  }

  @Test
  void closeDelayUsesTheSleeper() throws SQLException {
    StubConnection c = db.connect();
    db.closeFaults().setDelay(Duration.ofSeconds(3));
    c.close();
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void closeHangInterruptedStillCloses() throws Exception {
    StubConnection c = db.connect();
    db.closeFaults().setHang(true);
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread t =
        new Thread(
            () ->
                run(
                    () -> {
                      c.close();
                      outcome.set("closed");
                    },
                    outcome,
                    done));
    t.start();
    assertThat(done.await(100, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(c.isClosed()).isFalse();
    t.interrupt();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isInstanceOf(SQLException.class);
    assertThat(c.isClosed()).isTrue();
    assertThat(db.liveConnections()).isZero();
  }

  @Test
  void disconnectAllBreaksLiveConnectionsOnly() throws SQLException {
    StubConnection a = db.connect();
    StubConnection b = db.connect();
    b.setAutoCommit(false);
    Statement s = a.createStatement();
    assertThat(db.disconnectAll()).isEqualTo(2);

    assertThat(a.isValid(1)).isFalse();
    assertThatThrownBy(() -> s.executeQuery("select 1"))
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08006");
    assertThatThrownBy(b::rollback)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08006");
    assertThat(a.isBroken()).isTrue();

    try (Connection fresh = db.connect()) {
      assertThat(fresh.isValid(1)).isTrue();
      try (Statement fs = fresh.createStatement()) {
        assertThat(fs.executeUpdate("delete")).isEqualTo(1);
      }
    }
    a.close();
    assertThat(db.closedTotal()).isEqualTo(2);
  }

  @Test
  void faultSettingsRejectNegativeValues() {
    assertThatThrownBy(() -> db.connectFaults().setDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> db.failNextConnects(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> db.setResultRows(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(db.connectFaults().toString()).contains("connect");
  }

  interface Action {
    void run() throws Exception;
  }

  private static void run(Action action, AtomicReference<Object> outcome, CountDownLatch done) {
    try {
      action.run();
    } catch (Exception e) {
      outcome.set(e);
    } finally {
      done.countDown();
    }
  }
}
