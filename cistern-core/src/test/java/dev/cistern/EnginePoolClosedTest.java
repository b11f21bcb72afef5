package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pool that closes under a borrower never shows the borrower its internal "pool closed" error:
 * {@link Engine#connect()} and {@code dataSource().getConnection()} turn it into {@link
 * EngineClosedException} when the engine closed, and into a borrow from the fresh pool when it was
 * only disposed.
 */
class EnginePoolClosedTest {
  private static final Duration LONG = Duration.ofMinutes(1);

  private static Engine engine(PoolClass kind) {
    String name = "pool_closed_" + kind + "_" + Long.toHexString(System.nanoTime());
    StubDriver.register();
    StubDatabase.named(name);
    return Engine.builder(StubDriver.url(name))
        .name(name)
        .poolSize(1, 0)
        .option(Option.POOL_CLASS, kind)
        .option(Option.POOL_TIMEOUT, LONG)
        .option(Option.SHUTDOWN_HOOK, false)
        .build();
  }

  /** Starts {@code borrow} on a thread of its own and returns once that thread is blocked. */
  private static <T> CompletableFuture<T> blockedIn(Callable<T> borrow) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<Thread> thread = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(borrow.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    thread.set(t);
    t.setDaemon(true);
    t.start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING
                    || result.isDone());
    assertThat(result).as("still waiting").isNotDone();
    return result;
  }

  private static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + f.join());
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the borrower was not woken", e);
    }
  }

  private static void assertNoPoolClosedIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertThat(c.getClass().getSimpleName()).as("in %s", t).isNotEqualTo("PoolClosedException");
    }
  }

  @Test
  void aBorrowerWaitingForAFullPoolWhenTheEngineClosesGetsEngineClosedException() throws Exception {
    Engine e = engine(PoolClass.QUEUE);
    e.connect(); // the only connection, held
    CompletableFuture<SqlConnection> waiter = blockedIn(e::connect);
    assertThat(e.close(Duration.ZERO).aborted()).as("the held one").isEqualTo(1);
    Throwable t = failure(waiter);
    assertThat(t).isInstanceOf(EngineClosedException.class).hasMessageContaining(e.name());
    assertNoPoolClosedIn(t);
  }

  @ParameterizedTest
  @EnumSource(PoolClass.class)
  void aBorrowerWaitingOnASuspendedPoolWhenTheEngineClosesGetsEngineClosedException(PoolClass kind)
      throws Exception {
    Engine e = engine(kind);
    e.suspend();
    CompletableFuture<SqlConnection> waiter = blockedIn(e::connect);
    e.close(Duration.ZERO);
    Throwable t = failure(waiter);
    assertThat(t).as(kind.toString()).isInstanceOf(EngineClosedException.class);
    assertNoPoolClosedIn(t);
  }

  @Test
  void aBorrowerWaitingWhenTheEngineIsDisposedGetsAConnectionFromTheFreshPool() throws Exception {
    try (Engine e = engine(PoolClass.QUEUE)) {
      SqlConnection held = e.connect();
      CompletableFuture<SqlConnection> waiter = blockedIn(e::connect);
      e.dispose();
      try (SqlConnection c = waiter.get(10, TimeUnit.SECONDS)) {
        assertThat(c.isClosed()).isFalse();
      }
      held.close();
    }
  }

  @Test
  void theJdbcFaceSaysSqlState08003WithEngineClosedExceptionAsTheCause() throws Exception {
    Engine e = engine(PoolClass.QUEUE);
    e.dataSource().getConnection(); // the only connection, held
    CompletableFuture<Connection> waiter = blockedIn(() -> e.dataSource().getConnection());
    assertThat(e.close(Duration.ZERO).aborted()).as("the held one").isEqualTo(1);
    Throwable t = failure(waiter);
    assertThat(t)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasCauseInstanceOf(EngineClosedException.class);
    assertThat(((SQLNonTransientConnectionException) t).getSQLState()).isEqualTo("08003");
    assertNoPoolClosedIn(t);
  }
}
