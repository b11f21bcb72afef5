package dev.cistern.spring.boot;

import dev.cistern.CisternDataSource;
import dev.cistern.micrometer.CisternMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Publishes every {@link CisternDataSource} bean to the application's Micrometer registries, with
 * OpenTelemetry's names ({@link CisternMetrics}), when {@code cistern-micrometer} is on the class
 * path.
 *
 * <p>The binder is a {@link MeterBinder} bean, so Spring Boot's metrics auto-configuration (with
 * Actuator) binds it to each registry it configures. Binding builds a data source's engine if it
 * was not built yet; an engine opens no connection until it is used. Define a bean named {@code
 * cisternMetricsBinder} of your own (for example one that uses {@link CisternMetrics#hikariNames}
 * for existing HikariCP dashboards) to replace it.
 */
@AutoConfiguration(after = CisternDataSourceAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, CisternMetrics.class, CisternDataSource.class})
public class CisternMetricsAutoConfiguration {

  /** Used by Spring. */
  public CisternMetricsAutoConfiguration() {}

  /**
   * Binds each {@code CisternDataSource} bean's engine to every registry.
   *
   * @param dataSources the context's Cistern data sources
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean(name = "cisternMetricsBinder")
  public MeterBinder cisternMetricsBinder(ObjectProvider<CisternDataSource> dataSources) {
    Map<CisternDataSource, CisternMetrics> bound = new ConcurrentHashMap<>();
    return registry ->
        dataSources
            .orderedStream()
            .filter(ds -> !ds.isClosed())
            .forEach(
                ds ->
                    bound
                        .computeIfAbsent(ds, d -> new CisternMetrics(d.getEngine()))
                        .bindTo(registry));
  }
}
