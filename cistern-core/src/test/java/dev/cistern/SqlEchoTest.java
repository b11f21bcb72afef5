package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.internal.engine.EngineHooks;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.RecordingLogger;
import dev.cistern.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** {@code echo} logs statements; {@code hideParameters} keeps values out of logs and errors. */
class SqlEchoTest {
  private static final String CANARY = "s3cr3t-CANARY-9f1c";

  private static Engine engine(TestDatabase db, RecordingLogger log, boolean echo, boolean hide) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_echo_" + Long.toHexString(System.nanoTime()))
        .poolSize(1, 0)
        .option(Option.ECHO, echo)
        .option(Option.HIDE_PARAMETERS, hide)
        .hooks(EngineHooks.DEFAULT.sqlLog(log))
        .build();
  }

  @Test
  void echoLogsStatementParametersAndTime(@H2 TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    try (Engine engine = engine(db, log, true, false);
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int, secret varchar(50))");
      c.execute("insert into t values (:id, :secret)", Map.of("id", 1, "secret", "visible"));
      c.execute("select * from t where id = :id", Map.of("id", 1)).all();
      c.executeMany("insert into t values (:id, :secret)", List.of(Map.of("id", 2, "secret", "s")));
    }
    List<String> info = log.at(Level.INFO);
    assertThat(info).hasSize(4);
    assertThat(info.get(1))
        .contains("insert into t values (:id, :secret)")
        .contains("id=1")
        .contains("secret='visible'")
        .containsPattern("\\d+\\.\\d{3} ms")
        .contains("1 rows affected");
    assertThat(info.get(2)).contains("select * from t where id = :id").contains("{id=1}");
    assertThat(info.get(3)).contains("1 parameter sets");
  }

  @Test
  void withoutEchoStatementsGoToDebugOnly(@H2 TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    try (Engine engine = engine(db, log, false, false);
        SqlConnection c = engine.connect()) {
      c.execute("select 1");
    }
    assertThat(log.at(Level.INFO)).isEmpty();
    assertThat(log.at(Level.DEBUG)).singleElement().asString().contains("select 1");
  }

  @Test
  void hiddenParametersStayOutOfLogsAndErrors(@H2 TestDatabase db) {
    assertHidden(db);
  }

  @Test
  void hiddenParametersStayOutOfPostgresErrors(@Postgres TestDatabase db) {
    assertHidden(db);
  }

  private static void assertHidden(TestDatabase db) {
    RecordingLogger log = new RecordingLogger();
    StatementException e;
    try (Engine engine = engine(db, log, true, true);
        SqlConnection c = engine.connect()) {
      c.execute("create table t (secret varchar(50) primary key)");
      c.execute("insert into t values (:secret)", Map.of("secret", CANARY));
      c.commit();
      // the driver quotes the duplicate value in its own message; it must not get through
      e =
          SqlExecuteTest.catchStatement(
              () -> c.execute("insert into t values (:secret)", Map.of("secret", CANARY)));
      c.rollback();
      StatementException cast =
          SqlExecuteTest.catchStatement(
              () -> c.execute("select cast(:v as int)", Map.of("v", CANARY)));
      assertThat(describe(cast)).doesNotContain(CANARY);
    }
    assertThat(e.parametersHidden()).isTrue();
    assertThat(e.parameters()).isEmpty();
    assertThat(e.getMessage()).contains("[parameters: [hidden by hideParameters]]");
    assertThat(describe(e)).doesNotContain(CANARY);
    assertThat(log.lines).isNotEmpty().noneMatch(l -> l.contains(CANARY));
    assertThat(log.lines).anyMatch(l -> l.contains("[hidden by hideParameters]"));
  }

  /** Every message and toString in the exception's cause chain. */
  private static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append('\n');
      for (Throwable s : c.getSuppressed()) {
        b.append(describe(s));
      }
      if (c instanceof java.sql.SQLException sql && sql.getNextException() != null) {
        b.append(describe(sql.getNextException()));
      }
    }
    return b.toString();
  }
}
