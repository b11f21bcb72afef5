package dev.cistern;

/**
 * Receives an engine's connection pool events, after SQLAlchemy's pool events. Every method does
 * nothing by default; override the ones you need.
 *
 * <p>Each event runs on the thread where it happens: {@link #checkout}, {@link #checkin} and {@link
 * #reset} on the borrower's thread, {@link #connect} and {@link #firstConnect} on the pool's
 * background creator thread, {@link #close} on the pool's closer thread. Keep listeners short and
 * thread-safe.
 *
 * <p>An exception a listener throws is logged and never breaks the pool, nor keeps the event from
 * other listeners. The one exception is {@link Veto} thrown from {@link #checkout}: the pool then
 * discards that connection (firing {@link #invalidate}) and hands the borrower another one.
 */
public interface EngineListener {

  /** A new physical connection was opened; set session state on {@code e.connection()} here. */
  default void connect(ConnectionEvent e) {}

  /** The pool's very first physical connection was opened; fired once, before its connect. */
  default void firstConnect(ConnectionEvent e) {}

  /**
   * A connection is being handed to a borrower; throw {@link Veto} to make the pool discard it and
   * hand out a fresh one instead.
   */
  default void checkout(ConnectionEvent e) {}

  /** A connection came back from its borrower, before it is reset. */
  default void checkin(ConnectionEvent e) {}

  /** A returned connection was reset (its transaction ended, its settings restored). */
  default void reset(ConnectionEvent e) {}

  /** A connection was invalidated: it will be closed, not reused; {@code cause} may be null. */
  default void invalidate(ConnectionEvent e, Throwable cause) {}

  /** Every connection of the pool was marked stale, to be replaced at its next checkout. */
  default void softInvalidate(String engineName, Throwable cause) {}

  /** A physical connection was closed. */
  default void close(ConnectionEvent e) {}

  /** A connection left the pool for good; its borrower now owns the physical connection. */
  default void detach(ConnectionEvent e) {}

  /** The engine's pool was closed. */
  default void disposed(String engineName) {}

  /**
   * Thrown from {@link EngineListener#checkout} to refuse a connection: the pool discards it and
   * hands the borrower a fresh one.
   */
  class Veto extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a veto; {@code reason} says why the connection was refused. */
    public Veto(String reason) {
      super(reason);
    }
  }
}
