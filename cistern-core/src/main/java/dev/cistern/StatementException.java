package dev.cistern;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement failed in the database (or its driver). Carries what a person needs to find the
 * fault: the SQLState, the vendor's error code, the SQL text and, unless the engine's {@code
 * hideParameters} option is on, the parameters it ran with. The driver's {@link SQLException} is
 * the cause.
 *
 * <p>On PostgreSQL a failed statement leaves the surrounding transaction unusable: every later
 * statement fails with SQLState {@code 25P02} until {@code rollback()} (or a rollback to a
 * savepoint). The message says so when that is the case.
 */
public class StatementException extends CisternException {
  private static final long serialVersionUID = 1L;

  /** The SQLState the driver reported, or null. */
  private final String sqlState;

  /** The vendor's error code, or 0. */
  private final int vendorCode;

  /** The SQL text as the caller wrote it, or null. */
  private final String sql;

  private final transient Map<String, Object> parameters;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the SQL and (unless hidden) parameters already in it
   * @param cause the driver's exception
   * @param sql the statement text
   * @param parameters the named parameters, or null if they are hidden
   */
  public StatementException(
      String message, SQLException cause, String sql, Map<String, ?> parameters) {
    this(
        message,
        cause,
        cause == null ? null : cause.getSQLState(),
        cause == null ? 0 : cause.getErrorCode(),
        sql,
        parameters);
  }

  /**
   * Creates the exception from any cause.
   *
   * @param message what failed
   * @param cause what the driver threw
   * @param sqlState the SQLState, or null
   * @param vendorCode the vendor's error code, or 0
   * @param sql the statement text, or null
   * @param parameters the named parameters, or null if they are hidden
   */
  protected StatementException(
      String message,
      Throwable cause,
      String sqlState,
      int vendorCode,
      String sql,
      Map<String, ?> parameters) {
    super(message, cause);
    this.sqlState = sqlState;
    this.vendorCode = vendorCode;
    this.sql = sql;
    this.parameters =
        parameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Returns the five-character SQLState the driver reported, or null if it gave none.
   *
   * @return the SQLState, or null
   */
  public String sqlState() {
    return sqlState;
  }

  /**
   * Returns the database vendor's error code (for example MariaDB's 1213), or 0.
   *
   * @return the vendor's error code, or 0
   */
  public int vendorCode() {
    return vendorCode;
  }

  /**
   * Returns the SQL text of the statement as the caller wrote it, or null if not known.
   *
   * @return the SQL text, or null
   */
  public String sql() {
    return sql;
  }

  /**
   * Returns the named parameters the statement ran with, or an empty map when the engine hides
   * parameters ({@link #parametersHidden()}) or the statement had none.
   *
   * @return the parameters by name, possibly empty
   */
  public Map<String, Object> parameters() {
    return parameters == null ? Map.of() : parameters;
  }

  /**
   * Returns true if the engine's {@code hideParameters} option kept the values out.
   *
   * @return true if the parameters were hidden
   */
  public boolean parametersHidden() {
    return parameters == null;
  }

  /**
   * Returns true for a serialization failure or deadlock, which a retry of the whole transaction
   * may get past: SQLState {@code 40001} or {@code 40P01}, or MySQL/MariaDB error 1213.
   *
   * @return true if retrying the transaction may succeed
   */
  public boolean isRetryable() {
    return isRetryable(sqlState, vendorCode);
  }

  static boolean isRetryable(String sqlState, int vendorCode) {
    return "40001".equals(sqlState) || "40P01".equals(sqlState) || vendorCode == 1213;
  }
}
