package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The words of leak detection: formatting and the log lines, without an engine. */
class LeakLogTest {
  private final LeakLogRecorder recorder = new LeakLogRecorder();
  private final LeakLog log = new LeakLog("orders", recorder, null);

  @Test
  void heldTimesAreSecondsWithOneDecimal() {
    assertThat(LeakLog.seconds(12_300_000_000L)).isEqualTo("12.3 s");
    assertThat(LeakLog.seconds(14_960_000_000L)).isEqualTo("15.0 s");
    assertThat(LeakLog.seconds(0)).isEqualTo("0.0 s");
  }

  @Test
  void thresholdsAreWrittenAsOptionsAreWritten() {
    assertThat(LeakLog.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(LeakLog.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(LeakLog.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
  }

  @Test
  void aBorrowIsDescribedByNumberAndThreadAndStackWhenThereIsOne() {
    assertThat(LeakLog.describe(3, "worker-1", null))
        .isEqualTo("connection #3 borrowed by thread 'worker-1'");
    assertThat(LeakLog.describe(3, "worker-1", new Throwable("borrowed here")))
        .startsWith(
            "connection #3 borrowed by thread 'worker-1'\njava.lang.Throwable: borrowed here")
        .contains("aBorrowIsDescribedByNumberAndThreadAndStackWhenThereIsOne");
    assertThat(LeakLog.describeUnknown(4))
        .isEqualTo("connection #4 borrowed by an unknown thread (not through connect())");
  }

  @Test
  void heldTooLongWarnsWithTheStack() {
    log.heldTooLong(1, 12_300_000_000L, "main", Duration.ofSeconds(10), new Throwable("here"));
    assertThat(recorder.lines)
        .singleElement()
        .asString()
        .startsWith(
            "WARN engine 'orders': connection #1 held for 12.3 s by thread 'main'"
                + " (leakDetectionThreshold 10s); borrowed at:\njava.lang.Throwable: here");
  }

  @Test
  void aReturnAfterAReportIsInfo() {
    log.returnedAfterReport(2, 15_000_000_000L);
    assertThat(recorder.at(Level.INFO))
        .containsExactly(
            "INFO engine 'orders': connection #2 reported as leaked was returned after 15.0 s");
  }

  @Test
  void aReclaimWarnsWithTheStackOrSaysHowToGetOne() {
    log.reclaimed(5, "w", -1, null);
    log.reclaimed(6, "w", -1, new Throwable("borrowed here"));
    assertThat(recorder.at(Level.WARN)).hasSize(2);
    assertThat(recorder.at(Level.WARN).get(0))
        .isEqualTo(
            "WARN engine 'orders': connection #5 borrowed by thread 'w' became unreachable without"
                + " being closed; reclaimed it (physical connection closed); enable"
                + " leakDetectionThreshold to see where it was borrowed");
    assertThat(recorder.at(Level.WARN).get(1))
        .startsWith(
            "WARN engine 'orders': connection #6 borrowed by thread 'w' became unreachable without"
                + " being closed; reclaimed it (physical connection closed); borrowed at:\n"
                + "java.lang.Throwable: borrowed here");
  }

  @Test
  void failuresAreDebugLinesNamingTheEngine() {
    log.checkFailed(new IllegalStateException("tick"));
    log.reclaimFailed(new IllegalStateException("invalidate"));
    assertThat(recorder.at(Level.DEBUG)).hasSize(2);
    assertThat(recorder.at(Level.DEBUG).get(0))
        .startsWith("DEBUG engine 'orders': leak check failed\n")
        .contains("IllegalStateException: tick");
    assertThat(recorder.at(Level.DEBUG).get(1))
        .startsWith("DEBUG engine 'orders': reclaiming a leaked connection failed\n");
  }
}
