package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pool of one connection: whatever state a framework (or plain JDBC) leaves the connection in,
 * the next borrower gets the same server session back with autocommit on, not read-only, the
 * default isolation and the original schema/catalog, as the client and as the server see it.
 */
class CleanStateTest {
  /** What a borrower sees: the client's view and the server's, and which server session it is. */
  record State(
      boolean autoCommit,
      boolean readOnly,
      int isolation,
      String catalog,
      String schema,
      String serverIsolation,
      String serverReadOnly,
      String serverSchema,
      long session) {}

  interface Step {
    void run() throws Exception;
  }

  static State stateOf(Connection c, DatabaseKind kind) throws SQLException {
    String sql =
        kind == POSTGRESQL
            ? "select current_setting('transaction_isolation'),"
                + " current_setting('transaction_read_only'), current_schema(), pg_backend_pid()"
            : "select @@session.tx_isolation, @@session.tx_read_only, database(), connection_id()";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new State(
          c.getAutoCommit(),
          c.isReadOnly(),
          c.getTransactionIsolation(),
          c.getCatalog(),
          c.getSchema(),
          rs.getString(1),
          rs.getString(2),
          rs.getString(3),
          rs.getLong(4));
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void theNextBorrowerSeesCleanStateWhateverTheLastOneLeft(TestDatabase db) throws Exception {
    String name = Its.name(db, "clean");
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name(name)
            .poolSize(1, 0)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(5))
            .build();
    EntityManagerFactory emf = null;
    try {
      DataSource ds = engine.dataSource();
      State clean;
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        clean = stateOf(c, db.kind());
        s.execute("create table it_clean (id int primary key)");
      }
      assertThat(clean.autoCommit()).isTrue();
      assertThat(clean.readOnly()).isFalse();

      Jdbi jdbi = Jdbi.create(ds);
      DSLContext ctx =
          DSL.using(
              ds,
              db.kind() == POSTGRESQL ? org.jooq.SQLDialect.POSTGRES : org.jooq.SQLDialect.MARIADB);
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
      AtomicReference<ResultSet> leftOpen = new AtomicReference<>();
      AtomicReference<Statement> leftOpenStatement = new AtomicReference<>();
      String otherSchema = db.kind() == POSTGRESQL ? "public" : "information_schema";
      String many =
          db.kind() == POSTGRESQL
              ? "select g from generate_series(1, 5000) g"
              : "select seq from seq_1_to_5000";

      Map<String, Step> steps = new LinkedHashMap<>();
      steps.put(
          "JDBC: autocommit off, an insert left uncommitted",
          () -> {
            try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
              c.setAutoCommit(false);
              s.executeUpdate("insert into it_clean values (1)");
            }
          });
      steps.put(
          "JDBC: read-only",
          () -> {
            try (Connection c = ds.getConnection()) {
              c.setReadOnly(true);
            }
          });
      steps.put(
          "JDBC: SERIALIZABLE",
          () -> {
            try (Connection c = ds.getConnection()) {
              c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
          });
      steps.put(
          "JDBC: read-only, SERIALIZABLE, autocommit off and a transaction open",
          () -> {
            try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
              c.setReadOnly(true);
              c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
              c.setAutoCommit(false);
              s.executeQuery("select count(*) from it_clean").close();
            }
          });
      steps.put(
          "JDBC: schema or catalog changed",
          () -> {
            try (Connection c = ds.getConnection()) {
              if (db.kind() == POSTGRESQL) {
                c.setSchema(otherSchema);
                assertThat(c.getSchema()).isEqualTo(otherSchema);
              } else {
                c.setCatalog(otherSchema);
                assertThat(c.getCatalog()).isEqualTo(otherSchema);
              }
            }
          });
      steps.put(
          "JDBC: a statement and a half-read cursor left open",
          () -> {
            Connection c = ds.getConnection();
            c.setAutoCommit(false); // so that pgjdbc streams with the fetch size
            Statement s = c.createStatement();
            s.setFetchSize(10);
            ResultSet rs = s.executeQuery(many);
            assertThat(rs.next()).isTrue();
            leftOpen.set(rs);
            leftOpenStatement.set(s);
            c.close();
          });
      steps.put(
          "Jdbi: a SERIALIZABLE transaction",
          () ->
              jdbi.useTransaction(
                  TransactionIsolationLevel.SERIALIZABLE,
                  h -> h.execute("insert into it_clean values (2)")));
      steps.put(
          "Jdbi: isolation and read-only set on a handle, an iterator left open",
          () -> {
            try (Handle h = jdbi.open()) {
              h.setTransactionIsolationLevel(TransactionIsolationLevel.SERIALIZABLE);
              h.setReadOnly(true);
              ResultIterator<Integer> it =
                  h.createQuery(many).setFetchSize(10).mapTo(Integer.class).iterator();
              assertThat(it.hasNext()).isTrue();
            }
          });
      steps.put(
          "jOOQ: a transaction, then a cursor closed half-read",
          () -> {
            ctx.transaction(
                tx -> DSL.using(tx).insertInto(table(name("it_clean"))).values(3).execute());
            try (Cursor<Record1<Integer>> cursor =
                ctx.select(field(name("id"), Integer.class))
                    .from(table(name("it_clean")))
                    .fetchSize(1)
                    .fetchLazy()) {
              assertThat(cursor.fetchNext()).isNotNull();
            }
          });
      steps.put(
          "jOOQ: autocommit off and SERIALIZABLE on its raw connection",
          () ->
              ctx.connection(
                  c -> {
                    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    c.setAutoCommit(false);
                  }));
      steps.put(
          "Spring: a read-only SERIALIZABLE transaction",
          () -> {
            TransactionTemplate tx = new TransactionTemplate(tm);
            tx.setReadOnly(true);
            tx.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
            tx.executeWithoutResult(
                s -> jdbc.queryForObject("select count(*) from it_clean", Integer.class));
          });
      steps.put(
          "Spring: a nested transaction rolled back to its savepoint",
          () -> {
            TransactionTemplate outer = new TransactionTemplate(tm);
            TransactionTemplate nested = new TransactionTemplate(tm);
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            outer.executeWithoutResult(
                s -> {
                  jdbc.update("insert into it_clean values (4)");
                  nested.executeWithoutResult(
                      n -> {
                        jdbc.update("insert into it_clean values (5)");
                        n.setRollbackOnly();
                      });
                });
          });
      List<EntityManagerFactory> emfs = new ArrayList<>();
      steps.put(
          "Hibernate: a committed and a rolled-back transaction",
          () -> {
            EntityManagerFactory f = HibernateTest.entityManagerFactory(ds);
            emfs.add(f);
            EntityManager em = f.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Account("ada@example.org", "Ada"));
            em.getTransaction().commit();
            em.getTransaction().begin();
            em.persist(new Account("bob@example.org", "Bob"));
            em.getTransaction().rollback();
            em.close();
          });
      // Flyway on PostgreSQL holds two connections at once in every command (its migration
      // connection beside the main one): a pool of one times out there, so it runs on MariaDB only
      if (db.kind() == MARIADB) {
        steps.put(
            "Flyway: clean (the tables above go) and migrate",
            () -> {
              Flyway flyway =
                  Flyway.configure()
                      .dataSource(ds)
                      .locations("classpath:db/it")
                      .cleanDisabled(false)
                      .load();
              flyway.clean();
              assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
            });
      }

      for (Map.Entry<String, Step> step : steps.entrySet()) {
        step.getValue().run();
        assertThat(engine.status().inUse()).as("after %s", step.getKey()).isZero();
        try (Connection next = ds.getConnection()) {
          assertThat(stateOf(next, db.kind())).as("after %s", step.getKey()).isEqualTo(clean);
        }
        assertThat(engine.status().size()).as("after %s", step.getKey()).isOne();
      }
      assertThat(leftOpen.get().isClosed()).as("the cursor left open").isTrue();
      assertThat(leftOpenStatement.get().isClosed()).as("its statement").isTrue();
      if (!emfs.isEmpty()) {
        emf = emfs.get(0);
      }
    } finally {
      if (emf != null) {
        emf.close();
      }
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
