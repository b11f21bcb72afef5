package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cistern.internal.engine.Shutdown;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one shutdown path (issue 13, defect 2): {@code close(grace)} with any grace produces a
 * report, a failing close still leaves the engine closed with its report readable, later and
 * concurrent closes return that report, and the cleaner of an unreachable engine reports the same
 * way.
 */
class EngineShutdownTest {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
  private static final Duration AT_ONCE = Duration.ofSeconds(2);

  private static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime());
  }

  private static Engine.Builder stubEngine(String name) {
    StubDriver.register();
    StubDatabase.named(name);
    return Engine.builder(StubDriver.url(name)).name(name).option(Option.SHUTDOWN_HOOK, false);
  }

  @Test
  void closeForeverWaitsForTheBorrowerAndASecondCloseReturnsTheSameReportAtOnce() throws Exception {
    Engine e = stubEngine(unique("shutdown_forever")).build();
    CountDownLatch borrowed = new CountDownLatch(1);
    CountDownLatch giveBack = new CountDownLatch(1);
    Thread borrower =
        new Thread(
            () -> {
              try (SqlConnection c = e.connect()) {
                borrowed.countDown();
                giveBack.await();
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            },
            "forever-borrower");
    borrower.start();
    assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<DisposalReport> closing =
        CompletableFuture.supplyAsync(() -> e.close(FOREVER));
    await().atMost(Duration.ofSeconds(10)).until(e::isClosed);
    giveBack.countDown();
    DisposalReport first = closing.get(10, TimeUnit.SECONDS); // was: ArithmeticException

    assertThat(first.returnedDuringGrace()).isEqualTo(1);
    assertThat(first.aborted()).isZero();
    assertThat(first.errors()).isEmpty();
    assertTimeoutPreemptively(AT_ONCE, () -> e.close());
    DisposalReport second = assertTimeoutPreemptively(AT_ONCE, () -> e.close(FOREVER));
    assertThat(second).isSameAs(first);
    borrower.join(10_000);
  }

  @Test
  void aConcurrentCloseWaitsForTheFirstAndReturnsItsReport() throws Exception {
    Engine e = stubEngine(unique("shutdown_concurrent")).build();
    SqlConnection held = e.connect();
    CompletableFuture<DisposalReport> first = CompletableFuture.supplyAsync(() -> e.close(FOREVER));
    await().atMost(Duration.ofSeconds(10)).until(e::isClosed);
    CompletableFuture<DisposalReport> second =
        CompletableFuture.supplyAsync(() -> e.close(Duration.ZERO));
    assertThat(second).as("waits for the first close").isNotDone();
    held.close();
    DisposalReport r = first.get(10, TimeUnit.SECONDS);
    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(r);
    // the second close's zero grace moves the first's deadline to now: the held connection was
    // either given back first or aborted then, depending on which thread ran first
    assertThat(r.returnedDuringGrace() + r.aborted()).isEqualTo(1);
  }

  @Test
  void aFailingCloseLeavesTheEngineClosedItsReportReadableAndLaterClosesReturnAtOnce() {
    String name = unique("shutdown_failing");
    StubDatabase stub;
    Engine e =
        stubEngine(name)
            .listener(
                new EngineListener() {
                  @Override
                  public void disposed(String engineName) {
                    // an assertion in a test's listener: an Error no listener guard catches
                    throw new AssertionError("listener failed on purpose");
                  }
                })
            .build();
    stub = StubDatabase.named(name);
    SqlConnection held = e.connect();

    assertThatThrownBy(() -> e.close(Duration.ZERO))
        .isInstanceOf(AssertionError.class)
        .hasMessage("listener failed on purpose");

    assertThat(e.isClosed()).isTrue();
    assertThatThrownBy(e::connect).isInstanceOf(EngineClosedException.class);
    assertTimeoutPreemptively(AT_ONCE, () -> e.close());
    DisposalReport r = assertTimeoutPreemptively(AT_ONCE, () -> e.close(Duration.ZERO));
    assertThat(r.errors()).anySatisfy(t -> assertThat(t).hasMessage("listener failed on purpose"));
    assertThat(r.aborted()).as("the shutdown went on after the error").isEqualTo(1);
    assertThat(stub.liveConnections()).isZero();
    assertThat(assertTimeoutPreemptively(AT_ONCE, () -> e.close(FOREVER))).isSameAs(r);
    held.close(); // a no-op on an aborted connection
  }

  @Test
  void aHugeCloseGraceOptionClosesAndReports() {
    Engine e =
        stubEngine(unique("shutdown_grace_option"))
            .optionText(Option.CLOSE_GRACE, "PT9999999H")
            .build();
    e.connect().close();
    assertTimeoutPreemptively(AT_ONCE, () -> e.close()); // was: ArithmeticException
    DisposalReport r = assertTimeoutPreemptively(AT_ONCE, () -> e.close(Duration.ZERO));
    assertThat(r.closedIdle()).isEqualTo(1);
    assertThat(r.isClean()).isTrue();
  }

  /**
   * The cleaner's action for an unreachable engine and {@code close(grace)} run the same shutdown:
   * the same counts, and the same description of the aborted connection.
   */
  @Test
  void theCleanerAndCloseReportAnAbortedConnectionAlike() {
    String closedName = unique("shutdown_close");
    Engine closed = stubEngine(closedName).build();
    closed.connect(); // never given back
    DisposalReport byClose = closed.close(Duration.ZERO);

    String cleanedName = unique("shutdown_cleaner");
    Engine cleaned = stubEngine(cleanedName).build();
    cleaned.connect(); // never given back
    Shutdown holder = new Shutdown(cleanedName, cleaned.core().pool());
    holder.run(); // what the Cleaner does once the engine is unreachable
    DisposalReport byCleaner = holder.close(Duration.ZERO); // the report of the run above

    assertThat(byCleaner).isNotNull();
    for (DisposalReport r : new DisposalReport[] {byClose, byCleaner}) {
      assertThat(r.aborted()).isEqualTo(1);
      assertThat(r.returnedDuringGrace()).isZero();
      assertThat(r.errors()).isEmpty();
      assertThat(r.leaked())
          .singleElement()
          .asString()
          .matches("connection #1 borrowed by thread '" + Thread.currentThread().getName() + "'.*");
    }
    assertThat(StubDatabase.named(closedName).abortedTotal()).isEqualTo(1);
    assertThat(StubDatabase.named(cleanedName).abortedTotal()).isEqualTo(1);
    assertThat(StubDatabase.named(cleanedName).liveConnections()).isZero();
    holder.run(); // runs once
    assertThat(holder.close(Duration.ZERO)).isSameAs(byCleaner);
    cleaned.close(Duration.ZERO);
  }
}
