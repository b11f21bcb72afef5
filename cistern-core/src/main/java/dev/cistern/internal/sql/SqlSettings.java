package dev.cistern.internal.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An engine's settings for running SQL, fixed when the engine is built, plus its cache of parsed
 * statements. Thread-safe.
 *
 * @param engineName the engine's name, for logs and errors
 * @param dialectName the dialect's name, e.g. {@code postgresql}
 * @param syntax how the dialect quotes and comments, for the parameter parser
 * @param echo log every statement at INFO (otherwise at DEBUG when that is enabled)
 * @param hideParameters keep parameter values out of logs and exception messages
 * @param statementTimeout default statement timeout; zero for none
 * @param fetchSize default fetch size; above zero, results stream from the database
 * @param batchSize rows per batch (or multi-row INSERT) in executeMany
 * @param maxBindParameters the most {@code ?} one statement may carry
 * @param multiRowInsert whether executeMany may rewrite an INSERT into a multi-row INSERT
 * @param autocommit whether connections run in auto-commit mode (isolation level AUTOCOMMIT)
 * @param nativeUuid whether the driver binds {@link java.util.UUID} itself (else it goes as text)
 * @param timeAsText whether java.time values are bound as ISO text (SQLite)
 * @param health tells whether a connection was lost (for the wording of errors)
 * @param isolationPerTransaction whether an isolation level is set inside each transaction ({@code
 *     SET TRANSACTION ISOLATION LEVEL}) instead of on the session (PgBouncer in transaction mode)
 */
public record SqlSettings(
    String engineName,
    String dialectName,
    SqlSyntax syntax,
    boolean echo,
    boolean hideParameters,
    Duration statementTimeout,
    int fetchSize,
    int batchSize,
    int maxBindParameters,
    boolean multiRowInsert,
    boolean autocommit,
    boolean nativeUuid,
    boolean timeAsText,
    ConnectionHealth health,
    boolean isolationPerTransaction) {

  private static final int CACHE_LIMIT = 1024;

  /** Checks the values. */
  public SqlSettings {
    Objects.requireNonNull(engineName, "engineName");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(health, "health");
  }

  /** Settings that take no connection for lost ({@link ConnectionHealth#UNKNOWN}). */
  public SqlSettings(
      String engineName,
      String dialectName,
      SqlSyntax syntax,
      boolean echo,
      boolean hideParameters,
      Duration statementTimeout,
      int fetchSize,
      int batchSize,
      int maxBindParameters,
      boolean multiRowInsert,
      boolean autocommit,
      boolean nativeUuid,
      boolean timeAsText) {
    this(
        engineName,
        dialectName,
        syntax,
        echo,
        hideParameters,
        statementTimeout,
        fetchSize,
        batchSize,
        maxBindParameters,
        multiRowInsert,
        autocommit,
        nativeUuid,
        timeAsText,
        ConnectionHealth.UNKNOWN,
        false);
  }

  /** Returns true if this dialect is PostgreSQL, whose failed statements poison the transaction. */
  public boolean isPostgres() {
    return syntax == SqlSyntax.POSTGRES;
  }

  /** A bounded cache of parsed templates; cleared when full (statements repeat, so it refills). */
  public static final class Templates {
    private static final int RECENT = 64;

    private final ConcurrentHashMap<String, SqlTemplate> cache = new ConcurrentHashMap<>();
    private final SqlSyntax syntax;

    /**
     * The template last returned for each of a few slots (by the SQL's hash): a hit is the same
     * String object, usually a constant, so an identity check replaces the map lookup. Racy on
     * purpose: a template is immutable (its fields are final), so a stale or missing slot only
     * means going to the map; a slot is written only when it changes.
     */
    private final SqlTemplate[] recent = new SqlTemplate[RECENT];

    /** Creates an empty cache for one syntax. */
    public Templates(SqlSyntax syntax) {
      this.syntax = syntax;
    }

    /** Returns the parsed template for {@code sql}, parsing it on first use. */
    public SqlTemplate get(String sql) {
      int slot = sql.hashCode() & (RECENT - 1);
      SqlTemplate r = recent[slot];
      if (r != null && sql.equals(r.sql())) { // String.equals tries identity first
        return r;
      }
      SqlTemplate t = cache.get(sql);
      if (t == null) {
        if (cache.size() >= CACHE_LIMIT) {
          cache.clear(); // a rough bound: statements repeat, so the cache refills with the hot ones
        }
        t = cache.computeIfAbsent(sql, s -> SqlTemplate.parse(s, syntax));
      }
      if (r != t) {
        recent[slot] = t;
      }
      return t;
    }

    /** Returns how many templates are cached. */
    public int size() {
      return cache.size();
    }
  }
}
