package dev.cistern;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings applied to every connection borrowed through an {@link EngineView} ({@link
 * Engine#withOptions}), like SQLAlchemy's {@code engine.execution_options(...)}. Immutable: each
 * method returns a copy with one setting changed; a setting left unset keeps the engine's.
 *
 * <pre>{@code
 * EngineView reports =
 *     engine.withOptions(
 *         ExecutionOptions.defaults()
 *             .isolationLevel(IsolationLevel.REPEATABLE_READ)
 *             .readOnly(true)
 *             .statementTimeout(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>The isolation level and read-only flag are set on the connection at checkout and reverted when
 * it returns, as {@link SqlConnection#isolation} and {@link SqlConnection#readOnly} are; the
 * statement timeout and fetch size are those of {@link SqlConnection#statementTimeout} and {@link
 * SqlConnection#fetchSize}.
 */
public final class ExecutionOptions {
  private static final ExecutionOptions DEFAULTS = new ExecutionOptions(null, null, null, null);

  private final IsolationLevel isolationLevel;
  private final Boolean readOnly;
  private final Duration statementTimeout;
  private final Integer fetchSize;

  private ExecutionOptions(
      IsolationLevel isolationLevel,
      Boolean readOnly,
      Duration statementTimeout,
      Integer fetchSize) {
    this.isolationLevel = isolationLevel;
    this.readOnly = readOnly;
    this.statementTimeout = statementTimeout;
    this.fetchSize = fetchSize;
  }

  /**
   * Returns options that change nothing: every setting is the engine's.
   *
   * @return options with every setting left to the engine
   */
  public static ExecutionOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with the isolation level set ({@link IsolationLevel#AUTOCOMMIT} included).
   *
   * @param level the isolation level to set on each connection
   * @return the modified copy
   */
  public ExecutionOptions isolationLevel(IsolationLevel level) {
    Objects.requireNonNull(level, "level");
    return new ExecutionOptions(level, readOnly, statementTimeout, fetchSize);
  }

  /**
   * Returns a copy with the read-only flag set.
   *
   * @param readOnly true to make each connection read-only, false to make it read-write
   * @return the modified copy
   */
  public ExecutionOptions readOnly(boolean readOnly) {
    return new ExecutionOptions(isolationLevel, readOnly, statementTimeout, fetchSize);
  }

  /**
   * Returns a copy with the statement timeout set; zero for no limit.
   *
   * @param timeout the longest a statement may run, or zero for no limit
   * @return the modified copy
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public ExecutionOptions statementTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "statementTimeout must be zero or positive, got " + timeout);
    }
    return new ExecutionOptions(isolationLevel, readOnly, timeout, fetchSize);
  }

  /**
   * Returns a copy with the fetch size set; 0 reads every result into memory.
   *
   * @param rows the number of rows to fetch per round trip, or 0 for all at once
   * @return the modified copy
   * @throws IllegalArgumentException if {@code rows} is negative
   */
  public ExecutionOptions fetchSize(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("fetchSize must be zero or positive, got " + rows);
    }
    return new ExecutionOptions(isolationLevel, readOnly, statementTimeout, rows);
  }

  /**
   * Returns the isolation level, or null to keep the engine's.
   *
   * @return the isolation level, or null
   */
  public IsolationLevel isolationLevel() {
    return isolationLevel;
  }

  /**
   * Returns the read-only flag, or null to keep the engine's.
   *
   * @return the read-only flag, or null
   */
  public Boolean readOnly() {
    return readOnly;
  }

  /**
   * Returns the statement timeout, or null to keep the engine's.
   *
   * @return the statement timeout, or null
   */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * Returns the fetch size, or null to keep the engine's.
   *
   * @return the fetch size, or null
   */
  public Integer fetchSize() {
    return fetchSize;
  }

  /**
   * Returns options that set the isolation level of one transaction.
   *
   * @throws IllegalArgumentException for {@link IsolationLevel#AUTOCOMMIT}, which is no transaction
   */
  static ExecutionOptions forTransaction(IsolationLevel level) {
    Objects.requireNonNull(level, "level");
    if (level == IsolationLevel.AUTOCOMMIT) {
      throw new IllegalArgumentException(
          "a transaction needs an isolation level such as READ_COMMITTED or SERIALIZABLE, was"
              + " AUTOCOMMIT (every statement commits on its own: use withConnection for that)");
    }
    return DEFAULTS.isolationLevel(level);
  }

  /** Returns these options with every setting that {@code more} sets replaced by its value. */
  ExecutionOptions merge(ExecutionOptions more) {
    return new ExecutionOptions(
        more.isolationLevel != null ? more.isolationLevel : isolationLevel,
        more.readOnly != null ? more.readOnly : readOnly,
        more.statementTimeout != null ? more.statementTimeout : statementTimeout,
        more.fetchSize != null ? more.fetchSize : fetchSize);
  }

  /** Applies the settings to a connection just borrowed. */
  void applyTo(SqlConnection c) {
    if (isolationLevel != null) {
      c.isolation(isolationLevel);
    }
    if (readOnly != null) {
      c.readOnly(readOnly);
    }
    if (statementTimeout != null) {
      c.statementTimeout(statementTimeout);
    }
    if (fetchSize != null) {
      c.fetchSize(fetchSize);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionOptions x
        && isolationLevel == x.isolationLevel
        && Objects.equals(readOnly, x.readOnly)
        && Objects.equals(statementTimeout, x.statementTimeout)
        && Objects.equals(fetchSize, x.fetchSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(isolationLevel, readOnly, statementTimeout, fetchSize);
  }

  /** Lists the settings made, e.g. {@code ExecutionOptions(isolationLevel=SERIALIZABLE)}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ExecutionOptions(");
    String sep = "";
    if (isolationLevel != null) {
      b.append("isolationLevel=").append(isolationLevel);
      sep = ", ";
    }
    if (readOnly != null) {
      b.append(sep).append("readOnly=").append(readOnly);
      sep = ", ";
    }
    if (statementTimeout != null) {
      b.append(sep).append("statementTimeout=").append(statementTimeout);
      sep = ", ";
    }
    if (fetchSize != null) {
      b.append(sep).append("fetchSize=").append(fetchSize);
    }
    return b.append(')').toString();
  }
}
