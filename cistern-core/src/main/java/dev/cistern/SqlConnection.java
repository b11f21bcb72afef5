package dev.cistern;

import dev.cistern.internal.engine.LeakDetector;
import dev.cistern.internal.pool.Pool;
import dev.cistern.internal.pool.PoolEntry;
import dev.cistern.internal.pool.ProxyConnection;
import java.sql.Connection;

/**
 * A connection borrowed from an {@link Engine}. {@link #close()} gives it back: the pool rolls back
 * what was left open and restores every setting that was changed.
 *
 * <p>Named so it never clashes with {@link java.sql.Connection}; {@link #jdbc()} gives the JDBC
 * view of the same connection. Use it from one thread at a time.
 *
 * <p>A connection dropped without being closed is reclaimed once the garbage collector finds it
 * unreachable (it and its {@link #jdbc()} view, with its statements): its physical connection is
 * closed, its pool slot freed and a warning logged, with the borrowing stack when {@code
 * leakDetectionThreshold} is on. Connections borrowed through {@link Engine#dataSource()} are not
 * reclaimed this way (a known limit).
 */
public final class SqlConnection implements AutoCloseable {
  private final Engine engine;
  private final Pool pool;
  private final PoolEntry entry;
  private final ProxyConnection jdbc;
  private boolean detached;

  SqlConnection(Engine engine, Pool pool, PoolEntry entry) {
    this.engine = engine;
    this.pool = pool;
    this.entry = entry;
    LeakDetector.Borrow borrow = engine.leakDetector().borrowed(pool, entry);
    this.jdbc = new ProxyConnection(entry, pool, borrow::returned);
    // registered on the JDBC view: it is reachable while this is, and while the caller keeps only
    // the view or its statements
    LeakDetector.register(jdbc, borrow);
  }

  /** Returns the engine this connection was borrowed from. */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns the JDBC view of this connection. Closing it is the same as closing this; after that,
   * every method throws.
   */
  public Connection jdbc() {
    return jdbc;
  }

  /**
   * Invalidates the connection: its physical connection is closed and never reused, and closing
   * this returns nothing to the pool. For a connection known or suspected to be broken.
   */
  public void invalidate() {
    invalidate(null);
  }

  /** Invalidates the connection, giving the reason to listeners and logs. */
  public void invalidate(Throwable reason) {
    if (!jdbc.isClosed()) {
      pool.invalidate(entry, reason);
      jdbc.close();
    }
  }

  /**
   * Detaches the connection from the pool: the pool forgets it (and may open another), and {@link
   * #close()} then really closes the physical connection. For a connection whose state was changed
   * in ways the pool cannot reset.
   */
  public void detach() {
    if (!detached && !jdbc.isClosed()) {
      pool.detach(entry);
      detached = true;
    }
  }

  /** Returns true once closed (or invalidated). */
  public boolean isClosed() {
    return jdbc.isClosed();
  }

  /** Gives the connection back to the pool (or closes it, if detached). Idempotent. */
  @Override
  public void close() {
    if (detached) {
      if (!jdbc.isClosed()) {
        jdbc.close();
        try {
          entry.raw().close();
        } catch (java.sql.SQLException e) {
          throw new CisternException("closing a detached connection failed", e);
        }
      }
      return;
    }
    jdbc.close();
  }

  @Override
  public String toString() {
    return "SqlConnection(" + engine.name() + ", " + entry + (isClosed() ? ", closed" : "") + ")";
  }
}
