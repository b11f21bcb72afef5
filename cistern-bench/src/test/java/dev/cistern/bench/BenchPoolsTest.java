package dev.cistern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pool kind opens on the stub driver, stays within its maximum and gets all back. */
class BenchPoolsTest {
  static final int MAX = 8;
  // Cistern and c3p0 have no default auto-commit setting
  static final List<String> AUTO_COMMIT_OFF =
      List.of("cistern-pool", "hikari", "hikari-metrics", "dbcp2", "tomcat", "vibur", "agroal");

  static List<String> kinds() {
    return BenchPools.KINDS;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void cyclesFromFourThreadsStayWithinMaxAndReturnEverything(String kind) throws Exception {
    String name = "pools-test-" + kind;
    StubDatabase db = StubDatabase.named(name);
    AtomicInteger maxLive = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (BenchPools.Handle h = BenchPools.open(kind, StubDriver.url(name), MAX, MAX)) {
      assertThat(db.liveConnections()).isEqualTo(MAX);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    try (Connection c = h.dataSource().getConnection()) {
                      maxLive.accumulateAndGet(db.liveConnections(), Math::max);
                      if (AUTO_COMMIT_OFF.contains(kind)) {
                        assertThat(c.getAutoCommit()).as("auto-commit").isFalse();
                      }
                      if (i % 10 == 0) {
                        try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("select 1")) {
                          assertThat(rs.next()).isTrue();
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertThat(maxLive.get()).isLessThanOrEqualTo(MAX);
      assertThat(db.liveConnections()).isLessThanOrEqualTo(MAX);
      if (h.idle() >= 0) {
        // c3p0 checks connections in on its helper threads: give it a moment
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(10))
            .untilAsserted(
                () ->
                    assertThat(h.idle())
                        .as("idle after all came back")
                        .isEqualTo(db.liveConnections()));
      }
      if (h.engine() != null) {
        assertThat(h.engine().status().inUse()).isZero();
      }
    } finally {
      threads.shutdownNow();
      StubDatabase.reset(name);
    }
  }
}
