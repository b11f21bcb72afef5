package dev.cistern.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestServersTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private TestServers servers() {
    return new TestServers(env::get, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unreachableServerIsSkippedWithOneNoticeOutsideCi() {
    env.put("CISTERN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:1/test");
    TestServers servers = servers();

    assertThat(servers.isCi()).isFalse();
    assertThatThrownBy(() -> servers.require(DatabaseKind.POSTGRESQL))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("PostgreSQL at 127.0.0.1:1 is not reachable (")
        .hasMessageContaining("skipping PostgreSQL tests")
        .hasMessageEndingWith("Start it or set CISTERN_TEST_POSTGRES_URL.");
    assertThatThrownBy(() -> servers.require(DatabaseKind.POSTGRESQL))
        .isInstanceOf(TestAbortedException.class);

    assertThat(stderr().lines())
        .singleElement()
        .asString()
        .startsWith("cistern-testkit: PostgreSQL at 127.0.0.1:1 is not reachable (")
        .contains("refused");
  }

  @Test
  void unreachableServerFailsTheTestWhenCiIsTrue() {
    env.put("CI", "true");
    env.put("CISTERN_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:1/test?user=root");
    TestServers servers = servers();

    assertThat(servers.isCi()).isTrue();
    assertThatThrownBy(() -> servers.require(DatabaseKind.MARIADB))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("MariaDB at 127.0.0.1:1 is not reachable")
        .hasMessageContaining("CI=true")
        .hasMessageContaining("CISTERN_TEST_MARIADB_URL");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void ciOtherThanTrueStillSkips() {
    env.put("CI", "false");
    env.put("CISTERN_TEST_MARIADB_URL", "mariadb://root@127.0.0.1:1/test");
    assertThatThrownBy(() -> servers().require(DatabaseKind.MARIADB))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void defaultsApplyWithoutEnvironment() {
    TestServers servers = servers();
    assertThat(servers.endpoint(DatabaseKind.POSTGRESQL).toString())
        .isEqualTo("postgresql://postgres@127.0.0.1:5432/test");
    assertThat(servers.endpoint(DatabaseKind.MARIADB).toString())
        .isEqualTo("mariadb://root@127.0.0.1:3306/test");
    assertThat(servers.unavailableReason(DatabaseKind.H2)).isEmpty();
  }

  @Test
  void reachableServerIsReturnedWithoutNotice() {
    TestServers real = TestServers.shared();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        real.unavailableReason(DatabaseKind.POSTGRESQL).isEmpty(), "PostgreSQL is down");
    env.put("CISTERN_TEST_POSTGRES_URL", real.endpoint(DatabaseKind.POSTGRESQL).toString());
    assertThat(servers().require(DatabaseKind.POSTGRESQL).address())
        .isEqualTo(real.endpoint(DatabaseKind.POSTGRESQL).address());
    assertThat(stderr()).isEmpty();
  }
}
