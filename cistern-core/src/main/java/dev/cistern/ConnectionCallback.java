package dev.cistern;

/**
 * Work on a borrowed connection that returns a value, for {@link Engine#withConnection} and {@link
 * Engine#inTransaction}. It may throw a checked exception of its own, which the engine rethrows
 * unchanged (Jdbi's {@code HandleCallback}).
 *
 * <pre>{@code
 * long n = engine.inTransaction(c -> c.execute("select count(*) from orders").scalar(Long.class));
 * }</pre>
 *
 * @param <R> what the work returns
 * @param <X> the checked exception it may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface ConnectionCallback<R, X extends Exception> {
  /**
   * Does the work. The connection is the engine's to return: do not close it or keep it.
   *
   * @param connection the borrowed connection, in a transaction if the engine began one
   * @return the result handed back to the caller
   * @throws X whatever the work throws; the engine rolls back and rethrows it
   */
  R withConnection(SqlConnection connection) throws X;
}
