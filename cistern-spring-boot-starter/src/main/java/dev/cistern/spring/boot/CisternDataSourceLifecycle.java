package dev.cistern.spring.boot;

import dev.cistern.CisternDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the context's {@link CisternDataSource} beans when the application shuts down, after the
 * web server has finished its in-flight requests.
 *
 * <p>Spring stops {@link SmartLifecycle} beans from the highest phase to the lowest. With {@code
 * server.shutdown=graceful}, Spring Boot's {@code WebServerGracefulShutdownLifecycle} (phase {@code
 * SmartLifecycle.DEFAULT_PHASE - 1024}) waits for the requests under way, then {@code
 * WebServerStartStopLifecycle} (a further 1024 lower) stops the server; message listener containers
 * and schedulers stop at phases near {@code DEFAULT_PHASE} too, and plain {@code Lifecycle} beans
 * at phase 0. This bean's phase, {@link #PHASE} ({@code Integer.MIN_VALUE / 2}), is far below all
 * of them, so every request, listener or job that still uses the database ends before the pool
 * closes. Then {@link #stop()} calls {@link CisternDataSource#close()}: the engine waits up to its
 * {@code closeGrace} for connections still borrowed, aborts the rest, and the data source logs the
 * {@link dev.cistern.DisposalReport}. Without this bean the data source would still be closed, but
 * only when the bean factory destroys its singletons, in no defined order with other beans.
 *
 * <p>{@link CisternDataSource#close()} is idempotent, so the bean's own destroy method (Spring
 * infers {@code close}) later does nothing. A data source whose engine was never built is just
 * marked closed. Note that {@code ConfigurableApplicationContext.stop()} stops this bean too, and a
 * closed data source cannot be reopened by a later {@code start()}.
 */
public class CisternDataSourceLifecycle implements SmartLifecycle {

  /** The phase: {@code Integer.MIN_VALUE / 2}, stopped long after the web server's shutdown. */
  public static final int PHASE = Integer.MIN_VALUE / 2;

  private final ObjectProvider<CisternDataSource> dataSources;
  private volatile boolean running;

  /**
   * A lifecycle closing the given data sources.
   *
   * @param dataSources the data sources to close, looked up when stopping
   */
  public CisternDataSourceLifecycle(ObjectProvider<CisternDataSource> dataSources) {
    this.dataSources = dataSources;
  }

  @Override
  public void start() {
    running = true;
  }

  /** Closes every {@link CisternDataSource} of the context, each with its {@code closeGrace}. */
  @Override
  public void stop() {
    running = false;
    dataSources.orderedStream().forEach(CisternDataSource::close);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Returns {@link #PHASE}. */
  @Override
  public int getPhase() {
    return PHASE;
  }
}
