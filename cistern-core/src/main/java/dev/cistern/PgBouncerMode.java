package dev.cistern;

/**
 * How the engine's PostgreSQL server is reached through PgBouncer, chosen with {@link
 * Option#PGBOUNCER} ({@code ?pgbouncer=transaction} in the URL).
 *
 * <p>PgBouncer's {@code pool_mode} decides what a client may rely on: in session mode a client
 * keeps one server session for as long as it is connected, as with a direct connection; in
 * transaction mode each transaction may run on a different server session, so nothing that lives in
 * a session (server-side prepared statements, {@code SET}, {@code LISTEN}, session advisory locks,
 * temporary tables, cursors {@code WITH HOLD}) survives the transaction, and what one client leaves
 * in a session is seen by another.
 */
public enum PgBouncerMode {
  /** A direct connection to PostgreSQL (the default): nothing is changed. */
  NONE,
  /**
   * PgBouncer in {@code pool_mode = session}: the connection keeps its server session, so every
   * feature works; the engine also reads PgBouncer's limits for its sizing check.
   */
  SESSION,
  /**
   * PgBouncer in {@code pool_mode = transaction}: pgjdbc is told not to use server-side prepared
   * statements ({@code prepareThreshold=0} unless the URL sets it), an isolation level of the
   * engine's API is set inside each transaction ({@code SET TRANSACTION ISOLATION LEVEL}) rather
   * than on the session, and SQL or JDBC calls that would change or rely on the server session fail
   * at once with SQLState {@code 0A000}, naming what to use instead.
   */
  TRANSACTION
}
