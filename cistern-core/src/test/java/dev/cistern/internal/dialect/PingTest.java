package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PingTest {
  /** A connection whose isValid records its argument and answers {@code answer}. */
  private static Connection recording(List<Integer> seconds, Object answer) {
    return (Connection)
        Proxy.newProxyInstance(
            PingTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("isValid")) {
                seconds.add((Integer) args[0]);
                if (answer instanceof SQLException) {
                  throw (SQLException) answer;
                }
                return answer;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void timeoutIsRoundedUpToWholeSecondsAndAtLeastOne() {
    List<Integer> seconds = new ArrayList<>();
    Connection c = recording(seconds, true);
    Dialect d = Dialects.find("postgresql").orElseThrow();
    for (Duration t :
        List.of(
            Duration.ZERO,
            Duration.ofMillis(1),
            Duration.ofSeconds(1),
            Duration.ofMillis(1001),
            Duration.ofMillis(2500),
            Duration.ofSeconds(-3),
            Duration.ofDays(100_000))) {
      assertThat(d.ping(c, t)).isTrue();
    }
    assertThat(seconds).containsExactly(1, 1, 1, 2, 3, 1, Integer.MAX_VALUE / 1000);
  }

  @Test
  void anInvalidOrFailingConnectionIsNotAlive() {
    List<Integer> seconds = new ArrayList<>();
    Dialect d = Dialects.find("h2").orElseThrow();
    assertThat(d.ping(recording(seconds, false), Duration.ofSeconds(2))).isFalse();
    assertThat(d.ping(recording(seconds, new SQLException("closed", "08003")), Duration.ZERO))
        .isFalse();
    assertThat(seconds).containsExactly(2, 1);
  }
}
