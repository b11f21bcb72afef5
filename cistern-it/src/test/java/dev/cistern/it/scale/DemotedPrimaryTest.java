package dev.cistern.it.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DisconnectedException;
import dev.cistern.Engine;
import dev.cistern.testkit.server.PrivatePostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A primary that becomes read-only under a running pool (as a demoted primary does) on a multi-host
 * URL with {@code targetServerType=primary}: the first write gets SQLState 25006, which Cistern
 * treats as a lost connection, and every later checkout reaches the other host, now the only
 * writable one. Two private clusters; the demotion is {@code default_transaction_read_only = on},
 * which is also what pgjdbc checks to tell a primary.
 */
class DemotedPrimaryTest {

  private static void sql(PrivatePostgres server, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void aReadOnlyErrorMovesThePoolToTheWritableHost() throws Exception {
    Scale.requirePrivateClusters();
    try (PrivatePostgres a = PrivatePostgres.start();
        PrivatePostgres b = PrivatePostgres.start()) {
      for (PrivatePostgres p : new PrivatePostgres[] {a, b}) {
        sql(p, "create table marks (server text)");
      }
      String url =
          "postgresql://postgres@127.0.0.1:"
              + a.port()
              + ",127.0.0.1:"
              + b.port()
              + "/postgres?targetServerType=primary&poolSize=4&maxOverflow=0";
      try (Engine engine = Engine.builder(url).name("demoted").build()) {
        int firstPort =
            engine.withConnection(
                c -> c.execute("select inet_server_port()").scalar(Integer.class));
        assertThat(firstPort).as("both writable: pgjdbc takes the first").isEqualTo(a.port());
        // warm the pool: several connections to a
        engine.useTransaction(c -> c.execute("insert into marks values ('a')"));

        sql(a, "alter system set default_transaction_read_only = on", "select pg_reload_conf()");

        // a session applies a reloaded setting at its next command, so a write may still pass
        // until the pooled session has read it: the first write that fails is the one to check
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Awaitility.await("a write on the demoted host fails")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  try {
                    engine.useTransaction(c -> c.execute("insert into marks values ('x')"));
                    return false;
                  } catch (RuntimeException e) {
                    failure.set(e);
                    return true;
                  }
                });
        assertThat(failure.get())
            .as("the write on the demoted host: 25006, treated as a lost connection")
            .isInstanceOf(DisconnectedException.class)
            .hasMessageContaining("25006");
        for (int i = 0; i < 8; i++) {
          int port =
              engine.inTransaction(
                  c -> {
                    c.execute("insert into marks values ('after')");
                    return c.execute("select inet_server_port()").scalar(Integer.class);
                  });
          assertThat(port).as("every later transaction on the writable host").isEqualTo(b.port());
        }
        assertThat(engine.status().toString()).isNotEmpty();
      }
    }
  }
}
