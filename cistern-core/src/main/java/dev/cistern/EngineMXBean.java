package dev.cistern;

/**
 * An engine as JMX sees it, registered when the engine's {@code registerMbeans} option is on, under
 * {@code dev.cistern:type=Engine,name=<engine name>}, and unregistered when the engine closes.
 * Attributes are a snapshot of the pool ({@link Engine#status()}); operations act on the engine as
 * the methods of {@link Engine} of the same name do.
 */
public interface EngineMXBean {
  /**
   * Returns the engine's name.
   *
   * @return the engine's name
   */
  String getName();

  /**
   * Returns the {@code poolSize} option.
   *
   * @return the number of connections kept in the pool
   */
  int getPoolSize();

  /**
   * Returns the {@code maxOverflow} option (-1: unlimited).
   *
   * @return the extra connections allowed beyond the pool size, or -1 for no limit
   */
  int getMaxOverflow();

  /**
   * Returns the connections open now.
   *
   * @return the number of open connections
   */
  int getSize();

  /**
   * Returns the open connections no one has borrowed.
   *
   * @return the number of idle connections
   */
  int getIdle();

  /**
   * Returns the borrowed connections.
   *
   * @return the number of borrowed connections
   */
  int getInUse();

  /**
   * Returns the borrowers waiting for a connection.
   *
   * @return the number of waiting borrowers
   */
  int getWaiting();

  /**
   * Returns true once the engine is closing or closed.
   *
   * @return true if the engine is closing or closed
   */
  boolean isClosed();

  /** Suspends the pool: borrowers wait until {@link #resume()} (see {@link Engine#suspend()}). */
  void suspend();

  /** Resumes handing out connections (see {@link Engine#resume()}). */
  void resume();

  /**
   * Marks every open connection stale: each is replaced at its next checkout, borrowed ones when
   * they come back (SQLAlchemy's soft invalidation), for example after a failover.
   */
  void softEvict();

  /** Replaces the pool, closing its idle connections at once (see {@link Engine#dispose()}). */
  void dispose();
}
