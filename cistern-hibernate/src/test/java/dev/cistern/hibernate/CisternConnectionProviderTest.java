package dev.cistern.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.HibernateException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.junit.jupiter.api.Test;

/** {@link CisternConnectionProvider} under a real Hibernate SessionFactory and on its own. */
class CisternConnectionProviderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The README's "Hibernate" section, verbatim; the tests fill in the database's values. */
  static final String README_PROPERTIES =
      """
      hibernate.connection.provider_class=cistern
      jakarta.persistence.jdbc.url=jdbc:postgresql://localhost:5432/app
      jakarta.persistence.jdbc.user=app
      jakarta.persistence.jdbc.password=secret
      hibernate.cistern.name=app
      hibernate.cistern.poolSize=5
      hibernate.cistern.poolTimeout=10s
      """;

  /** The README's properties with this database's URL, user, password and an engine name. */
  private static Map<String, Object> settings(TestDatabase db, String name) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(README_PROPERTIES));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    p.setProperty("jakarta.persistence.jdbc.url", db.jdbcUrl());
    p.setProperty("jakarta.persistence.jdbc.user", db.user());
    p.setProperty("jakarta.persistence.jdbc.password", db.password());
    p.setProperty("hibernate.cistern.name", name);
    Map<String, Object> m = new HashMap<>();
    p.forEach((k, v) -> m.put((String) k, v));
    m.put("hibernate.hbm2ddl.auto", "create");
    return m;
  }

  /** Hibernate's native bootstrap from settings alone (no persistence.xml). */
  private static SessionFactory bootstrap(Map<String, Object> settings) {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder().applySettings(settings).build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(Item.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  private static ConnectionProvider providerOf(SessionFactory sf) {
    return sf.unwrap(SessionFactoryImplementor.class)
        .getServiceRegistry()
        .requireService(ConnectionProvider.class);
  }

  private static List<String> codes(SessionFactory sf) {
    return sf.fromSession(
        s -> s.createQuery("select i.code from Item i order by i.code", String.class).list());
  }

  private static Throwable find(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }

  /** Persist, query, roll back, break a unique key; then close and count the server's sessions. */
  private static void roundTrip(TestDatabase db, String providerClass) {
    String name = db.applicationName() + "-hib";
    Map<String, Object> settings = settings(db, name);
    settings.put("hibernate.connection.provider_class", providerClass);
    SessionFactory sf = bootstrap(settings);
    Engine engine;
    try {
      ConnectionProvider provider = providerOf(sf);
      assertThat(provider).isInstanceOf(CisternConnectionProvider.class);
      engine = provider.unwrap(Engine.class);
      assertThat(engine.name()).isEqualTo(name);
      assertThat(engine.option(Option.POOL_SIZE)).isEqualTo(5);
      assertThat(engine.option(Option.POOL_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));

      sf.inTransaction(
          s -> {
            s.persist(new Item("a"));
            s.persist(new Item("b"));
          });
      assertThat(codes(sf)).containsExactly("a", "b");

      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        s.persist(new Item("c"));
        s.flush();
        tx.rollback();
      }
      assertThat(codes(sf)).as("after the rollback").containsExactly("a", "b");

      assertThatThrownBy(() -> sf.inTransaction(s -> s.persist(new Item("a"))))
          .satisfies(
              t ->
                  assertThat(find(t, ConstraintViolationException.class))
                      .as("a ConstraintViolationException in %s", t)
                      .isNotNull());
      assertThat(engine.status().inUse()).as("the failed transaction's connection").isZero();

      sf.inTransaction(s -> s.persist(new Item("c")));
      assertThat(codes(sf)).as("the pool is usable").containsExactly("a", "b", "c");
      assertThat(engine.status().inUse()).isZero();
      ServerSessions.awaitCount(db, name, engine.status().size(), WAIT);
    } finally {
      sf.close();
    }
    assertThat(engine.isClosed()).as("closing the SessionFactory closes the engine").isTrue();
    ServerSessions.awaitCount(db, name, 0, WAIT);
  }

  @OnEachDatabase
  void theShortNameCisternServesASessionFactory(TestDatabase db) {
    roundTrip(db, "cistern");
  }

  @OnEachDatabase
  void theClassNameServesASessionFactory(TestDatabase db) {
    roundTrip(db, CisternConnectionProvider.class.getName());
  }

  @Test
  void theReadmeShowsTheseProperties() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertThat(text).contains("## Hibernate").contains(README_PROPERTIES);
  }

  private static void assertBootstrapFails(String key, Object value, String message) {
    try (TestDatabase db = TestDatabase.createH2()) {
      Map<String, Object> settings = settings(db, db.applicationName() + "-bad");
      settings.put(key, value);
      assertThatThrownBy(() -> bootstrap(settings).close())
          .satisfies(
              t -> {
                Throwable ours = find(t, HibernateException.class);
                while (ours != null
                    && ours.getCause() != null
                    && find(ours.getCause(), HibernateException.class) != null) {
                  ours = find(ours.getCause(), HibernateException.class);
                }
                assertThat(ours).as("the innermost HibernateException of %s", t).isNotNull();
                assertThat(ours).hasMessage(message);
              });
      assertThat(ServerSessions.count(db)).isZero();
    }
  }

  @Test
  void anUnknownCisternKeyFailsTheBootstrapNamingItAndTheNearestOption() {
    assertBootstrapFails(
        "hibernate.cistern.poolSiz",
        "5",
        "Unknown Cistern option hibernate.cistern.poolSiz: did you mean"
            + " hibernate.cistern.poolSize?");
  }

  @Test
  void aBadValueFailsTheBootstrapNamingTheKey() {
    assertBootstrapFails(
        "hibernate.cistern.poolSize",
        "-1",
        "Invalid hibernate.cistern.poolSize: poolSize must be >= 0, was -1");
  }

  @Test
  void withoutProviderClassTheOnlyRegisteredProviderIsUsed() {
    try (TestDatabase db = TestDatabase.createH2()) {
      Map<String, Object> settings = settings(db, db.applicationName() + "-only");
      settings.remove("hibernate.connection.provider_class");
      SessionFactory sf = bootstrap(settings);
      try {
        assertThat(providerOf(sf)).isInstanceOf(CisternConnectionProvider.class);
      } finally {
        sf.close();
      }
    }
  }

  // ---- the provider on its own ----

  private static CisternConnectionProvider configured(
      TestDatabase db, Consumer<Map<String, Object>> more) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("jakarta.persistence.jdbc.url", db.jdbcUrl());
    settings.put("jakarta.persistence.jdbc.user", db.user());
    settings.put("jakarta.persistence.jdbc.password", db.password());
    more.accept(settings);
    CisternConnectionProvider p = new CisternConnectionProvider();
    p.configure(settings);
    return p;
  }

  @Test
  void itLendsReturnsUnwrapsAndStopsOnce() throws SQLException {
    try (TestDatabase db = TestDatabase.createH2()) {
      CisternConnectionProvider p =
          configured(
              db,
              s -> {
                s.put("hibernate.cistern.poolSize", 2); // typed values are taken as they are
                s.put("hibernate.cistern.poolTimeout", Duration.ofSeconds(3));
                s.put("hibernate.cistern.max_overflow", "1"); // any of the option's names
                s.put("hibernate.cistern.name", db.applicationName() + "-own");
              });
      assertThat(p.supportsAggressiveRelease()).isFalse();
      Connection c = p.getConnection();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
      Engine engine = p.unwrap(Engine.class);
      assertThat(engine.status().inUse()).isEqualTo(1);
      p.closeConnection(c);
      assertThat(engine.status().inUse()).isZero();
      assertThat(engine.option(Option.POOL_SIZE)).isEqualTo(2);
      assertThat(engine.option(Option.MAX_OVERFLOW)).isEqualTo(1);
      assertThat(engine.option(Option.POOL_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));

      for (Class<?> type :
          List.of(
              ConnectionProvider.class,
              CisternConnectionProvider.class,
              DataSource.class,
              CisternDataSource.class,
              Engine.class)) {
        assertThat(p.isUnwrappableAs(type)).as(type.getName()).isTrue();
        assertThat(p.unwrap(type)).as(type.getName()).isInstanceOf(type);
      }
      assertThat(p.unwrap(ConnectionProvider.class)).isSameAs(p);
      assertThat(p.unwrap(DataSource.class)).isSameAs(p.getDataSource());
      assertThat(p.isUnwrappableAs(String.class)).isFalse();
      assertThatThrownBy(() -> p.unwrap(String.class))
          .isInstanceOf(UnknownUnwrapTypeException.class);

      assertThat(p.getDatabaseConnectionInfo(null).toInfoString())
          .contains(db.jdbcUrl())
          .contains("at most 3 connections");

      p.stop();
      assertThat(engine.isClosed()).isTrue();
      p.stop(); // idempotent
      assertThatThrownBy(p::getConnection).isInstanceOf(SQLException.class);
      assertThat(ServerSessions.count(db)).isZero();
    }
  }

  @Test
  void theHibernateAndJavaxKeysWorkToo() throws SQLException {
    try (TestDatabase db = TestDatabase.createH2()) {
      for (String prefix : List.of("hibernate.connection.", "javax.persistence.jdbc.")) {
        Map<String, Object> settings = new HashMap<>();
        boolean hib = prefix.startsWith("hibernate");
        settings.put(prefix + "url", db.jdbcUrl());
        settings.put(prefix + (hib ? "username" : "user"), db.user());
        settings.put(prefix + "password", db.password());
        settings.put(
            hib ? "hibernate.connection.driver_class" : prefix + "driver", "org.h2.Driver");
        CisternConnectionProvider p = new CisternConnectionProvider();
        p.configure(settings);
        try {
          p.closeConnection(p.getConnection());
          assertThat(p.getDataSource().getUsername()).isEqualTo(db.user());
          assertThat(p.getDataSource().getDriverClassName()).isEqualTo("org.h2.Driver");
        } finally {
          p.stop();
        }
      }
    }
  }

  @Test
  void withoutAUrlConfigureSaysWhatIsMissing() {
    CisternConnectionProvider p = new CisternConnectionProvider();
    assertThatThrownBy(() -> p.configure(Map.of("hibernate.cistern.poolSize", "3")))
        .isInstanceOf(HibernateException.class)
        .hasMessageContaining("jakarta.persistence.jdbc.url");
    p.stop(); // never configured: nothing to close
    assertThatThrownBy(p::getConnection)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void aKeyFarFromEveryOptionListsThem() {
    try (TestDatabase db = TestDatabase.createH2()) {
      assertThatThrownBy(() -> configured(db, s -> s.put("hibernate.cistern.frobnicate", "1")))
          .isInstanceOf(HibernateException.class)
          .hasMessageStartingWith(
              "Unknown Cistern option hibernate.cistern.frobnicate; the options are name, poolSize");
    }
  }
}
