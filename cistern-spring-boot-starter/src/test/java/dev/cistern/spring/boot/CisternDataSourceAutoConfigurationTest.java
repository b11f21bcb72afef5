package dev.cistern.spring.boot;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.CisternDataSource;
import dev.cistern.Engine;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link CisternDataSourceAutoConfiguration} in real application contexts on PostgreSQL and
 * MariaDB: configured by properties alone, through Spring Boot's own {@code spring.datasource.type}
 * path, and backing off for a data source of the application's.
 */
class CisternDataSourceAutoConfigurationTest {

  /** An application: Spring Boot's auto-configuration and a transactional service. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    @Bean
    Ledger ledger(JdbcTemplate jdbc) {
      return new Ledger(jdbc);
    }
  }

  /** A transactional service. */
  static class Ledger {
    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Transactional
    public void add(int id) {
      jdbc.update("insert into ledger (id) values (?)", id);
    }

    @Transactional
    public void addThenFail(int id) {
      jdbc.update("insert into ledger (id) values (?)", id);
      throw new IllegalStateException("rolled back on purpose");
    }

    int count() {
      Integer n = jdbc.queryForObject("select count(*) from ledger", Integer.class);
      return n == null ? -1 : n;
    }
  }

  /**
   * Stands in for the web server's graceful shutdown: at its phase, the request still under way
   * uses the database; one phase below Cistern's, the data source is found closed.
   */
  @Configuration(proxyBeanMethods = false)
  static class ShutdownProbe {
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @Bean
    SmartLifecycle inFlightRequest(JdbcTemplate jdbc) {
      return lifecycle(
          WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE,
          () -> seen.add("request " + jdbc.queryForObject("select 1", Integer.class)));
    }

    @Bean
    SmartLifecycle afterCistern(DataSource ds) {
      return lifecycle(
          CisternDataSourceLifecycle.PHASE - 1,
          () -> seen.add("closed " + ((CisternDataSource) ds).isClosed()));
    }

    private static SmartLifecycle lifecycle(int phase, Runnable onStop) {
      return new SmartLifecycle() {
        private volatile boolean running;

        @Override
        public void start() {
          running = true;
        }

        @Override
        public void stop() {
          running = false;
          onStop.run();
        }

        @Override
        public boolean isRunning() {
          return running;
        }

        @Override
        public int getPhase() {
          return phase;
        }
      };
    }
  }

  private static String driverClass(DatabaseKind kind) {
    return kind == POSTGRESQL ? "org.postgresql.Driver" : "org.mariadb.jdbc.Driver";
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void propertiesAloneMakeACisternDataSourceThatClosesAfterTheWebServer(TestDatabase db) {
    String name = db.applicationName() + "-boot";
    ShutdownProbe.seen.clear();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class, ShutdownProbe.class)
            .web(WebApplicationType.NONE)
            // exactly the README's lines
            .properties(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + db.password(),
                "spring.datasource.cistern.name=" + name,
                "spring.datasource.cistern.pool-size=3",
                "spring.datasource.cistern.statement-timeout=5s")
            .run();
    CisternDataSource ds;
    try {
      DataSource bean = context.getBean(DataSource.class);
      assertThat(bean).isInstanceOf(CisternDataSource.class);
      ds = (CisternDataSource) bean;
      assertThat(ds.getName()).isEqualTo(name);
      assertThat(ds.getPoolSize()).isEqualTo(3);
      assertThat(ds.getStatementTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(ds.getShutdownHook()).as("the context closes it").isFalse();

      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
      Engine engine = ds.getEngine();
      assertThat(engine.name()).isEqualTo(name);
      assertThat(engine.status().poolSize()).isEqualTo(3);

      jdbc.execute("create table ledger (id int primary key)");
      Ledger ledger = context.getBean(Ledger.class);
      ledger.add(1);
      assertThatThrownBy(() -> ledger.addThenFail(2)).hasMessageContaining("on purpose");
      assertThat(ledger.count()).as("1 committed, 2 rolled back").isEqualTo(1);
      assertThat(engine.status().inUse()).isZero();

      // Actuator: the db health check and the jdbc.connections.* gauges read CisternPoolMetadata
      HealthIndicator health = context.getBean("dbHealthContributor", HealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("jdbc.connections.max").tag("name", "dataSource").gauge().value())
          .isEqualTo(3 + 10);
      assertThat(meters.get("jdbc.connections.active").gauge().value()).isZero();
      assertThat(meters.get("jdbc.connections.idle").gauge().value()).isGreaterThanOrEqualTo(1);
      assertThat(ServerSessions.count(db, name)).isPositive();
    } finally {
      context.close();
    }
    assertThat(ShutdownProbe.seen).containsExactly("request 1", "closed true");
    assertThat(ds.isClosed()).isTrue();
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }

  private static ApplicationContextRunner bootOnly() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class));
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void springBootsOwnDataSourceBuilderMakesItFromSpringDatasourceType(TestDatabase db) {
    String[] engineName = new String[1];
    CisternDataSource[] made = new CisternDataSource[1];
    // a jdbc: URL: DataSourceBuilder calls setUrl, setUsername, setPassword, setDriverClassName
    bootOnly()
        .withPropertyValues(
            "spring.datasource.type=dev.cistern.CisternDataSource",
            "spring.datasource.url=" + db.jdbcUrl(),
            "spring.datasource.username=" + db.user(),
            "spring.datasource.password=" + db.password())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DataSource.class)).isInstanceOf(CisternDataSource.class);
              made[0] = (CisternDataSource) context.getBean(DataSource.class);
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
              engineName[0] = made[0].getEngine().name();
              assertThat(made[0].getDriverClassName()).isEqualTo(driverClass(db.kind()));
            });
    assertThat(made[0].isClosed()).as("closed by the context's destroy").isTrue();
    ServerSessions.awaitCount(db, engineName[0], 0, Duration.ofSeconds(10));

    // a Cistern URL works on that path too, given the driver class (Spring Boot guesses the
    // driver only from a jdbc: prefix); options then come from the URL's query
    String name = db.applicationName() + "-type";
    String url = db.cisternUrl() + (db.cisternUrl().contains("?") ? "&" : "?");
    bootOnly()
        .withPropertyValues(
            "spring.datasource.type=dev.cistern.CisternDataSource",
            "spring.datasource.url=" + url + "name=" + name + "&poolSize=2",
            "spring.datasource.driver-class-name=" + driverClass(db.kind()))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CisternDataSource ds = (CisternDataSource) context.getBean(DataSource.class);
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
              assertThat(ds.getEngine().name()).isEqualTo(name);
              assertThat(ds.getEngine().status().poolSize()).isEqualTo(2);
              ServerSessions.awaitCount(db, name, 1, Duration.ofSeconds(10));
            });
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }

  @Test
  void withTheStarterSpringDatasourceTypeCisternAlsoBindsTheCisternProperties() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CisternDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.type=dev.cistern.CisternDataSource",
            "spring.datasource.url=jdbc:h2:mem:typed" + System.nanoTime(),
            "spring.datasource.cistern.pool-size=4",
            "spring.datasource.cistern.isolation-level=SERIALIZABLE",
            "spring.datasource.cistern.idle-timeout=2m")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DataSource.class);
              CisternDataSource ds = context.getBean(CisternDataSource.class);
              assertThat(ds.getPoolSize()).isEqualTo(4);
              assertThat(ds.getIsolationLevel()).isEqualTo(dev.cistern.IsolationLevel.SERIALIZABLE);
              assertThat(ds.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
              assertThat(ds.isStarted()).as("built at first use only").isFalse();
            });
  }

  @OnEachDatabase(H2)
  void aCisternUrlNeedsNoDriverClassAndTheShutdownHookCanBeTurnedOn(TestDatabase db) {
    String name = db.applicationName() + "-url";
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CisternDataSourceAutoConfiguration.class,
                DataSourceAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + db.cisternUrl(),
            "spring.datasource.cistern.name=" + name,
            "spring.datasource.cistern.shutdown-hook=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CisternDataSource ds = context.getBean(CisternDataSource.class);
              assertThat(ds.getShutdownHook()).isTrue();
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
              assertThat(ds.getEngine().name()).isEqualTo(name);
            });
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }

  @Test
  void anApplicationsOwnDataSourceOrAnotherTypeMakesItBackOff() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    CisternDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class));
    runner
        .withUserConfiguration(OwnDataSource.class)
        .withPropertyValues("spring.datasource.cistern.pool-size=3")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DataSource.class);
              assertThat(context.getBean(DataSource.class)).isInstanceOf(JdbcDataSource.class);
              assertThat(context).doesNotHaveBean(CisternDataSource.class);
            });
    runner
        .withPropertyValues(
            "spring.datasource.type=org.h2.jdbcx.JdbcDataSource",
            "spring.datasource.url=jdbc:h2:mem:other" + System.nanoTime())
        .run(
            context -> {
              assertThat(context).hasSingleBean(DataSource.class);
              assertThat(context.getBean(DataSource.class)).isInstanceOf(JdbcDataSource.class);
              assertThat(context).doesNotHaveBean(CisternDataSource.class);
            });
  }

  @OnEachDatabase({POSTGRESQL, MARIADB})
  void aBeanMadeFromEngineDataSourceIsClosedWithTheContext(TestDatabase db) {
    String name = db.applicationName() + "-view";
    ViewOfEngine.url = db.cisternUrl();
    ViewOfEngine.name = name;
    new ApplicationContextRunner()
        .withUserConfiguration(ViewOfEngine.class)
        .run(
            context -> {
              DataSource ds = context.getBean(DataSource.class);
              assertThat(new JdbcTemplate(ds).queryForObject("select 1", Integer.class))
                  .isEqualTo(1);
              ServerSessions.awaitCount(db, name, 1, Duration.ofSeconds(10));
            });
    // Spring infers close() as the bean's destroy method: the view closes its engine
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }

  /** The plain-Spring way, without the starter: a DataSource bean from an engine. */
  @Configuration(proxyBeanMethods = false)
  static class ViewOfEngine {
    static volatile String url;
    static volatile String name;

    @Bean
    DataSource dataSource() {
      Engine engine = Engine.builder(url).name(name).build();
      return engine.dataSource();
    }
  }

  @Test
  void theLifecycleStopsAfterTheWebServersGracefulShutdown() {
    assertThat(CisternDataSourceLifecycle.PHASE)
        .isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024)
        .isLessThan(0);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDataSource {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:own" + System.nanoTime());
      return ds;
    }
  }
}
