package dev.cistern;

import java.util.Objects;

/**
 * An {@link Engine} seen with other {@link ExecutionOptions}: it borrows from the engine's pool (no
 * pool of its own) and applies its options to every connection it hands out, reverted when the
 * connection returns. SQLAlchemy's {@code engine.execution_options(...)}; made by {@link
 * Engine#withOptions}.
 *
 * <pre>{@code
 * EngineView serializable =
 *     engine.withOptions(ExecutionOptions.defaults().isolationLevel(IsolationLevel.SERIALIZABLE));
 * serializable.useTransaction(c -> c.execute("update stock set n = n - 1 where sku = 'A1'"));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> A view owns nothing, so it has no {@code close()} and no {@code dispose()},
 * and is not {@link AutoCloseable}: closing a view must not close the pool other views and the
 * engine still use, and a {@code close()} that did nothing would only mislead a try-with-resources.
 * The engine's lifecycle governs the view: after {@link Engine#close()} its {@link #connect()}
 * throws {@link EngineClosedException}, and {@link Engine#dispose()} affects it like the engine.
 * Reach the engine with {@link #engine()}. Views are thread-safe and cheap; make them once and keep
 * them.
 */
public final class EngineView {
  private final Engine engine;
  private final ExecutionOptions options;

  EngineView(Engine engine, ExecutionOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /**
   * Returns the engine this view borrows from.
   *
   * @return the engine behind this view
   */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns the options this view applies.
   *
   * @return the execution options applied to each connection
   */
  public ExecutionOptions options() {
    return options;
  }

  /**
   * Returns a view with these options and {@code more} on top (a setting {@code more} makes wins).
   *
   * @param more the options to apply on top of this view's
   * @return a new view on the same engine
   */
  public EngineView withOptions(ExecutionOptions more) {
    Objects.requireNonNull(more, "more");
    return new EngineView(engine, options.merge(more));
  }

  /**
   * Borrows a connection as {@link Engine#connect()} does and applies the view's options to it.
   *
   * @return the borrowed connection, with the view's options applied
   * @throws EngineClosedException if the engine is closed
   * @throws PoolTimeoutException if no connection became free in time
   * @throws StatementException if an option could not be set (the connection is returned)
   */
  public SqlConnection connect() {
    return engine.connect(options);
  }

  /**
   * Like {@link Engine#begin()}, on a connection with the view's options.
   *
   * @return the open transaction; closing it without a commit rolls back
   */
  public Transaction begin() {
    return engine.begin(options);
  }

  /**
   * Like {@link Engine#withConnection}, on a connection with the view's options.
   *
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run on the borrowed connection
   * @return what {@code callback} returned
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R withConnection(ConnectionCallback<R, X> callback) throws X {
    return engine.withConnection(options, callback);
  }

  /**
   * Like {@link Engine#useConnection}, on a connection with the view's options.
   *
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run on the borrowed connection
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useConnection(ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    engine.withConnection(options, Engine.asCallback(callback));
  }

  /**
   * Like {@link Engine#inTransaction(ConnectionCallback)}, on a connection with the view's options.
   *
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run in the transaction
   * @return what {@code callback} returned
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R inTransaction(ConnectionCallback<R, X> callback) throws X {
    return engine.inTransaction(options, callback);
  }

  /**
   * Like {@link Engine#inTransaction(IsolationLevel, ConnectionCallback)}, on a connection with the
   * view's options and {@code level} over the view's isolation level.
   *
   * @param <R> the callback's result type
   * @param <X> the checked exception the callback may throw
   * @param level the isolation level for this transaction
   * @param callback the work to run in the transaction
   * @return what {@code callback} returned
   * @throws IllegalArgumentException if {@code level} is {@link IsolationLevel#AUTOCOMMIT}
   * @throws X what {@code callback} throws
   */
  public <R, X extends Exception> R inTransaction(
      IsolationLevel level, ConnectionCallback<R, X> callback) throws X {
    return engine.inTransaction(options.merge(ExecutionOptions.forTransaction(level)), callback);
  }

  /**
   * Like {@link Engine#useTransaction(ConnectionConsumer)}, on a connection with the view's
   * options.
   *
   * @param <X> the checked exception the callback may throw
   * @param callback the work to run in the transaction
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useTransaction(ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    engine.inTransaction(options, Engine.asCallback(callback));
  }

  /**
   * Like {@link Engine#useTransaction(IsolationLevel, ConnectionConsumer)}, on a connection with
   * the view's options and {@code level} over the view's isolation level.
   *
   * @param <X> the checked exception the callback may throw
   * @param level the isolation level for this transaction
   * @param callback the work to run in the transaction
   * @throws IllegalArgumentException if {@code level} is {@link IsolationLevel#AUTOCOMMIT}
   * @throws X what {@code callback} throws
   */
  public <X extends Exception> void useTransaction(
      IsolationLevel level, ConnectionConsumer<X> callback) throws X {
    Objects.requireNonNull(callback, "callback");
    engine.inTransaction(
        options.merge(ExecutionOptions.forTransaction(level)), Engine.asCallback(callback));
  }

  /** One line: {@code EngineView(engine-1, ExecutionOptions(readOnly=true))}. */
  @Override
  public String toString() {
    return "EngineView(" + engine.name() + ", " + options + ")";
  }
}
