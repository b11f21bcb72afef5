/**
 * Spring Boot 3.5 auto-configuration that makes Cistern the application's {@link
 * javax.sql.DataSource}: {@link dev.cistern.spring.boot.CisternDataSourceAutoConfiguration} builds
 * a {@link dev.cistern.CisternDataSource} from {@code spring.datasource.*} and binds {@code
 * spring.datasource.cistern.*} onto its option setters, {@link
 * dev.cistern.spring.boot.CisternPoolMetadata} feeds Actuator's pool metrics and health check, and
 * {@link dev.cistern.spring.boot.CisternDataSourceLifecycle} closes the data source after the web
 * server's graceful shutdown.
 */
package dev.cistern.spring.boot;
