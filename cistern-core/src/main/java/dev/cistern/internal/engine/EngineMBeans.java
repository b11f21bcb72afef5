package dev.cistern.internal.engine;

import dev.cistern.EngineClosedException;
import dev.cistern.EngineMXBean;
import dev.cistern.PoolStatus;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMX face of an engine ({@code registerMbeans}): registers an {@link EngineMXBean} on the
 * platform MBean server and unregisters it at close. The bean holds the engine weakly, so an engine
 * dropped without {@code close()} is still collected and closed by its Cleaner (which unregisters
 * the bean); until then a bean of an engine that is gone reads as closed.
 */
final class EngineMBeans {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.LOGGER);

  private EngineMBeans() {}

  /** The name an engine's bean is registered under. */
  static ObjectName nameOf(String engine) {
    try {
      return new ObjectName("dev.cistern:type=Engine,name=" + ObjectName.quote(engine));
    } catch (JMException e) {
      throw new IllegalArgumentException("engine name '" + engine + "' makes no JMX name", e);
    }
  }

  /**
   * Registers the bean of {@code core}.
   *
   * @throws IllegalStateException if a bean of that name is registered already
   */
  static ObjectName register(EngineCore core) {
    ObjectName name = nameOf(core.name());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.registerMBean(new Bean(core), name);
      return name;
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(
          "registerMbeans: a JMX bean "
              + name
              + " is registered already (another engine of the same name is open); give engines"
              + " distinct names with the name option",
          e);
    } catch (JMException e) {
      throw new IllegalStateException("registerMbeans: cannot register " + name, e);
    }
  }

  /** Unregisters the bean; one already gone is fine. */
  static void unregister(ObjectName name) {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // gone already
    } catch (JMException | RuntimeException e) {
      LOG.debug("unregistering {} failed", name, e);
    }
  }

  /** The bean: each call reads the engine, if it is still there. */
  static final class Bean implements EngineMXBean {
    private final String name;
    private final WeakReference<EngineCore> core;

    Bean(EngineCore core) {
      this.name = core.name();
      this.core = new WeakReference<>(core);
    }

    private EngineCore core() {
      EngineCore c = core.get();
      if (c == null) {
        throw new EngineClosedException(name);
      }
      return c;
    }

    private PoolStatus status() {
      return core().status();
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public int getPoolSize() {
      return status().poolSize();
    }

    @Override
    public int getMaxOverflow() {
      return status().maxOverflow();
    }

    @Override
    public int getSize() {
      return status().size();
    }

    @Override
    public int getIdle() {
      return status().idle();
    }

    @Override
    public int getInUse() {
      return status().inUse();
    }

    @Override
    public int getWaiting() {
      return status().waiting();
    }

    @Override
    public boolean isClosed() {
      EngineCore c = core.get();
      return c == null || c.isClosed();
    }

    @Override
    public void suspend() {
      core().suspend();
    }

    @Override
    public void resume() {
      core().resume();
    }

    @Override
    public void softEvict() {
      core().softEvict();
    }

    @Override
    public void dispose() {
      core().dispose(true);
    }
  }
}
