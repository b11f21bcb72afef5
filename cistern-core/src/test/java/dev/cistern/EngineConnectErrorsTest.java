package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cistern.testkit.H2;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Connect errors on the real servers (issue 13, defect 8): those retrying cannot fix fail at once
 * with the driver's reason; those that can heal time out saying the pool cannot open connections.
 */
class EngineConnectErrorsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration AT_ONCE = Duration.ofSeconds(2);

  /** Borrows once and returns what was thrown, checking that it came well before the timeout. */
  private static Throwable connectFails(DatabaseUrl url, PoolClass kind) {
    try (Engine e =
        Engine.builder(url)
            .option(Option.POOL_TIMEOUT, TIMEOUT)
            .option(Option.POOL_CLASS, kind)
            .option(Option.SHUTDOWN_HOOK, false)
            .build()) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> e.connect().close());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("failed at once, not after poolTimeout")
          .isLessThan(AT_ONCE);
      return t;
    }
  }

  private static void permanent(DatabaseUrl url, String reason, String secret) {
    for (PoolClass kind : new PoolClass[] {PoolClass.QUEUE, PoolClass.NULL}) {
      Throwable t = connectFails(url, kind);
      assertThat(t)
          .as(kind.name())
          .isInstanceOf(CannotConnectException.class)
          .hasMessageContaining("cannot open connections")
          .hasMessageContaining(reason)
          .hasMessageNotContaining("exhausted");
      if (secret != null) {
        assertThat(t.getMessage()).doesNotContain(secret);
      }
    }
    long start = System.nanoTime();
    Supplier<Engine> failFast =
        () ->
            Engine.builder(url)
                .option(Option.FAIL_FAST, true)
                .option(Option.POOL_TIMEOUT, TIMEOUT)
                .option(Option.SHUTDOWN_HOOK, false)
                .build();
    assertThat(catchThrowable(failFast::get))
        .isInstanceOf(CannotConnectException.class)
        .hasMessageContaining("failFast")
        .hasMessageContaining(reason);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
  }

  @Test
  void postgresqlUnknownRoleAndUnknownDatabase(@Postgres TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    permanent(
        url.withUsername("nosuchrole").withPassword(null),
        "role \"nosuchrole\" does not exist",
        null);
    permanent(url.withDatabase("no_such_db_13"), "database \"no_such_db_13\" does not exist", null);
  }

  @Test
  void mariadbWrongPasswordAndUnknownDatabase(@MariaDb TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    String secret = "Wrong-Pw-13x";
    permanent(url.withPassword(secret), "Access denied for user", secret);
    permanent(url.withDatabase("no_such_db_13"), "Unknown database 'no_such_db_13'", null);
  }

  @Test
  void h2WrongPasswordAndUnknownDatabase(@H2 TestDatabase ignored) throws Exception {
    String name = "pw_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection keep =
        DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "app", "right")) {
      String secret = "Wrong-Pw-13y";
      permanent(
          DatabaseUrl.parse("h2:mem:" + name + "?user=app&password=" + secret),
          "Wrong user name or password",
          secret);
    }
    permanent(
        DatabaseUrl.parse("h2:mem:nosuch_" + name + "?user=sa&IFEXISTS=TRUE"), "not found", null);
  }

  @Test
  void aMissingDriverFailsAtOnceWithDriverNotFound() {
    DatabaseUrl url = DatabaseUrl.parse("mysql+mysqlconnector://u@127.0.0.1:3306/test");
    assertThat(connectFails(url, PoolClass.QUEUE))
        .isInstanceOf(DriverNotFoundException.class)
        .hasMessageContaining("com.mysql:mysql-connector-j");
  }

  @Test
  void aRefusedConnectionTimesOutSayingThePoolCannotOpenConnections() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nobody listens there
    }
    try (Engine e =
        Engine.builder("postgresql://postgres@127.0.0.1:" + port + "/test")
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(2))
            .option(Option.SHUTDOWN_HOOK, false)
            .build()) {
      assertThat(catchThrowable(() -> e.connect().close()))
          .isInstanceOf(PoolTimeoutException.class)
          .hasMessageStartingWith("pool '" + e.name() + "' cannot open connections for 2 s: ")
          .hasMessageContaining("refused")
          .hasMessageNotContaining("exhausted");
    }
  }
}
