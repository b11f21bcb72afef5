package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.Awaits;
import dev.cistern.testkit.stub.StubDatabase;
import dev.cistern.testkit.stub.StubDriver;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code registerMbeans}: the engine's MXBean, read and driven through the platform server. */
class EngineJmxTest {
  private final String name = "jmx-" + System.nanoTime();
  private final StubDatabase db = StubDatabase.named(name);
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private Engine engine;

  private Engine engine(boolean register) {
    StubDriver.register();
    engine =
        Engine.builder(StubDriver.url(name))
            .name(name)
            .poolSize(2, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(1))
            .option(Option.REGISTER_MBEANS, register)
            .build();
    return engine;
  }

  private ObjectName objectName() throws Exception {
    return new ObjectName("dev.cistern:type=Engine,name=" + ObjectName.quote(name));
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close(Duration.ZERO);
    }
    StubDatabase.reset(name);
  }

  @Test
  void theBeanShowsThePoolAndDrivesTheEngine() throws Exception {
    Engine e = engine(true);
    assertThat(server.isRegistered(objectName())).isTrue();
    EngineMXBean bean = JMX.newMXBeanProxy(server, objectName(), EngineMXBean.class);
    assertThat(bean.getName()).isEqualTo(name);
    assertThat(bean.getPoolSize()).isEqualTo(2);
    assertThat(bean.getMaxOverflow()).isZero();
    assertThat(bean.getSize()).isZero();

    SqlConnection held = e.connect();
    assertThat(bean.getInUse()).isEqualTo(1);
    assertThat(bean.getSize()).isEqualTo(1);

    bean.suspend();
    assertThatThrownBy(e::connect).isInstanceOf(PoolTimeoutException.class);
    bean.resume();
    held.close();
    assertThat(bean.getInUse()).isZero();
    assertThat(bean.getIdle())
        .as("all open connections idle")
        .isEqualTo(bean.getSize())
        .isPositive();

    long opened = db.openedTotal();
    bean.softEvict(); // the idle connection is replaced at its next checkout
    try (SqlConnection c = e.connect()) {
      assertThat(c.isClosed()).isFalse();
    }
    assertThat(db.openedTotal()).as("a stale connection was replaced").isGreaterThan(opened);

    bean.dispose(); // idle connections closed at once
    assertThat(db.liveConnections()).isZero();
    assertThat(bean.isClosed()).isFalse();

    e.close(Duration.ZERO);
    assertThat(server.isRegistered(objectName())).as("unregistered at close").isFalse();
  }

  @Test
  void offByDefault() throws Exception {
    engine(false);
    assertThat(server.isRegistered(objectName())).isFalse();
  }

  @Test
  void aSecondEngineOfTheSameNameIsRefusedAndTheFirstStaysRegistered() throws Exception {
    engine(true);
    assertThatThrownBy(
            () ->
                Engine.builder(StubDriver.url(name))
                    .name(name)
                    .option(Option.REGISTER_MBEANS, true)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is registered already")
        .hasMessageContaining("distinct names");
    assertThat(server.isRegistered(objectName())).isTrue();
    assertThat(JMX.newMXBeanProxy(server, objectName(), EngineMXBean.class).isClosed()).isFalse();
  }

  @Test
  void anEngineDroppedWithoutCloseIsStillClosedByItsCleanerAndUnregistered() throws Exception {
    dropRegistered();
    Awaits.untilCollected("closed and unregistered", () -> !isRegisteredQuietly());
  }

  private void dropRegistered() {
    StubDriver.register();
    Engine dropped =
        Engine.builder(StubDriver.url(name))
            .name(name)
            .option(Option.REGISTER_MBEANS, true)
            .build();
    dropped.connect().close();
  }

  private boolean isRegisteredQuietly() {
    try {
      return server.isRegistered(objectName());
    } catch (Exception e) {
      return true;
    }
  }
}
