package dev.cistern.hibernate;

import java.util.List;
import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Registers {@link CisternConnectionProvider} with Hibernate under the short name {@code cistern}
 * (and its class names), so that {@code hibernate.connection.provider_class=cistern} selects it.
 * Found by Hibernate through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.hibernate.boot.registry.selector.StrategyRegistrationProvider}).
 */
public final class CisternStrategyRegistrationProvider implements StrategyRegistrationProvider {
  /** Made by the ServiceLoader. */
  public CisternStrategyRegistrationProvider() {}

  @Override
  @SuppressWarnings("rawtypes") // Hibernate's signature: Iterable<StrategyRegistration>
  public Iterable<StrategyRegistration> getStrategyRegistrations() {
    return List.of(
        new SimpleStrategyRegistrationImpl<>(
            ConnectionProvider.class,
            CisternConnectionProvider.class,
            CisternConnectionProvider.SHORT_NAME,
            CisternConnectionProvider.class.getName(),
            CisternConnectionProvider.class.getSimpleName()));
  }
}
