package dev.cistern.spring.boot;

import static dev.cistern.testkit.DatabaseKind.H2;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.CisternDataSource;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.actuate.metrics.jdbc.DataSourcePoolMetrics;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** {@link CisternPoolMetadata}: what Actuator's pool gauges and health check read. */
class CisternPoolMetadataTest {
  private final DataSourcePoolMetadataProvider provider =
      CisternDataSourceAutoConfiguration.cisternPoolMetadataProvider();

  private static CisternDataSource dataSource(TestDatabase db, String name) {
    CisternDataSource ds = new CisternDataSource();
    ds.setUrl(db.jdbcUrl());
    ds.setUsername(db.user());
    ds.setPassword(db.password());
    ds.setName(name);
    return ds;
  }

  @OnEachDatabase({POSTGRESQL, H2})
  void countsComeFromTheEngineStatus(TestDatabase db) throws Exception {
    String name = db.applicationName() + "-meta";
    CisternDataSource ds = dataSource(db, name);
    ds.setPoolSize(3);
    ds.setMaxOverflow(2);
    ds.setMinIdle(1);
    DataSourcePoolMetadata meta = provider.getDataSourcePoolMetadata(ds);
    assertThat(meta).isInstanceOf(CisternPoolMetadata.class);
    assertThat(meta.getActive()).as("not built yet").isZero();
    assertThat(meta.getIdle()).isZero();
    assertThat(ds.isStarted()).as("metadata does not build the engine").isFalse();
    assertThat(meta.getMax()).isEqualTo(5);
    assertThat(meta.getMin()).isEqualTo(1);
    assertThat(meta.getValidationQuery()).isNull();

    try (Connection c = ds.getConnection()) {
      assertThat(meta.getActive()).isEqualTo(1);
      assertThat(meta.getUsage()).isEqualTo(1f / 5);
    }
    assertThat(meta.getActive()).isZero();
    assertThat(meta.getIdle()).isGreaterThanOrEqualTo(1);

    // Actuator's own readers of the metadata
    Health health = new DataSourceHealthIndicator(ds, meta.getValidationQuery()).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DataSourcePoolMetrics(ds, List.of(provider), "cistern", List.of()).bindTo(registry);
    assertThat(registry.get("jdbc.connections.max").tag("name", "cistern").gauge().value())
        .isEqualTo(5);
    assertThat(registry.get("jdbc.connections.min").gauge().value()).isEqualTo(1);
    assertThat(registry.get("jdbc.connections.active").gauge().value()).isZero();

    ds.close();
    assertThat(meta.getActive()).as("closed").isZero();
    assertThat(meta.getIdle()).isZero();
    ServerSessions.awaitCount(db, name, 0, Duration.ofSeconds(10));
  }

  @Test
  void theMaximumIsUnlimitedWhenThePoolOrItsOverflowIs() {
    CisternDataSource ds = new CisternDataSource("jdbc:h2:mem:unused");
    CisternPoolMetadata meta = CisternPoolMetadata.of(ds);
    assertThat(meta.getMax()).as("defaults 5 + 10").isEqualTo(15);
    ds.setMaxOverflow(-1);
    assertThat(meta.getMax()).isEqualTo(-1);
    ds.setMaxOverflow(0);
    assertThat(meta.getMax()).isEqualTo(5);
    ds.setPoolSize(0);
    assertThat(meta.getMax()).isEqualTo(-1);
    ds.close();
  }

  @Test
  void itAnswersForWrappedCisternDataSourcesAndOnlyForThem() {
    CisternDataSource ds = new CisternDataSource("jdbc:h2:mem:unused");
    CompositeDataSourcePoolMetadataProvider composite =
        new CompositeDataSourcePoolMetadataProvider(List.of(provider));
    assertThat(composite.getDataSourcePoolMetadata(new DelegatingDataSource(ds)))
        .isInstanceOf(CisternPoolMetadata.class);
    assertThat(composite.getDataSourcePoolMetadata(new org.h2.jdbcx.JdbcDataSource())).isNull();
    assertThat(ds.isStarted()).isFalse();
    ds.close();
  }
}
