package dev.cistern.internal.engine;

import dev.cistern.DatabaseUrl;
import dev.cistern.IsolationLevel;
import dev.cistern.Option;
import dev.cistern.PgBouncerMode;
import dev.cistern.internal.dialect.Dialect;

/**
 * What the {@code pgbouncer} option changes when the engine is built: it is for PostgreSQL URLs
 * only; in transaction mode pgjdbc gets {@code prepareThreshold=0} (unless the URL sets it), and an
 * engine-wide {@code isolationLevel}, which pgjdbc would set on the session, is refused with the
 * server-side way to get it.
 */
final class PgBouncerSupport {
  private PgBouncerSupport() {}

  /** Checks the options against the dialect and returns the URL to connect with. */
  static DatabaseUrl prepare(DatabaseUrl url, EngineSettings settings, Dialect dialect) {
    PgBouncerMode mode = settings.get(Option.PGBOUNCER);
    if (mode == null || mode == PgBouncerMode.NONE) {
      return url;
    }
    if (!dialect.name().equals("postgresql")) {
      throw new IllegalArgumentException(
          "pgbouncer="
              + mode
              + " is for PostgreSQL URLs (PgBouncer speaks PostgreSQL's protocol), not "
              + dialect.name()
              + ": remove the option, or use a postgresql:// URL");
    }
    if (mode != PgBouncerMode.TRANSACTION) {
      return url;
    }
    IsolationLevel isolation = settings.isolationLevel();
    if (isolation != null && isolation != IsolationLevel.AUTOCOMMIT) {
      throw new IllegalArgumentException(
          "isolationLevel="
              + isolation
              + " cannot be used with pgbouncer=transaction: pgjdbc sets it on the server session"
              + " (SET SESSION CHARACTERISTICS), which PgBouncer hands to other clients after each"
              + " transaction; set it for the role on the server instead (ALTER ROLE <user> SET"
              + " default_transaction_isolation = '"
              + isolation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + "'), or per transaction with ExecutionOptions.isolationLevel");
    }
    if (url.isRawJdbc()) {
      if (!url.rawJdbcUrl().orElse("").contains("prepareThreshold=")) {
        throw new IllegalArgumentException(
            "pgbouncer=TRANSACTION with a raw JDBC URL: add prepareThreshold=0 to that URL (pgjdbc's"
                + " server-side prepared statements live in one server session, and PgBouncer"
                + " moves the client between sessions), or write it as postgresql://...");
      }
      return url;
    }
    if (url.driverProperties().containsKey("prepareThreshold")) {
      // the user chose: PgBouncer 1.21+ keeps prepared statements with max_prepared_statements
      return url;
    }
    return url.withQueryParameter("prepareThreshold", "0");
  }

  /** Whether checkouts refuse what would change the server session. */
  static boolean guardsSession(EngineSettings settings) {
    return settings.get(Option.PGBOUNCER) == PgBouncerMode.TRANSACTION;
  }
}
