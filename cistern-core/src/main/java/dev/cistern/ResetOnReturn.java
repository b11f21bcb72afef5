package dev.cistern;

/** What the pool does with a connection's open transaction when the connection comes back. */
public enum ResetOnReturn {
  /** Roll back whatever the borrower left open (the default). */
  ROLLBACK,
  /** Commit whatever the borrower left open. */
  COMMIT,
  /** Leave the transaction alone; only for drivers or setups that reset themselves. */
  NONE
}
