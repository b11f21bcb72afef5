package dev.cistern.internal.pool;

import dev.cistern.EngineListener.ResetState;

/**
 * The pool's events, as the engine turns them into {@code EngineListener} calls and log lines. The
 * pool calls these on the thread where the event happens; an exception thrown here is logged and
 * never breaks the pool, except from {@link #checkout}, where a {@link CheckoutVeto} makes the pool
 * throw the connection away and take another.
 */
public interface PoolListener {
  /** Does nothing. */
  PoolListener NONE = new PoolListener() {};

  /** A physical connection was opened. */
  default void connect(PoolEntry e) {}

  /**
   * The pool's first physical connection was opened (before {@link #connect}); no other connect
   * fires until both returned.
   */
  default void firstConnect(PoolEntry e) {}

  /** A connection was handed to a borrower; throw {@link CheckoutVeto} to refuse it. */
  default void checkout(PoolEntry e) {}

  /**
   * A connection came back from its borrower and was reset (after {@link #reset}); also fired when
   * the reset failed and the entry was invalidated (its state is then REMOVED).
   */
  default void checkin(PoolEntry e) {}

  /** A returned or detached connection is about to be reset by the pool. */
  default void reset(PoolEntry e, ResetState state) {}

  /** A connection was invalidated (closed, not reused); {@code cause} may be null. */
  default void invalidate(PoolEntry e, Throwable cause) {}

  /** Every connection older than now was marked stale, to be replaced at its next checkout. */
  default void softInvalidate(Throwable cause) {}

  /** A physical connection was closed. */
  default void close(PoolEntry e) {}

  /** A connection left the pool for good; its borrower now owns the physical connection. */
  default void detach(PoolEntry e) {}

  /** A detached connection is being closed by its borrower (after its reset). */
  default void closeDetached(PoolEntry e) {}

  /** The pool was closed. */
  default void disposed() {}

  /** Thrown by {@link #checkout} to make the pool replace the connection. */
  final class CheckoutVeto extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a veto with a reason. */
    public CheckoutVeto(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
