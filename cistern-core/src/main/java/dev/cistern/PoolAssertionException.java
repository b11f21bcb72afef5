package dev.cistern;

/**
 * A second checkout was attempted from an assertion pool ({@link PoolClass#ASSERTION}) while its
 * one connection was still checked out.
 *
 * <p>The assertion pool exists to catch code that holds two connections at once, or forgets to
 * close one. The message names the pool and shows where the first, still open checkout was made, so
 * the leak can be found from the failure alone.
 */
public class PoolAssertionException extends CisternException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that includes the first checkout's stack.
   *
   * @param message the message, with the first checkout's stack
   */
  public PoolAssertionException(String message) {
    super(message);
  }
}
