package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Engine#closeAll()} and closing engines that became unreachable without close(). */
class EngineLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Engine engine(String url, String name) {
    return Engine.builder(url)
        .name(name)
        .option(Option.CLOSE_GRACE, Duration.ofMillis(200))
        .build();
  }

  @OnEachDatabase
  void closeAllClosesEveryLiveEngine(TestDatabase db) throws SQLException {
    String suffix = Long.toHexString(System.nanoTime());
    Engine a = engine(db.cisternUrl(), "cistern_a_" + suffix);
    Engine b = engine(db.cisternUrl(), "cistern_b_" + suffix);
    Engine closedBefore = engine(db.cisternUrl(), "cistern_c_" + suffix);
    closedBefore.close();
    a.connect().close(); // one idle connection
    SqlConnection held = b.connect(); // one borrowed past the grace period
    awaitSessions(db, 1, a, b);

    List<DisposalReport> reports = Engine.closeAll();

    assertThat(reports).extracting(DisposalReport::engineName).contains(a.name(), b.name());
    assertThat(reports).extracting(DisposalReport::engineName).doesNotContain(closedBefore.name());
    DisposalReport ra = find(reports, a.name());
    DisposalReport rb = find(reports, b.name());
    assertThat(ra.closedIdle()).isEqualTo(1);
    assertThat(rb.aborted()).isEqualTo(1);
    assertThat(a.isClosed()).isTrue();
    assertThat(b.isClosed()).isTrue();
    awaitSessions(db, 0, a, b);
    assertThatThrownBy(a::connect).isInstanceOf(EngineClosedException.class);
    held.close();
    assertThat(Engine.closeAll()).extracting(DisposalReport::engineName).doesNotContain(a.name());
  }

  /** PostgreSQL counts by application name (the engine's name); MariaDB and H2 by database. */
  private static void awaitSessions(TestDatabase db, int perEngine, Engine... engines) {
    if (db.kind() == DatabaseKind.POSTGRESQL) {
      for (Engine e : engines) {
        ServerSessions.awaitCount(db, e.name(), perEngine, WAIT);
      }
    } else {
      ServerSessions.awaitCount(db, perEngine * engines.length, WAIT);
    }
  }

  private static DisposalReport find(List<DisposalReport> reports, String name) {
    return reports.stream().filter(r -> r.engineName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anUnreachableEngineIsClosed() {
    StubDriver.register();
    String name = "lifecycle_gc_" + Long.toHexString(System.nanoTime());
    StubDatabase stub = StubDatabase.named(name);
    useAndDrop(name);
    assertThat(stub.liveConnections()).as("an idle connection stays in the pool").isEqualTo(1);

    Awaits.untilCollected("closed by the cleaner", () -> stub.liveConnections() == 0);
  }

  @Test
  void anUnreachableEngineAbortsItsForgottenConnections() {
    StubDriver.register();
    String name = "lifecycle_gc2_" + Long.toHexString(System.nanoTime());
    StubDatabase stub = StubDatabase.named(name);
    useAndForget(name);
    assertThat(stub.liveConnections()).isEqualTo(2);

    Awaits.untilCollected("aborted by the cleaner", () -> stub.liveConnections() == 0);
  }

  @Test
  void aClosedEngineLeavesTheRegistry() {
    StubDriver.register();
    Engine e = engine(StubDriver.url("lifecycle_reg_" + System.nanoTime()), "lifecycle_reg");
    e.close();
    assertThat(Engine.closeAll()).extracting(DisposalReport::engineName).doesNotContain(e.name());
  }

  /** Creates an engine, connects once and drops it without closing: one idle connection left. */
  private static void useAndDrop(String name) {
    Engine e = Engine.builder(StubDriver.url(name)).name(name).build();
    e.connect().close();
  }

  /** Like {@link #useAndDrop}, plus a connection borrowed and never given back. */
  private static void useAndForget(String name) {
    Engine e = Engine.builder(StubDriver.url(name)).name(name).build();
    SqlConnection idle = e.connect();
    e.connect(); // forgotten
    idle.close();
  }
}
