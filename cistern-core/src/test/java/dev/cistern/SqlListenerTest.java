package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.SqlListener.ErrorContext;
import dev.cistern.SqlListener.ExecuteEvent;
import dev.cistern.SqlListener.ExecuteResult;
import dev.cistern.SqlListener.TransactionEvent;
import dev.cistern.testkit.H2;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link SqlListener}: statement, transaction and error events, on H2. */
class SqlListenerTest {

  /** Writes every event as a line; keeps the events and error contexts to look at. */
  static class Recorder implements SqlListener {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<ExecuteEvent> before = Collections.synchronizedList(new ArrayList<>());
    final List<ExecuteResult> after = Collections.synchronizedList(new ArrayList<>());
    final List<ErrorContext> errors = Collections.synchronizedList(new ArrayList<>());
    Consumer<ErrorContext> onError = ctx -> {};

    @Override
    public void beforeExecute(ExecuteEvent e) {
      before.add(e);
      lines.add("before " + e.sql());
    }

    @Override
    public void afterExecute(ExecuteEvent e, ExecuteResult r) {
      after.add(r);
      lines.add("after " + e.sql() + (r.failed() ? " failed" : " rows=" + r.rowCount()));
    }

    @Override
    public void begin(TransactionEvent e) {
      lines.add("begin");
    }

    @Override
    public void commit(TransactionEvent e) {
      lines.add("commit");
    }

    @Override
    public void rollback(TransactionEvent e) {
      lines.add("rollback");
    }

    @Override
    public void savepoint(TransactionEvent e, String name) {
      lines.add("savepoint " + name);
    }

    @Override
    public void rollbackSavepoint(TransactionEvent e, String name) {
      lines.add("rollbackSavepoint " + name);
    }

    @Override
    public void releaseSavepoint(TransactionEvent e, String name) {
      lines.add("releaseSavepoint " + name);
    }

    @Override
    public void handleError(ErrorContext ctx) {
      errors.add(ctx);
      lines.add("error " + ctx.exception().getSQLState() + " disconnect=" + ctx.isDisconnect());
      onError.accept(ctx);
    }
  }

  /** Throws from every event. */
  static class Thrower implements SqlListener {
    @Override
    public void beforeExecute(ExecuteEvent e) {
      throw new IllegalStateException("boom before");
    }

    @Override
    public void afterExecute(ExecuteEvent e, ExecuteResult r) {
      throw new IllegalStateException("boom after");
    }

    @Override
    public void begin(TransactionEvent e) {
      throw new IllegalStateException("boom begin");
    }

    @Override
    public void commit(TransactionEvent e) {
      throw new IllegalStateException("boom commit");
    }

    @Override
    public void rollback(TransactionEvent e) {
      throw new IllegalStateException("boom rollback");
    }

    @Override
    public void handleError(ErrorContext ctx) {
      throw new IllegalStateException("boom error");
    }
  }

  private static Engine.Builder builder(TestDatabase db, int poolSize) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_sqlhooks_" + Long.toHexString(System.nanoTime()))
        .poolSize(poolSize, 0);
  }

  @Test
  void commitAsYouGoFiresBeginExecuteCommitInOrder(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int)");
      c.commit();
      r.lines.clear();
      c.execute("insert into t values (:id)", Map.of("id", 1));
      c.commit();
      assertThat(r.lines)
          .containsExactly(
              "begin",
              "before insert into t values (?)",
              "after insert into t values (?) rows=1",
              "commit");
    }
  }

  @Test
  void blocksAndInTransactionFireBeginAndCommitOrRollback(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build()) {
      engine.useTransaction(c -> c.execute("create table t (id int)"));
      assertThat(r.lines)
          .containsExactly(
              "begin",
              "before create table t (id int)",
              "after create table t (id int) rows=0",
              "commit");
      r.lines.clear();
      try (Transaction tx = engine.begin()) {
        tx.execute("insert into t values (1)");
      } // not committed
      assertThat(r.lines)
          .containsExactly(
              "begin",
              "before insert into t values (1)",
              "after insert into t values (1) rows=1",
              "rollback");
      r.lines.clear();
      try (SqlConnection c = engine.connect()) {
        c.execute("insert into t values (2)");
      } // closed with the transaction open: rolled back
      assertThat(r.lines).first().isEqualTo("begin");
      assertThat(r.lines).last().isEqualTo("rollback");
    }
  }

  @Test
  void savepointsFireTheirEvents(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int)");
      try (Transaction tx = c.beginNested()) {
        c.execute("insert into t values (1)");
        tx.commit();
      }
      try (Transaction tx = c.beginNested()) {
        c.execute("insert into t values (2)");
      }
      c.commit();
      List<String> sp =
          r.lines.stream().filter(l -> l.contains("avepoint") || l.equals("commit")).toList();
      assertThat(sp).hasSize(5);
      assertThat(sp.get(0)).startsWith("savepoint ");
      String first = sp.get(0).substring("savepoint ".length());
      assertThat(sp.get(1)).isEqualTo("releaseSavepoint " + first);
      assertThat(sp.get(2)).startsWith("savepoint ");
      String second = sp.get(2).substring("savepoint ".length());
      assertThat(sp.get(3)).isEqualTo("rollbackSavepoint " + second);
      assertThat(sp.get(4)).isEqualTo("commit");
      assertThat(c.execute("select count(*) from t").scalar(Integer.class)).isEqualTo(1);
    }
  }

  @Test
  void eventsCarryEngineConnectionSqlAndParameters(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int, name varchar(20))");
      c.execute("insert into t values (:id, :name)", Map.of("id", 7, "name", "ann"));
      c.execute("select * from t where id in (:ids)", Map.of("ids", List.of(7, 8)));
      ExecuteEvent insert = r.before.get(1);
      assertThat(insert.engineName()).isEqualTo(engine.name());
      assertThat(insert.connectionId()).isPositive();
      assertThat(insert.sql()).isEqualTo("insert into t values (?, ?)");
      assertThat(insert.parameters()).containsExactly(7, "ann");
      assertThat(insert.parametersHidden()).isFalse();
      assertThat(insert.batch()).isFalse();
      ExecuteEvent select = r.before.get(2);
      assertThat(select.sql()).isEqualTo("select * from t where id in (?, ?)");
      assertThat(select.parameterSets()).containsExactly(List.of(7, 8));
      assertThat(r.before.get(0).parameterSets()).isEmpty();
    }
  }

  @Test
  void hiddenParametersAreNotGiven(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine =
            builder(db, 1).option(Option.HIDE_PARAMETERS, true).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int, secret varchar(20))");
      c.execute("insert into t values (:id, :secret)", Map.of("id", 1, "secret", "s3cr3t"));
      c.executeMany(
          "update t set secret = :secret where id = :id", List.of(Map.of("id", 1, "secret", "x")));
      assertThat(r.before).hasSize(3);
      for (ExecuteEvent e : r.before) {
        assertThat(e.parametersHidden()).isTrue();
        assertThat(e.parameterSets()).isEmpty();
        assertThat(e.parameters()).isEmpty();
        assertThat(e.toString()).doesNotContain("s3cr3t");
      }
    }
  }

  @Test
  void afterExecuteGivesRowCountsAndElapsedTime(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int)");
      c.execute("insert into t values (1), (2), (3)");
      c.execute("update t set id = id + 10 where id < 3");
      c.execute("select * from t").all();
      try (Result streamed = c.sql("select * from t").fetchSize(1).execute()) {
        assertThat(streamed.all()).hasSize(3);
      }
      assertThat(r.after).extracting(ExecuteResult::rowCount).containsExactly(0L, 3L, 2L, 3L, -1L);
      assertThat(r.after)
          .allSatisfy(
              x -> {
                assertThat(x.elapsed().isNegative()).isFalse();
                assertThat(x.failed()).isFalse();
              });
    }
  }

  @Test
  void executeManyIsReportedPerRoundTripAsABatch(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).option(Option.BATCH_SIZE, 2).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int, name varchar(10))");
      r.before.clear();
      r.after.clear();
      // a single-row INSERT becomes multi-row INSERTs on H2: 2 + 1 rows
      c.executeMany(
          "insert into t (id, name) values (:id, :name)",
          List.of(
              Map.of("id", 1, "name", "a"),
              Map.of("id", 2, "name", "b"),
              Map.of("id", 3, "name", "c")));
      assertThat(r.before).hasSize(2).allSatisfy(e -> assertThat(e.batch()).isTrue());
      assertThat(r.before.get(0).sql()).isEqualTo("insert into t (id, name) values (?, ?), (?, ?)");
      assertThat(r.before.get(0).parameterSets()).containsExactly(List.of(1, "a", 2, "b"));
      assertThat(r.after).extracting(ExecuteResult::rowCount).containsExactly(2L, 1L);
      r.before.clear();
      r.after.clear();
      // anything else goes as JDBC batches: one parameter set per row
      c.executeMany(
          "update t set name = :name where id = :id",
          List.of(
              Map.of("id", 1, "name", "x"),
              Map.of("id", 2, "name", "y"),
              Map.of("id", 3, "name", "z")));
      assertThat(r.before).hasSize(2).allSatisfy(e -> assertThat(e.batch()).isTrue());
      assertThat(r.before.get(0).sql()).isEqualTo("update t set name = ? where id = ?");
      assertThat(r.before.get(0).parameterSets()).containsExactly(List.of("x", 1), List.of("y", 2));
      assertThat(r.before.get(1).parameterSets()).containsExactly(List.of("z", 3));
      assertThat(r.after).extracting(ExecuteResult::rowCount).containsExactly(2L, 1L);
    }
  }

  @Test
  void listenersAddedAndRemovedAfterBuildTakeEffectAtTheNextEvent(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).build();
        SqlConnection c = engine.connect()) {
      c.execute("select 1");
      engine.addSqlListener(r); // on a connection borrowed before
      c.execute("select 2");
      assertThat(engine.removeSqlListener(r)).isTrue();
      assertThat(engine.removeSqlListener(r)).isFalse();
      c.execute("select 3");
      assertThat(r.before).extracting(ExecuteEvent::sql).containsExactly("select 2");
      assertThat(r.after).hasSize(1);
    }
  }

  @Test
  void aThrowingListenerBreaksNothingAndOthersStillHear(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(new Thrower()).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      c.execute("create table t (id int)");
      c.execute("insert into t values (1)");
      c.commit();
      assertThat(c.execute("select count(*) from t").scalar(Integer.class)).isEqualTo(1);
      c.rollback();
      assertThatThrownBy(() -> c.execute("selec nonsense"))
          .isExactlyInstanceOf(StatementException.class);
      assertThat(c.isInvalidated()).isFalse();
      assertThat(r.lines).contains("commit", "rollback");
      assertThat(r.errors).singleElement().satisfies(x -> assertThat(x.isDisconnect()).isFalse());
    }
  }

  @Test
  void handleErrorSeesASyntaxErrorAsNoDisconnect(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      assertThatThrownBy(() -> c.execute("selec 1 from nowhere"))
          .isExactlyInstanceOf(StatementException.class);
      ErrorContext ctx = r.errors.get(0);
      assertThat(r.errors).hasSize(1);
      assertThat(ctx.engineName()).isEqualTo(engine.name());
      assertThat(ctx.sql()).isEqualTo("selec 1 from nowhere");
      assertThat(ctx.isDisconnect()).isFalse();
      assertThat(ctx.isDialectDisconnect()).isFalse();
      assertThat(ctx.exception().getSQLState()).startsWith("42");
      // begin, before, error, after (with the caller's exception)
      assertThat(r.lines)
          .containsExactly(
              "begin",
              "before selec 1 from nowhere",
              "error " + ctx.exception().getSQLState() + " disconnect=false",
              "after selec 1 from nowhere failed");
      assertThat(r.after.get(0).error()).isInstanceOf(StatementException.class);
      assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
    }
  }

  @Test
  void handleErrorSeesErrorsOfDataSourceBorrowers(@H2 TestDatabase db) throws SQLException {
    Recorder r = new Recorder();
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        Connection c = engine.dataSource().getConnection()) {
      assertThatThrownBy(() -> c.prepareStatement("selec 2")).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> c.createStatement().execute("selec 3"))
          .isInstanceOf(SQLException.class);
      assertThat(r.errors).extracting(ErrorContext::sql).containsExactly("selec 2", "selec 3");
      assertThat(r.before).isEmpty(); // the JDBC view's own statements are not engine statements
    }
  }

  @Test
  void anErrorReclassifiedAsADisconnectInvalidatesTheConnection(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    r.onError = ctx -> ctx.disconnect(ctx.sql() != null && ctx.sql().contains("fail_over"));
    try (Engine engine = builder(db, 1).sqlListener(r).build()) {
      try (SqlConnection c = engine.connect()) {
        c.execute("select 1");
        assertThatThrownBy(() -> c.execute("select fail_over from nowhere"))
            .isInstanceOf(DisconnectedException.class)
            .hasMessageContaining("invalidated");
        assertThat(c.isInvalidated()).isTrue();
      }
      long before = r.before.get(0).connectionId();
      try (SqlConnection c = engine.connect()) {
        c.execute("select 2");
      }
      assertThat(r.before.get(r.before.size() - 1).connectionId()).isNotEqualTo(before);
    }
  }

  @Test
  void invalidatePoolFalseKeepsTheOtherConnections(@H2 TestDatabase db) {
    assertThat(connectionsAfterADisconnect(db, false)).hasSize(1); // one of the two is kept
    assertThat(connectionsAfterADisconnect(db, true)).isEmpty(); // all replaced (the default)
  }

  /**
   * Borrows two connections, makes a disconnect on the first; returns the ids of the two borrowed
   * next that were there before.
   */
  private static Set<Long> connectionsAfterADisconnect(TestDatabase db, boolean invalidatePool) {
    Recorder r = new Recorder();
    r.onError =
        ctx -> {
          ctx.disconnect(true);
          ctx.invalidatePool(invalidatePool);
        };
    try (Engine engine = builder(db, 2).sqlListener(r).build()) {
      Set<Long> before = new HashSet<>();
      try (SqlConnection a = engine.connect();
          SqlConnection b = engine.connect()) {
        a.execute("select 1");
        b.execute("select 1");
        before.add(r.before.get(0).connectionId());
        before.add(r.before.get(1).connectionId());
        assertThatThrownBy(() -> a.execute("selec broken"))
            .isInstanceOf(DisconnectedException.class);
      }
      r.before.clear();
      Set<Long> after = new HashSet<>();
      try (SqlConnection a = engine.connect();
          SqlConnection b = engine.connect()) {
        a.execute("select 1");
        b.execute("select 1");
        after.add(r.before.get(0).connectionId());
        after.add(r.before.get(1).connectionId());
      }
      after.retainAll(before);
      return after;
    }
  }

  @Test
  void aListenerMayReplaceTheException(@H2 TestDatabase db) {
    Recorder r = new Recorder();
    SQLException mine = new SQLException("translated by the listener", "XX001");
    r.onError = ctx -> ctx.replaceWith(mine);
    try (Engine engine = builder(db, 1).sqlListener(r).build();
        SqlConnection c = engine.connect()) {
      assertThatThrownBy(() -> c.execute("selec 1"))
          .isExactlyInstanceOf(StatementException.class)
          .hasMessageContaining("translated by the listener")
          .hasCause(mine);
    }
  }
}
