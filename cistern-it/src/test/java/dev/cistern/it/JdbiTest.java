package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Jdbi 3 handles, SqlObjects, a SERIALIZABLE transaction and a 200,000-row stream. */
class JdbiTest {
  /** The SqlObject under test. */
  public interface People {
    @SqlUpdate("insert into people (id, name) values (:id, :name)")
    int add(@Bind("id") int id, @Bind("name") String name);

    @SqlQuery("select name from people where id = :id")
    Optional<String> name(@Bind("id") int id);

    @SqlQuery("select name from people order by id")
    List<String> names();
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void handlesSqlObjectsAndASerializableTransaction(TestDatabase db) throws Exception {
    String name = Its.name(db, "jdbi");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      // README "Works with": Jdbi
      Jdbi jdbi = Jdbi.create(engine.dataSource()).installPlugin(new SqlObjectPlugin());
      jdbi.useHandle(h -> h.execute("create table people (id int primary key, name varchar(50))"));
      People people = jdbi.onDemand(People.class);
      people.add(1, "Ada");

      int isolationInside =
          jdbi.inTransaction(
              TransactionIsolationLevel.SERIALIZABLE,
              h -> {
                h.attach(People.class).add(2, "Grace");
                return h.getConnection().getTransactionIsolation();
              });

      assertThat(isolationInside).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(people.names()).containsExactly("Ada", "Grace");
      Optional<String> second = jdbi.withExtension(People.class, p -> p.name(2));
      assertThat(second).contains("Grace");
      long rows =
          jdbi.withHandle(
              h -> h.createQuery("select count(*) from people").mapTo(Long.class).one());
      assertThat(rows).isEqualTo(2L);
      assertThat(engine.status().inUse()).isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void streams200000Rows(TestDatabase db) {
    String name = Its.name(db, "jdbis");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      Jdbi jdbi = Jdbi.create(engine.dataSource());
      String sql =
          db.kind() == POSTGRESQL
              ? "select g from generate_series(1, 200000) g"
              : "select seq from seq_1_to_200000"; // MariaDB's Sequence engine
      // in a transaction, so that pgjdbc honours the fetch size and streams
      long[] countAndSum =
          jdbi.inTransaction(
              h -> {
                try (Stream<Integer> rows =
                    h.createQuery(sql).setFetchSize(1_000).mapTo(Integer.class).stream()) {
                  long[] acc = new long[2];
                  rows.forEach(
                      n -> {
                        acc[0]++;
                        acc[1] += n;
                      });
                  return acc;
                }
              });
      assertThat(countAndSum[0]).isEqualTo(200_000L);
      assertThat(countAndSum[1]).isEqualTo(200_000L * 200_001L / 2);
      assertThat(engine.status().inUse()).isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
