package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.SqlListener.ErrorContext;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlListener#handleError} on PostgreSQL: a real disconnect, made by terminating this test's
 * own session from a second connection of the same test.
 */
class SqlListenerPostgresTest {

  @Test
  void handleErrorSeesAKilledSessionAsADisconnect(@Postgres TestDatabase db) throws Exception {
    List<ErrorContext> errors = new CopyOnWriteArrayList<>();
    SqlListener listener =
        new SqlListener() {
          @Override
          public void handleError(ErrorContext ctx) {
            errors.add(ctx);
          }
        };
    try (Engine engine =
        Engine.builder(db.cisternUrl())
            .name("cistern_sqlhooks_pg_" + Long.toHexString(System.nanoTime()))
            .poolSize(1, 0)
            .sqlListener(listener)
            .build()) {
      try (SqlConnection c = engine.connect()) {
        long pid = c.execute("select pg_backend_pid()").scalar(Long.class);
        try (java.sql.Connection admin = db.openConnection("cistern-sqlhooks-killer");
            java.sql.Statement s = admin.createStatement()) {
          s.execute("select pg_terminate_backend(" + pid + ")"); // this test's own session only
        }
        assertThatThrownBy(() -> c.execute("select 1")).isInstanceOf(DisconnectedException.class);
      }
      assertThat(errors).isNotEmpty();
      ErrorContext ctx = errors.get(0);
      assertThat(ctx.isDisconnect()).isTrue();
      assertThat(ctx.isDialectDisconnect()).isTrue();
      assertThat(ctx.engineName()).isEqualTo(engine.name());
      assertThat(ctx.sql()).isEqualTo("select 1");
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
    }
  }
}
