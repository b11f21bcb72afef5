package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cistern.PoolClass;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.dialect.ServerLimits;
import dev.cistern.internal.pool.ListenerSet;
import dev.cistern.testkit.RecordingLogger;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The sizing guard on its own: bounds, the share, one WARN, failures that skip. */
class SizingCheckTest {
  private static final ServerLimits PG_100 =
      new ServerLimits(
          "max_connections",
          100,
          List.of(new ServerLimits.Reserved("superuser_reserved_connections", 3)),
          "");

  /** A connection in auto-commit mode that records the other methods called on it. */
  private static Connection connection(boolean autoCommit, List<String> calls) {
    return (Connection)
        Proxy.newProxyInstance(
            SizingCheckTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) -> {
              if (m.getName().equals("getAutoCommit")) {
                return autoCommit;
              }
              calls.add(m.getName());
              if (m.getName().equals("createStatement")) {
                throw new SQLException("permission denied for pg_settings", "42501");
              }
              return null;
            });
  }

  private static SizingCheck check(
      SizingCheck.Bound bound, SizingCheck.LimitsReader reader, RecordingLogger log) {
    return new SizingCheck("orders", bound, reader, log, null);
  }

  @Test
  void boundsOfEachPoolKind() {
    assertThat(SizingCheck.bound(PoolClass.QUEUE, 5, 10))
        .isEqualTo(new SizingCheck.Bound(15, "poolSize 5 + maxOverflow 10 = 15", null));
    assertThat(SizingCheck.bound(PoolClass.QUEUE, 0, 10).unbounded()).isTrue();
    assertThat(SizingCheck.bound(PoolClass.QUEUE, 5, -1).text())
        .isEqualTo("maxOverflow -1: no limit");
    SizingCheck.Bound huge =
        SizingCheck.bound(PoolClass.QUEUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertThat(huge.connections()).as("saturates, no overflow").isEqualTo(Integer.MAX_VALUE);
    assertThat(huge.text()).endsWith("= 4294967294");
    assertThat(SizingCheck.exceeds(huge.connections(), 97)).isTrue();
    assertThat(SizingCheck.bound(PoolClass.STATIC, 5, 10).connections()).isEqualTo(1);
    assertThat(SizingCheck.bound(PoolClass.ASSERTION, 5, 10).connections()).isEqualTo(1);
    assertThat(SizingCheck.bound(PoolClass.NULL, 5, 10).skip()).contains("poolClass NULL");
    assertThat(SizingCheck.bound(PoolClass.SINGLETON_THREAD, 5, 10).skip())
        .contains("one connection per thread");
  }

  @Test
  void theShareIsHalfOfTheAvailableConnections() {
    assertThat(SizingCheck.SHARE_PERCENT).isEqualTo(50);
    assertThat(SizingCheck.exceeds(48, 97)).isFalse();
    assertThat(SizingCheck.exceeds(49, 97)).isTrue();
    assertThat(SizingCheck.exceeds(50, 100)).isFalse();
    assertThat(SizingCheck.exceeds(51, 100)).isTrue();
    assertThat(SizingCheck.exceeds(-1, 100_000)).as("unbounded").isTrue();
    assertThat(SizingCheck.exceeds(Integer.MAX_VALUE, Integer.MAX_VALUE)).isTrue();
    assertThat(SizingCheck.percent(15, 97)).isEqualTo(15);
    assertThat(SizingCheck.percent(60, 97)).isEqualTo(62);
  }

  @Test
  void warnsOnceNamingTheEngineTheNumbersAndTheFix() {
    RecordingLogger log = new RecordingLogger();
    AtomicInteger reads = new AtomicInteger();
    SizingCheck c =
        check(
            SizingCheck.bound(PoolClass.QUEUE, 60, 0),
            first -> {
              reads.incrementAndGet();
              return Optional.of(PG_100);
            },
            log);
    c.check(connection(true, new ArrayList<>()));
    c.check(connection(true, new ArrayList<>()));

    assertThat(reads).as("one read per engine").hasValue(1);
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .isEqualTo(
            "WARN engine 'orders' may open up to poolSize 60 + maxOverflow 0 = 60 connections, 62%"
                + " of the 97 the server accepts (max_connections 100 -"
                + " superuser_reserved_connections 3 = 97 available); more than 50% leaves no room"
                + " for another instance: N instances of this application open up to N x 60; lower"
                + " poolSize/maxOverflow or put PgBouncer in front: see README 'Sizing and scaling"
                + " out'");
  }

  @Test
  void anUnboundedPoolWarns() {
    RecordingLogger log = new RecordingLogger();
    check(SizingCheck.bound(PoolClass.QUEUE, 0, 0), first -> Optional.of(PG_100), log)
        .check(connection(true, new ArrayList<>()));
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .contains("may open any number of connections (poolSize 0: no limit), more than the 97");
  }

  @Test
  void withinTheShareOnlyDebug() {
    RecordingLogger log = new RecordingLogger();
    check(SizingCheck.bound(PoolClass.QUEUE, 5, 10), first -> Optional.of(PG_100), log)
        .check(connection(true, new ArrayList<>()));
    assertThat(log.at(Level.WARN)).isEmpty();
    assertThat(log.at(Level.DEBUG))
        .singleElement()
        .asString()
        .isEqualTo(
            "DEBUG engine 'orders': sizing: poolSize 5 + maxOverflow 10 = 15 of max_connections"
                + " 100 - superuser_reserved_connections 3 = 97 available (15%)");
  }

  @Test
  void aFailedReadIsDebugAndNeverThrows() {
    RecordingLogger log = new RecordingLogger();
    List<String> calls = new ArrayList<>();
    Dialect pg = Dialects.find("postgresql").orElseThrow();
    SizingCheck c = check(SizingCheck.bound(PoolClass.QUEUE, 60, 0), pg::serverLimits, log);

    assertThatCode(() -> c.check(connection(true, calls))).doesNotThrowAnyException();

    assertThat(log.at(Level.WARN)).isEmpty();
    assertThat(log.at(Level.DEBUG))
        .singleElement()
        .asString()
        .contains("sizing check skipped: cannot read the server's connection limit")
        .contains("permission denied for pg_settings");
    assertThat(calls).containsExactly("createStatement");
  }

  @Test
  void aReaderThatThrowsARuntimeExceptionIsSkippedToo() {
    RecordingLogger log = new RecordingLogger();
    SizingCheck c =
        check(
            SizingCheck.bound(PoolClass.QUEUE, 60, 0),
            first -> {
              throw new IllegalStateException("driver bug");
            },
            log);
    assertThatCode(() -> c.check(connection(true, new ArrayList<>()))).doesNotThrowAnyException();
    assertThat(log.at(Level.DEBUG)).singleElement().asString().contains("driver bug");
  }

  @Test
  void withoutAutoCommitTheReadingIsRolledBack() {
    List<String> calls = new ArrayList<>();
    check(
            SizingCheck.bound(PoolClass.QUEUE, 5, 10),
            first -> Optional.of(PG_100),
            new RecordingLogger())
        .check(connection(false, calls));
    assertThat(calls).containsExactly("rollback");
  }

  @Test
  void poolKindsWithoutABoundAreSkippedWithTheReason() {
    RecordingLogger log = new RecordingLogger();
    AtomicInteger reads = new AtomicInteger();
    check(
            SizingCheck.bound(PoolClass.NULL, 5, 10),
            first -> {
              reads.incrementAndGet();
              return Optional.of(PG_100);
            },
            log)
        .check(connection(true, new ArrayList<>()));
    assertThat(reads).as("nothing is read").hasValue(0);
    assertThat(log.at(Level.DEBUG))
        .singleElement()
        .asString()
        .contains("skipped: poolClass NULL opens one connection per concurrent checkout");
  }

  @Test
  void itLeavesTheListenerSetAfterRunning() {
    ListenerSet set = ListenerSet.empty();
    SizingCheck c =
        new SizingCheck(
            "orders",
            SizingCheck.bound(PoolClass.QUEUE, 5, 10),
            first -> Optional.empty(),
            new RecordingLogger(),
            set);
    set.add(c);
    c.run(connection(true, new ArrayList<>()));
    assertThat(set.remove(l -> l == c)).as("already removed").isFalse();
    assertThat(set.toString()).isEqualTo("ListenerSet[]");
  }
}
