package dev.cistern;

/**
 * A borrower asked a pool that has been closed (its engine was closed or disposed) for a
 * connection.
 */
public class PoolClosedException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the pool. */
  public PoolClosedException(String poolName) {
    super("pool '" + poolName + "' is closed");
  }
}
