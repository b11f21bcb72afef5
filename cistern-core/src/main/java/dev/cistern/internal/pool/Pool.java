package dev.cistern.internal.pool;

import dev.cistern.PoolStatus;

/**
 * What every kind of pool offers its engine and its proxies: borrow an entry, give it back, throw
 * it away. {@link ConnectionPool} is the queue pool; the others are in {@link Pools}.
 *
 * <p>There are no default methods on purpose: a default "nothing borrowed" or "already closed" let
 * four pool kinds skip the hard part of closing silently. Every kind implements every method, and
 * {@code PoolKindLifecycleTest} runs the same lifecycle against each kind on every database.
 */
public interface Pool {
  /** Borrows an entry (the queue pool waits up to poolTimeout; the simple kinds do not wait). */
  PoolEntry acquire();

  /** Takes a borrowed entry back: resets it, then keeps, hands over or closes it. */
  void giveBack(PoolEntry e);

  /** Closes a borrowed entry's connection and forgets it ("hard" invalidation). */
  void invalidate(PoolEntry e, Throwable cause);

  /** Marks every connection open now as stale: each is replaced at its next checkout. */
  void softInvalidateAll(Throwable cause);

  /** Removes a borrowed entry from the pool without closing it; the borrower now owns it. */
  void detach(PoolEntry e);

  /**
   * Closes the physical connection of an entry {@linkplain #detach detached} earlier, on the
   * calling thread: fires reset, ends the transaction as the pool's reset-on-return says, fires
   * closeDetached, then closes (SQLAlchemy's order). Failures are logged, never thrown.
   */
  void closeDetached(PoolEntry e);

  /** Returns true if the error means the connection is gone (per the dialect). */
  boolean isDisconnect(java.sql.SQLException e);

  /**
   * Returns the entries borrowed now: what closing an engine waits for, then aborts. Every kind
   * must answer truthfully; an empty answer while a connection is out leaves a server session open
   * after close.
   */
  java.util.List<PoolEntry> borrowed();

  /**
   * Stops handing out connections: new borrowers wait, up to their timeout, until {@link #resume};
   * connections already borrowed are unaffected.
   */
  void suspend();

  /** Hands out connections again after {@link #suspend}, first to the borrowers that waited. */
  void resume();

  /** Returns a snapshot of the pool's counts. */
  PoolStatus status();

  /** Returns the pool's settings. */
  PoolConfig config();

  /**
   * Closes idle connections now (returning once they are closed, or after {@link #CLOSE_WAIT}) and
   * the others when they come back; refuses new borrowers.
   */
  void close();

  /** How long {@link #close()} and {@link #awaitClosed} wait for physical closes at most. */
  java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);

  /**
   * Waits until every connection the pool retired is physically closed, up to {@code timeout}.
   * Returns true if none is left being closed. A kind that closes on the caller's thread still
   * waits here for closes running on other threads (a borrower giving back after close).
   */
  boolean awaitClosed(java.time.Duration timeout);

  /** Returns true once closed. */
  boolean isClosed();
}
