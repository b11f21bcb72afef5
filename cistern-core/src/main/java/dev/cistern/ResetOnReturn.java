package dev.cistern;

/**
 * What the pool does with a connection's open transaction when the connection comes back.
 *
 * <p>The pool ends a transaction only if one may be open: a statement ran since the last commit or
 * rollback, or the borrower unwrapped the driver's own connection. A connection that was only
 * borrowed and returned costs no round trip.
 */
public enum ResetOnReturn {
  /** Roll back whatever the borrower left open (the default). */
  ROLLBACK,
  /** Commit whatever the borrower left open. */
  COMMIT,
  /**
   * Leave the transaction alone; only for drivers or setups that reset themselves. Settings the
   * borrower changed are still restored, and JDBC commits an open transaction when auto-commit is
   * switched back on.
   */
  NONE
}
