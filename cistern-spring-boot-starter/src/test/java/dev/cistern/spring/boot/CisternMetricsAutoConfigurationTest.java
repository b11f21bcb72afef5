package dev.cistern.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.CisternDataSource;
import dev.cistern.micrometer.CisternMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The starter publishes every CisternDataSource to the application's Micrometer registry. */
class CisternMetricsAutoConfigurationTest {

  private static ApplicationContextRunner withMetrics() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CisternDataSourceAutoConfiguration.class,
                CisternMetricsAutoConfiguration.class,
                DataSourceAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class));
  }

  @Test
  void theDataSourceIsPublishedWithOpenTelemetrysNames() {
    String name = "metrics" + System.nanoTime();
    withMetrics()
        .withPropertyValues(
            "spring.datasource.url=h2:mem:" + name, "spring.datasource.cistern.name=" + name)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
              assertThat(
                      registry
                          .get("db.client.connection.wait_time")
                          .tag(CisternMetrics.OTEL_POOL_TAG, name)
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("db.client.connection.count")
                          .tag(CisternMetrics.OTEL_STATE_TAG, "idle")
                          .gauge()
                          .value())
                  .isEqualTo(1);
              assertThat(registry.get("cistern.connections.created").functionCounter().count())
                  .isEqualTo(1);
            });
  }

  @Test
  void withoutMicrometerNothingIsMade_andAnOwnBinderReplacesIt() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CisternDataSourceAutoConfiguration.class, CisternMetricsAutoConfiguration.class))
        .withClassLoader(
            new org.springframework.boot.test.context.FilteredClassLoader(MeterRegistry.class))
        .withPropertyValues("spring.datasource.url=h2:mem:nometrics" + System.nanoTime())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("cisternMetricsBinder");
              assertThat(context.getBean(DataSource.class)).isInstanceOf(CisternDataSource.class);
            });

    String name = "hikarinames" + System.nanoTime();
    withMetrics()
        .withUserConfiguration(HikariNames.class)
        .withPropertyValues(
            "spring.datasource.url=h2:mem:" + name, "spring.datasource.cistern.name=" + name)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find("hikaricp.connections").tag("pool", name).gauge())
                  .isNotNull();
              assertThat(registry.find("db.client.connection.count").meters()).isEmpty();
            });
  }

  /** An application's own binder, with HikariCP's names. */
  @Configuration(proxyBeanMethods = false)
  static class HikariNames {
    @Bean
    MeterBinder cisternMetricsBinder(DataSource ds) {
      return registry ->
          CisternMetrics.hikariNames(((CisternDataSource) ds).getEngine()).bindTo(registry);
    }
  }
}
