package dev.cistern;

/** The kinds of pool an engine can own, chosen with {@link Option#POOL_CLASS}. */
public enum PoolClass {
  /**
   * A bounded pool of {@code poolSize} connections plus {@code maxOverflow} extra ones (the
   * default).
   */
  QUEUE,
  /** No pooling: every checkout opens a connection and every return closes it. */
  NULL,
  /** One connection shared by every checkout, for in-memory databases. */
  STATIC,
  /** One connection per thread. */
  SINGLETON_THREAD,
  /**
   * At most one checkout at a time; a second one fails naming the stack of the first. For tests.
   */
  ASSERTION
}
