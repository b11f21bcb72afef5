package dev.cistern;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SQLAlchemy's connection API that Cistern lacked: {@code info}, soft invalidation, the isolation
 * level getters and {@code engine.execution_options(...)} ({@link Engine#withOptions}).
 */
class SqlConnectionApiTest {

  private static Engine.Builder builder(TestDatabase db) {
    return Engine.builder(db.cisternUrl())
        .name("cistern_api_" + Long.toHexString(System.nanoTime()))
        .poolSize(1, 0);
  }

  private static long serverPid(SqlConnection c, TestDatabase db) {
    String sql =
        switch (db.kind()) {
          case POSTGRESQL -> "select pg_backend_pid()";
          case MARIADB -> "select connection_id()";
          default -> "select session_id()";
        };
    return c.execute(sql).scalar(Long.class);
  }

  // ---- info ----

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy connection.info is the ConnectionRecord's: it survives checkouts of the same"
          + " physical connection and is gone when that connection is replaced")
  void infoLivesWithThePhysicalConnection(TestDatabase db) {
    try (Engine engine = builder(db).build()) {
      long pid;
      try (SqlConnection c = engine.connect()) {
        pid = serverPid(c, db);
        c.info().put("set-up", pid);
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(serverPid(c, db)).as("same physical connection (pool of one)").isEqualTo(pid);
        assertThat(c.info()).containsEntry("set-up", pid);
        c.invalidate(); // hard: closed now
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(serverPid(c, db)).isNotEqualTo(pid);
        assertThat(c.info()).as("a replacement starts empty").isEmpty();
        c.info().put("k", "v");
      }
      engine
          .core()
          .pool()
          .softInvalidateAll(null); // as after a disconnect: replaced at next checkout
      try (SqlConnection c = engine.connect()) {
        assertThat(c.info()).as("recycled: empty again").isEmpty();
      }
    }
  }

  @Test
  @DisplayName("SQLAlchemy NullPool: a new ConnectionRecord, so a new info, at every checkout")
  void infoWithTheNullPoolIsPerCheckout() {
    try (TestDatabase db = TestDatabase.createH2();
        Engine engine = builder(db).option(Option.POOL_CLASS, PoolClass.NULL).build()) {
      try (SqlConnection c = engine.connect()) {
        c.info().put("k", "v");
        assertThat(c.info()).containsEntry("k", "v");
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.info()).isEmpty();
      }
    }
  }

  // ---- invalidate(soft), isInvalidated ----

  @OnEachDatabase({POSTGRESQL, MARIADB, H2})
  @DisplayName(
      "SQLAlchemy invalidate(soft=True): the connection stays usable now and is replaced, not"
          + " pooled, once returned")
  void softInvalidationReplacesOnReturn(TestDatabase db) {
    try (Engine engine = builder(db).build()) {
      long pid;
      try (SqlConnection c = engine.connect()) {
        pid = serverPid(c, db);
        c.info().put("k", "v");
        c.invalidate(true);
        assertThat(c.isInvalidated()).as("soft: still usable").isFalse();
        assertThat(c.isClosed()).isFalse();
        assertThat(c.execute("select 1").scalar(Integer.class)).isEqualTo(1);
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(serverPid(c, db)).as("a fresh physical connection").isNotEqualTo(pid);
        assertThat(c.info()).isEmpty();
      }
      assertThat(engine.status().inUse()).isZero();
    }
  }

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy Connection.invalidated: true after invalidate(), and the connection is unusable")
  void hardInvalidation(TestDatabase db) {
    try (Engine engine = builder(db).build()) {
      SqlConnection c = engine.connect();
      assertThat(c.isInvalidated()).isFalse();
      c.invalidate(false);
      assertThat(c.isInvalidated()).isTrue();
      assertThatThrownBy(() -> c.execute("select 1")).isInstanceOf(CisternException.class);
      c.close();
      assertThat(engine.status().inUse()).isZero();
    }
  }

  // ---- isolation levels ----

  @OnEachDatabase({POSTGRESQL, MARIADB, H2})
  @DisplayName(
      "SQLAlchemy get_isolation_level() and default_isolation_level: the driver's default, the"
          + " per-checkout level, and back on return")
  void isolationLevelNowAndByDefault(TestDatabase db) {
    IsolationLevel driverDefault =
        db.kind() == DatabaseKind.MARIADB
            ? IsolationLevel.REPEATABLE_READ
            : IsolationLevel.READ_COMMITTED;
    try (Engine engine = builder(db).build()) {
      assertThat(engine.defaultIsolationLevel()).isEqualTo(driverDefault);
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).isEqualTo(driverDefault);
        c.isolation(IsolationLevel.SERIALIZABLE);
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        c.execute("select 1");
        assertThat(c.isolationLevel())
            .as("inside the transaction")
            .isEqualTo(IsolationLevel.SERIALIZABLE);
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).as("reverted on return").isEqualTo(driverDefault);
        c.isolation(IsolationLevel.AUTOCOMMIT);
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      }
      assertThat(engine.defaultIsolationLevel()).isEqualTo(driverDefault);
    }
    try (Engine engine =
        builder(db).option(Option.ISOLATION_LEVEL, IsolationLevel.SERIALIZABLE).build()) {
      assertThat(engine.defaultIsolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
      }
    }
    try (Engine engine =
        builder(db).option(Option.ISOLATION_LEVEL, IsolationLevel.AUTOCOMMIT).build()) {
      assertThat(engine.defaultIsolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      }
    }
  }

  // ---- withOptions ----

  @OnEachDatabase({POSTGRESQL, H2})
  @DisplayName(
      "SQLAlchemy engine.execution_options(): a view sharing the pool, its options applied at"
          + " checkout and reverted on return")
  void withOptionsSharesThePoolAndAppliesItsOptions(TestDatabase db) {
    try (Engine engine = builder(db).build()) {
      IsolationLevel normal = engine.defaultIsolationLevel();
      EngineView view =
          engine.withOptions(
              ExecutionOptions.defaults()
                  .isolationLevel(IsolationLevel.SERIALIZABLE)
                  .statementTimeout(Duration.ofSeconds(7))
                  .fetchSize(50));
      assertThat(view.engine()).isSameAs(engine);
      try (SqlConnection c = view.connect()) {
        assertThat(engine.status().inUse()).as("borrowed from the engine's pool").isEqualTo(1);
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        assertThat(c.statementTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.fetchSize()).isEqualTo(50);
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.isolationLevel()).as("reverted on return").isEqualTo(normal);
        assertThat(c.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(c.fetchSize()).isZero();
      }
      EngineView autocommit =
          view.withOptions(ExecutionOptions.defaults().isolationLevel(IsolationLevel.AUTOCOMMIT));
      assertThat(autocommit.options().fetchSize()).as("merged").isEqualTo(50);
      IsolationLevel inTx = view.inTransaction(SqlConnection::isolationLevel);
      assertThat(inTx).isEqualTo(IsolationLevel.SERIALIZABLE);
      try (Transaction tx = view.begin()) {
        assertThat(tx.connection().isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
      }
      try (SqlConnection c = autocommit.connect()) {
        assertThat(c.isolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      }
      assertThat(engine.status().inUse()).isZero();
      engine.close();
      assertThatThrownBy(view::connect)
          .as("the view lives and dies with its engine")
          .isInstanceOf(EngineClosedException.class);
    }
  }

  @Test
  @DisplayName(
      "SQLAlchemy execution_options(postgresql_readonly=True): read-only through the view only")
  void aReadOnlyView(@Postgres TestDatabase db) {
    try (Engine engine = builder(db).build()) {
      try (SqlConnection c = engine.connect()) {
        c.execute("create table items (id int)");
        c.commit();
      }
      EngineView readOnly = engine.withOptions(ExecutionOptions.defaults().readOnly(true));
      try (SqlConnection c = readOnly.connect()) {
        assertThatThrownBy(() -> c.execute("insert into items (id) values (1)"))
            .isInstanceOf(StatementException.class)
            .hasMessageContaining("read-only");
      }
      try (SqlConnection c = engine.connect()) {
        assertThat(c.execute("insert into items (id) values (1)").rowCount()).isEqualTo(1);
        c.commit();
      }
    }
  }

  @Test
  void executionOptionsAreValidatedAndPrintable() {
    assertThatThrownBy(() -> ExecutionOptions.defaults().fetchSize(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> ExecutionOptions.defaults().statementTimeout(Duration.ofSeconds(-2)))
        .hasMessageContaining("PT-2S");
    ExecutionOptions o = ExecutionOptions.defaults().readOnly(true).fetchSize(10);
    assertThat(o).hasToString("ExecutionOptions(readOnly=true, fetchSize=10)");
    assertThat(o).isEqualTo(ExecutionOptions.defaults().fetchSize(10).readOnly(true));
    assertThat(ExecutionOptions.defaults().isolationLevel()).isNull();
  }
}
