package dev.cistern.spring.boot;

import dev.cistern.CisternDataSource;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Makes a {@link CisternDataSource} the application's {@link DataSource}.
 *
 * <p>Runs before Spring Boot's {@link DataSourceAutoConfiguration}, so that Spring Boot's own pool
 * (HikariCP, if present) backs off. The data source is made when {@code CisternDataSource} is on
 * the class path, the application defines no {@code DataSource} bean of its own, and {@code
 * spring.datasource.type} is unset or {@code dev.cistern.CisternDataSource}:
 *
 * <ul>
 *   <li>{@code spring.datasource.url} (a {@code jdbc:} URL or a Cistern URL such as {@code
 *       postgresql://db/shop?poolSize=10}), {@code username}, {@code password} and {@code
 *       driver-class-name} go to the matching setters; with no URL, Spring Boot's embedded-database
 *       fallback applies (or its "failed to determine a suitable driver" error);
 *   <li>{@code spring.datasource.cistern.*} binds onto the typed setter of each Cistern option:
 *       {@code pool-size=10}, {@code statement-timeout=5s}, {@code name=orders}, ...
 *   <li>{@code shutdownHook} is off unless {@code spring.datasource.cistern.shutdown-hook=true}:
 *       Spring's own shutdown hook closes the context, and with it the data source after the web
 *       server's graceful shutdown; the engine's hook, run by the JVM at the same time, would close
 *       the pool under the requests still being served.
 * </ul>
 *
 * <p>Whatever made them, every {@code CisternDataSource} bean gets {@linkplain CisternPoolMetadata
 * pool metadata} (Actuator's {@code jdbc.connections.*} metrics, the {@code db} health check) and
 * is closed by {@link CisternDataSourceLifecycle} after the web server's graceful shutdown.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, CisternDataSource.class})
@EnableConfigurationProperties(DataSourceProperties.class)
public class CisternDataSourceAutoConfiguration {

  /** Used by Spring. */
  public CisternDataSourceAutoConfiguration() {}

  /**
   * Pool metadata for every {@link CisternDataSource}; other data sources are left to their own
   * providers.
   *
   * @return the provider
   */
  @Bean
  public static DataSourcePoolMetadataProvider cisternPoolMetadataProvider() {
    return CisternPoolMetadata::of;
  }

  /**
   * Closes every {@link CisternDataSource} bean after the web server's graceful shutdown.
   *
   * @param dataSources the context's Cistern data sources
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public CisternDataSourceLifecycle cisternDataSourceLifecycle(
      ObjectProvider<CisternDataSource> dataSources) {
    return new CisternDataSourceLifecycle(dataSources);
  }

  /** The data source itself, made only when the application has none. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DataSource.class)
  @ConditionalOnProperty(
      name = "spring.datasource.type",
      havingValue = "dev.cistern.CisternDataSource",
      matchIfMissing = true)
  public static class CisternDataSourceConfiguration {

    /** Used by Spring. */
    public CisternDataSourceConfiguration() {}

    /**
     * The application's data source, from {@code spring.datasource.url/username/password/
     * driver-class-name}, with {@code spring.datasource.cistern.*} bound onto it afterwards.
     *
     * @param properties Spring Boot's {@code spring.datasource.*}
     * @return a data source whose engine is built at its first use
     */
    @Bean
    @ConfigurationProperties("spring.datasource.cistern")
    public CisternDataSource dataSource(DataSourceProperties properties) {
      return create(properties);
    }
  }

  static CisternDataSource create(DataSourceProperties properties) {
    CisternDataSource ds = new CisternDataSource();
    if (StringUtils.hasText(properties.getUrl())) {
      // as given: a Cistern URL is no jdbc: URL, so Spring Boot's determineUrl/determineDriver
      // (which guess the driver from a jdbc: prefix) are not asked
      ds.setUrl(properties.getUrl());
      setIfText(properties.getUsername(), ds::setUsername);
      if (properties.getPassword() != null) {
        ds.setPassword(properties.getPassword());
      }
    } else {
      // no URL: Spring Boot's embedded database if one is on the class path, else its clear error
      ds.setUrl(properties.determineUrl());
      setIfText(properties.determineUsername(), ds::setUsername);
      if (properties.determinePassword() != null) {
        ds.setPassword(properties.determinePassword());
      }
    }
    setIfText(properties.getDriverClassName(), ds::setDriverClassName);
    // the context closes it, in order (see CisternDataSourceLifecycle); a property may turn it on
    ds.setShutdownHook(false);
    return ds;
  }

  private static void setIfText(String value, Consumer<String> setter) {
    if (StringUtils.hasText(value)) {
      setter.accept(value);
    }
  }
}
