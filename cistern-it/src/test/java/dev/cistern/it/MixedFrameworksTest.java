package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Twelve threads share one engine through Jdbi, jOOQ, Spring JDBC, plain JDBC and Hibernate. */
class MixedFrameworksTest {
  static final int THREADS = 12;
  static final int ITERATIONS = 25;

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void twelveThreadsMixingFrameworksOnOneEngine(TestDatabase db) throws Exception {
    String name = Its.name(db, "mix");
    // fewer connections than threads, so that borrowers wait for each other
    Engine engine =
        Engine.builder(db.cisternUrl())
            .name(name)
            .poolSize(4, 2)
            .option(Option.POOL_TIMEOUT, Duration.ofSeconds(20))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      DataSource ds = engine.dataSource();
      EntityManagerFactory emf = HibernateTest.entityManagerFactory(ds); // creates it_mix
      Jdbi jdbi = Jdbi.create(ds);
      DSLContext ctx =
          DSL.using(ds, db.kind() == POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.MARIADB);
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      AtomicInteger ids = new AtomicInteger();
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      String insert = "insert into it_mix (id, via) values (?, ?)";
      String count = "select count(*) from it_mix";

      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ITERATIONS; i++) {
                    int id = ids.incrementAndGet();
                    try {
                      switch ((thread + i) % 5) {
                        case 0 ->
                            jdbi.useTransaction(
                                h -> {
                                  h.execute(insert, id, "jdbi");
                                  h.createQuery(count).mapTo(Long.class).one();
                                });
                        case 1 ->
                            ctx.transaction(
                                c -> {
                                  DSL.using(c)
                                      .insertInto(
                                          table(name("it_mix")),
                                          field(name("id")),
                                          field(name("via")))
                                      .values(id, "jooq")
                                      .execute();
                                  DSL.using(c).fetchCount(table(name("it_mix")));
                                });
                        case 2 ->
                            tx.executeWithoutResult(
                                s -> {
                                  jdbc.update(insert, id, "spring");
                                  jdbc.queryForObject(count, Long.class);
                                });
                        case 3 -> {
                          try (Connection c = ds.getConnection();
                              PreparedStatement ps = c.prepareStatement(insert)) {
                            ps.setInt(1, id);
                            ps.setString(2, "jdbc");
                            ps.executeUpdate();
                          }
                        }
                        default -> {
                          EntityManager em = emf.createEntityManager();
                          try {
                            em.getTransaction().begin();
                            em.persist(new MixRow(id, "hibernate"));
                            em.getTransaction().commit();
                            em.createQuery("select count(m) from MixRow m", Long.class)
                                .getSingleResult();
                          } finally {
                            em.close();
                          }
                        }
                      }
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(90, TimeUnit.SECONDS);
      }
      emf.close();

      assertThat(errors).isEmpty();
      assertThat(Its.count(engine, "it_mix")).isEqualTo((long) THREADS * ITERATIONS);
      assertThat(jdbc.queryForList("select distinct via from it_mix order by via", String.class))
          .containsExactly("hibernate", "jdbc", "jdbi", "jooq", "spring");
      assertThat(engine.status().inUse()).isZero();
      assertThat(engine.status().size()).isLessThanOrEqualTo(6);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
