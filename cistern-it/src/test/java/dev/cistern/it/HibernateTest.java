package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;

/** Hibernate 6.6 as the JPA provider over an engine's data source. */
class HibernateTest {
  /** The persistence unit of META-INF/persistence.xml over the given data source. */
  static EntityManagerFactory entityManagerFactory(javax.sql.DataSource dataSource) {
    // README "Works with": Hibernate (JPA)
    return Persistence.createEntityManagerFactory(
        "cistern-it",
        Map.of(
            "jakarta.persistence.nonJtaDataSource",
            dataSource,
            "jakarta.persistence.schema-generation.database.action",
            "drop-and-create"));
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void jpaWithCisternsConnectionProviderConfiguredByPropertiesAlone(TestDatabase db) {
    String name = Its.name(db, "jpaprov");
    // README "Hibernate": the provider by properties, here through JPA's bootstrap
    Map<String, Object> settings =
        Map.of(
            "hibernate.connection.provider_class",
            "cistern",
            "jakarta.persistence.jdbc.url",
            db.jdbcUrl(),
            "jakarta.persistence.jdbc.user",
            db.user(),
            "jakarta.persistence.jdbc.password",
            db.password(),
            "hibernate.cistern.name",
            name,
            "hibernate.cistern.poolSize",
            "2",
            "jakarta.persistence.schema-generation.database.action",
            "drop-and-create");
    EntityManagerFactory emf = Persistence.createEntityManagerFactory("cistern-it", settings);
    try (emf) {
      EntityManager em = emf.createEntityManager();
      em.getTransaction().begin();
      em.persist(new Account("grace@example.org", "Grace"));
      em.getTransaction().commit();
      em.clear();
      assertThat(countAccounts(em)).isOne();
      em.close();
      dev.cistern.testkit.ServerSessions.awaitCount(db, name, 1, java.time.Duration.ofSeconds(10));
    }
    // closing the EntityManagerFactory stops the provider, which closes its engine
    dev.cistern.testkit.ServerSessions.awaitCount(db, name, 0, java.time.Duration.ofSeconds(10));
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void persistQueryRollbackAndAUniqueViolation(TestDatabase db) {
    String name = Its.name(db, "jpa");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      EntityManagerFactory emf = entityManagerFactory(engine.dataSource());
      try (emf) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        em.persist(new Account("ada@example.org", "Ada"));
        em.getTransaction().commit();
        em.clear();

        Account ada =
            em.createQuery("select a from Account a where a.email = :email", Account.class)
                .setParameter("email", "ada@example.org")
                .getSingleResult();
        assertThat(ada.getName()).isEqualTo("Ada");
        assertThat(ada.getId()).isNotNull();

        em.getTransaction().begin();
        em.persist(new Account("bob@example.org", "Bob"));
        em.getTransaction().rollback();
        assertThat(countAccounts(em)).as("rolled back").isOne();

        em.getTransaction().begin();
        assertThatThrownBy(
                () -> {
                  em.persist(new Account("ada@example.org", "Ada again"));
                  em.flush();
                })
            .isInstanceOf(PersistenceException.class)
            .satisfies(
                t -> {
                  assertThat(causeOf(t, ConstraintViolationException.class)).isNotNull();
                  SQLException sql = causeOf(t, SQLException.class);
                  assertThat(sql.getSQLState()).startsWith("23");
                });
        em.getTransaction().rollback();
        em.close();

        EntityManager again = emf.createEntityManager();
        assertThat(countAccounts(again)).isOne();
        again.close();
      }
      assertThat(engine.status().inUse()).isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }

  static long countAccounts(EntityManager em) {
    return em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
  }

  static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
