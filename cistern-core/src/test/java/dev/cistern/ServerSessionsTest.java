package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@link ServerSessions} counts an engine's sessions on the real servers, never its own. */
class ServerSessionsTest {

  @OnEachDatabase
  void countsTheSessionsOfOneApplicationAndNotItsOwn(TestDatabase db) throws Exception {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    String app = "sessions_" + Long.toHexString(System.nanoTime());
    assertThat(ServerSessions.canCount(url)).isTrue();
    try (ServerSessions sessions = ServerSessions.open(url, app + "_admin")) {
      assertThat(sessions.count(app)).isZero();
      assertThat(sessions.toString()).startsWith("ServerSessions(");
      try (Engine engine = Engine.builder(url).name(app).poolSize(2, 0).build()) {
        try (SqlConnection a = engine.connect();
            SqlConnection b = engine.connect()) {
          assertThat(a).isNotSameAs(b);
          assertThat(sessions.count(app)).isEqualTo(2);
        }
      }
      // the server ends a closed session a moment after the client's close
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sessions.count(app), n -> n == 0);
      assertThat(sessions.count(app)).isZero();
    }
  }

  @Test
  void sqliteHasNoSessionsToCount() {
    DatabaseUrl url = DatabaseUrl.parse("sqlite:///tmp/cistern-no-such.db");
    assertThat(ServerSessions.canCount(url)).isFalse();
    assertThatThrownBy(() -> ServerSessions.open(url, "admin"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "cannot count server sessions on sqlite — counting works on PostgreSQL, MariaDB/MySQL"
                + " and H2");
  }
}
