package dev.cistern;

/**
 * Receives an engine's connection pool events, after SQLAlchemy's pool events. Every method does
 * nothing by default; override the ones you need.
 *
 * <p>Listeners given to the builder hear every event; {@code Engine.addListener} adds one to a
 * running engine, which hears the events from then on (a checkin whose checkout it did not see, for
 * example), and {@code Engine.removeListener} removes it.
 *
 * <p>Each event runs on the thread where it happens: {@link #checkout}, {@link #reset}, {@link
 * #checkin} and {@link #closeDetached} on the borrower's thread, {@link #connect} and {@link
 * #firstConnect} on the thread that opened the connection (the queue pool's background creator, or
 * the borrower for the other pool kinds), {@link #close} on the pool's closer thread. Keep
 * listeners short and thread-safe.
 *
 * <p>The order is SQLAlchemy's: {@link #firstConnect} once per pool, before any {@link #connect};
 * on return {@link #reset} (before the pool's own rollback or commit), then {@link #checkin};
 * closing a {@linkplain SqlConnection#detach() detached} connection fires {@link #reset} then
 * {@link #closeDetached}.
 *
 * <p>An exception a listener throws is logged and never breaks the pool, nor keeps the event from
 * other listeners. The one exception is {@link Veto} thrown from {@link #checkout}: the pool then
 * discards that connection (firing {@link #invalidate}) and hands the borrower another one.
 */
public interface EngineListener {

  /**
   * A new physical connection was opened; set session state on {@code e.connection()} here. It is
   * handed to no borrower before this returns.
   *
   * @param e the new connection and its pool
   */
  default void connect(ConnectionEvent e) {}

  /**
   * The pool's first physical connection was opened; fired once per pool, before its {@link
   * #connect}. Until this and that first {@link #connect} have returned, no other connection's
   * {@link #connect} fires: openings on other threads wait (as SQLAlchemy's {@code first_connect}),
   * so one-time setup done here is complete before any connection is used.
   *
   * @param e the first connection and its pool
   */
  default void firstConnect(ConnectionEvent e) {}

  /**
   * A connection is being handed to a borrower; throw {@link Veto} to make the pool discard it and
   * hand out a fresh one instead.
   *
   * @param e the connection being handed out and its pool
   */
  default void checkout(ConnectionEvent e) {}

  /**
   * A connection came back from its borrower and was reset (a {@code STATIC} pool resets only at
   * the last holder's return); it goes back to the pool (or is closed) right after this. Fired once
   * for every checkout except one detached or invalidated while borrowed, also when the reset
   * failed: {@code e.connection()} is then {@code null}, as the connection was invalidated (as
   * SQLAlchemy's {@code checkin}).
   *
   * @param e the connection that came back and its pool
   */
  default void checkin(ConnectionEvent e) {}

  /**
   * A connection that came back from its borrower, or a detached one being closed, is about to be
   * reset: fired before the pool's own rollback or commit ({@code state.kind()}), so a listener can
   * do its own reset here, for example with {@code poolResetOnReturn=none}. Followed by {@link
   * #checkin}, or by {@link #closeDetached} for a detached connection. Not fired for an invalidated
   * connection.
   *
   * @param e the connection about to be reset and its pool
   * @param state what the pool is about to do with the connection's transaction
   */
  default void reset(ConnectionEvent e, ResetState state) {}

  /**
   * A connection was invalidated: it will be closed, not reused; {@code cause} may be null.
   *
   * @param e the invalidated connection and its pool
   * @param cause why it was invalidated, or null
   */
  default void invalidate(ConnectionEvent e, Throwable cause) {}

  /**
   * Every connection of the pool was marked stale, to be replaced at its next checkout.
   *
   * @param engineName the name of the engine whose pool was marked stale
   * @param cause why, or null
   */
  default void softInvalidate(String engineName, Throwable cause) {}

  /**
   * A physical connection was closed.
   *
   * @param e the closed connection and its pool
   */
  default void close(ConnectionEvent e) {}

  /**
   * A connection left the pool for good; its borrower now owns the physical connection.
   *
   * @param e the detached connection and its pool
   */
  default void detach(ConnectionEvent e) {}

  /**
   * A detached connection is being closed by its borrower: fired after its {@link #reset}, just
   * before the physical connection is closed (SQLAlchemy's {@code close_detached}). No {@link
   * #close} follows: the pool no longer knows the connection.
   *
   * @param e the detached connection being closed
   */
  default void closeDetached(ConnectionEvent e) {}

  /**
   * The engine's pool was closed.
   *
   * @param engineName the name of the engine whose pool was closed
   */
  default void disposed(String engineName) {}

  /**
   * A borrower got a connection from the engine ({@code connect()}, a transaction, or the engine's
   * data source), after {@link #checkout}, on the borrower's thread. {@code waitNanos} is how long
   * the borrow took: waiting for a free connection, opening one and pre-ping included. The engine
   * reads the clock for this only while at least one listener is registered; with none, a borrow
   * reads no clock.
   *
   * @param e the borrowed connection and its pool
   * @param waitNanos how long the borrow took, in nanoseconds
   */
  default void acquired(ConnectionEvent e, long waitNanos) {}

  /**
   * A borrower gave up: no connection became free within {@code poolTimeout}. Fired on the
   * borrower's thread just before {@code e} is thrown to it; its message names who holds the
   * connections.
   *
   * @param engineName the name of the engine the borrower waited on
   * @param e the exception about to be thrown to the borrower
   */
  default void acquireTimeout(String engineName, PoolTimeoutException e) {}

  /**
   * The engine asked the driver for a new physical connection, for any pool kind: it took {@code
   * elapsedNanos}, and failed with {@code failure}, or succeeded ({@code failure} null; {@link
   * #connect} follows once the pool adopts it). Fired on the thread that opened it.
   *
   * @param engineName the name of the engine that opened the connection
   * @param elapsedNanos how long the attempt took, in nanoseconds
   * @param failure why the attempt failed, or null if it succeeded
   */
  default void connectAttempt(String engineName, long elapsedNanos, Throwable failure) {}

  /**
   * A borrowed connection looks leaked: held past {@code leakDetectionThreshold}, dropped without
   * being closed, or held past {@code abandonTimeout}; see {@link LeakEvent.Kind}. Fired on the
   * engine's leak-check or reclaim thread, after the log line.
   *
   * @param e the leak: which connection, who borrowed it, and the kind of leak
   */
  default void leak(LeakEvent e) {}

  /**
   * The engine was closed: {@code report} says what was closed, waited for or aborted. Fired once,
   * on the thread that closed it, after the pool's {@link #disposed}; not fired for an engine
   * dropped without {@code close()}.
   *
   * @param report what closing the engine did
   */
  default void engineClosed(DisposalReport report) {}

  /**
   * What {@link EngineListener#reset} is told about the reset to come (SQLAlchemy's {@code
   * PoolResetState}).
   *
   * @param kind what the pool does right after the event with a transaction the borrower may have
   *     left open: the engine's {@code poolResetOnReturn}
   * @param terminateOnly true if the connection is closed after this reset instead of going back to
   *     the pool: a detached connection, a {@code NULL} pool, or a pool that was closed; false does
   *     not promise that it is kept (an overflow or expired connection may still be closed)
   * @param detached true if the connection was {@linkplain SqlConnection#detach() detached} and is
   *     being closed by its borrower
   */
  record ResetState(ResetOnReturn kind, boolean terminateOnly, boolean detached) {
    /**
     * Checks that the kind is given.
     *
     * @param kind what the pool does with an open transaction right after the event
     * @param terminateOnly true if the connection is closed after this reset
     * @param detached true if the connection was detached and is being closed by its borrower
     */
    public ResetState {
      java.util.Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * Thrown from {@link EngineListener#checkout} to refuse a connection: the pool discards it and
   * hands the borrower a fresh one.
   */
  class Veto extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a veto; {@code reason} says why the connection was refused.
     *
     * @param reason why the connection was refused, for the log
     */
    public Veto(String reason) {
      super(reason);
    }
  }
}
