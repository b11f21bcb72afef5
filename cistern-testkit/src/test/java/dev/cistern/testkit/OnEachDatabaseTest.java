package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

class OnEachDatabaseTest {

  @BeforeEach
  void reset() {
    RunsOnEach.KINDS.clear();
  }

  @Test
  void runsOncePerKindWithItsDisplayName() {
    EngineExecutionResults results = InnerTests.run(RunsOnEach.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0).aborted(0));
    List<String> names =
        results.testEvents().started().stream()
            .map(Event::getTestDescriptor)
            .filter(d -> d.getUniqueId().toString().contains("everywhere"))
            .map(d -> d.getDisplayName())
            .toList();
    assertThat(names).containsExactly("[postgresql]", "[mariadb]", "[h2]");
    assertThat(RunsOnEach.KINDS)
        .containsExactlyInAnyOrder(
            DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.H2, DatabaseKind.H2);
  }

  @OnEachDatabase
  void eachInvocationGetsAWorkingDatabaseOfItsKind(TestDatabase db) throws SQLException {
    try (Connection c = db.openConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase();
      String expected = db.kind() == DatabaseKind.POSTGRESQL ? "postgres" : db.kind().dialect();
      assertThat(product).contains(expected);
    }
  }

  /** Records which kinds its template ran on. */
  @InnerTests.Inner
  static class RunsOnEach {
    static final List<DatabaseKind> KINDS = new ArrayList<>();

    @OnEachDatabase
    void everywhere(TestDatabase db) throws SQLException {
      KINDS.add(db.kind());
      try (Connection c = db.openConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
    }

    @OnEachDatabase(DatabaseKind.H2)
    void onlyH2(TestDatabase db) {
      KINDS.add(db.kind());
      assertThat(db.cisternUrl()).startsWith("h2:mem:" + TestDatabase.NAME_PREFIX);
    }
  }
}
