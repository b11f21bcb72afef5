package dev.cistern.internal.pool;

import java.sql.Connection;

/** Padding before {@link PoolEntryFields}: one cache line (and then some) of unused longs. */
@SuppressWarnings("unused")
abstract class PoolEntryPadBefore {
  long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The fields of a {@link PoolEntry}, padded on both sides against false sharing. */
abstract class PoolEntryFields extends PoolEntryPadBefore {
  @SuppressWarnings("unused") // accessed through STATE
  volatile int state;

  final Connection raw;
  final long id;
  final long createdNanos;
  final ConnectionState connectionState;

  /** Checkouts so far; written only by the entry's current holder. */
  long uses;

  // Plain fields: written by the entry's owner before it publishes the entry with a volatile state
  // write, and read only after a CAS on the state. No fence on the return path for them.

  /** When the entry last went back to the pool (the precise clock only when pre-ping needs it). */
  long lastReturnedNanos;

  /** When the entry was last pinged by keepalive. */
  long lastPingNanos;

  /** How old the entry may grow before it is retired (poolRecycle, less its spread). */
  long maxAgeNanos;

  /**
   * The order in which the entry last became idle, for an explicit LIFO or FIFO order (see {@link
   * PoolConfig.Order}); unused with the default affinity order.
   */
  long idleSeq;

  /**
   * When the entry was last handed out, on the engine's leak clock: written by the engine before it
   * publishes the borrower (release), read after reading the borrower (acquire).
   */
  long borrowedNanos;

  /**
   * Who borrowed the entry now (the engine's record of the borrow), or null. Written with release
   * and read with acquire semantics: a plain store on the checkout path, no fence.
   */
  @SuppressWarnings("unused") // accessed through BORROWER
  Object borrower;

  /**
   * The name of the thread that borrowed the entry last, when the engine records it here rather
   * than in {@link #borrower}: a plain store on the checkout path, published by the borrower's
   * release store and read after it.
   */
  String borrowerThread;

  /**
   * The engine's close hook for this entry's borrows, made once per entry and reused by every
   * checkout (so a checkout allocates none); written and read only by the entry's holder.
   */
  Runnable closeHook;

  PoolEntryFields(Connection raw, long id, long createdNanos) {
    this.raw = raw;
    this.id = id;
    this.createdNanos = createdNanos;
    this.connectionState = new ConnectionState(raw);
    this.lastReturnedNanos = createdNanos;
  }
}

/** Padding after {@link PoolEntryFields}. */
@SuppressWarnings("unused")
abstract class PoolEntryPadAfter extends PoolEntryFields {
  long q00, q01, q02, q03, q04, q05, q06, q07;

  PoolEntryPadAfter(Connection raw, long id, long createdNanos) {
    super(raw, id, createdNanos);
  }
}
