package dev.cistern;

/**
 * Work on a borrowed connection that returns nothing, for {@link Engine#useConnection} and {@link
 * Engine#useTransaction}. It may throw a checked exception of its own, which the engine rethrows
 * unchanged (Jdbi's {@code HandleConsumer}).
 *
 * <pre>{@code
 * engine.useTransaction(c -> c.execute("update stock set n = n - 1 where sku = 'A1'"));
 * }</pre>
 *
 * @param <X> the checked exception it may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface ConnectionConsumer<X extends Exception> {
  /**
   * Does the work. The connection is the engine's to return: do not close it or keep it.
   *
   * @param connection the borrowed connection, in a transaction if the engine began one
   * @throws X whatever the work throws; the engine rolls back and rethrows it
   */
  void useConnection(SqlConnection connection) throws X;
}
