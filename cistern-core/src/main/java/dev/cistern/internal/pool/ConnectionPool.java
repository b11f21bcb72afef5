package dev.cistern.internal.pool;

import dev.cistern.CisternException;
import dev.cistern.PoolStatus;
import dev.cistern.PoolTimeoutException;
import dev.cistern.ResetOnReturn;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue pool: hands out physical connections and takes them back, with no lock on the way.
 *
 * <p>Every connection sits in a slot ({@link PoolEntry}) of a copy-on-write array ({@link Slots});
 * a borrower owns a slot by winning a CAS from IDLE to IN_USE. The fast path is one thread-local
 * read and one uncontended CAS: a thread first tries the connection it returned last, then scans
 * the slots. A borrower that finds nothing free asks the background {@link Creator} for a
 * connection (never opening one itself) and parks in a FIFO queue; a returning connection is handed
 * straight to the longest waiter, so waiters are served in order and newcomers cannot barge. No
 * allocation happens on the fast path, and the clock is read only for the features that need it
 * (pre-ping, recycle); idle time uses a coarse clock that {@link Maintenance} advances.
 */
public final class ConnectionPool implements Pool {
  private static final Logger log = LoggerFactory.getLogger("dev.cistern.pool");

  final PoolConfig config;
  final PoolHealth health;
  final Ticker ticker;
  final PoolSupport support;
  final PoolListeners listener;
  final Slots slots;
  private final int maxSize;
  private final boolean recycling;
  private final ThreadLocal<PoolEntry> lastUsed = new ThreadLocal<>();

  /** The default order: a thread first tries the connection it returned last. */
  private final boolean affinity;

  final WaitQueue waitQueue = new WaitQueue(this);
  private final AtomicInteger total = new AtomicInteger();
  final Creator creator;
  private final Maintenance maintenance;
  private final Closer closer;
  private volatile boolean closed;
  volatile boolean suspended;

  /** Connections with an id up to this one are stale (0: none); set by soft invalidation. */
  private volatile long staleUpToId;

  private final java.util.concurrent.atomic.AtomicBoolean closing0 =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** A clock that moves only when maintenance runs: cheap enough to stamp every return. */
  volatile long coarseNow;

  /** Creates a pool with the default support (JDBC isValid, SQLState 08 as disconnects). */
  public ConnectionPool(PoolConfig config, ConnectionFactory factory, Ticker ticker) {
    this(config, factory, ticker, PoolSupport.DEFAULT);
  }

  /** Creates a pool; it opens no connection until asked (or until minIdle asks for some). */
  public ConnectionPool(
      PoolConfig config, ConnectionFactory factory, Ticker ticker, PoolSupport support) {
    this.config = config;
    this.health = config.health();
    this.ticker = ticker;
    this.support = support;
    this.listener = PoolListeners.dispatch(support.listener(), config.name());
    this.maxSize = config.maxSize();
    this.slots = new Slots(config.order());
    this.affinity = config.order() == PoolConfig.Order.AFFINITY;
    this.recycling = !health.recycle().isZero();
    this.coarseNow = ticker.nanoTime();
    this.creator = new Creator(this, factory);
    this.maintenance = new Maintenance(this);
    this.closer = new Closer(this);
    if (config.minIdle() > 0) {
      creator.fillTo(config.minIdle());
    }
  }

  @Override
  public PoolConfig config() {
    return config;
  }

  /**
   * Borrows an entry, waiting up to {@code poolTimeout}: one deadline for the whole borrow,
   * covering the wait, the openings it waits for and pre-ping validation (each ping is bounded by
   * what is left). With poolTimeout 0 it never waits for a busy pool, but waits for an opening that
   * is allowed below the maximum.
   *
   * @throws PoolTimeoutException if none became free in time
   * @throws dev.cistern.CannotConnectException if the opening it waited for failed with an error
   *     that retrying cannot fix
   * @throws PoolClosedException if the pool is closed
   */
  @Override
  public PoolEntry acquire() {
    int vetoed = 0;
    // The clock is read only once something needs it (a wait, a check): the fast path reads none.
    long start = 0;
    boolean timed = false;
    while (true) {
      if (closed) {
        throw new PoolClosedException(config.name());
      }
      PoolEntry e = claimNow();
      if (e == null) {
        if (!timed) {
          start = ticker.nanoTime();
          timed = true;
        }
        e = waitQueue.await(start);
      }
      if (health.prePing() || recycling || staleUpToId != 0) {
        if (!timed) {
          start = ticker.nanoTime();
          timed = true;
        }
        if (!usable(e, start)) {
          continue;
        }
      }
      e.uses++;
      if (listener.active()) {
        try {
          listener.checkout(e);
        } catch (PoolListener.CheckoutVeto veto) {
          invalidate(e, veto);
          if (++vetoed >= 3) { // as SQLAlchemy: give up after a few refusals in a row
            throw new CisternException(
                "pool '" + config.name() + "': a listener refused 3 connections in a row", veto);
          }
          continue;
        }
      }
      return e;
    }
  }

  /** The fast path: the connection this thread returned last, or any idle one; else null. */
  private PoolEntry claimNow() {
    if (waitQueue.waiting() == 0 && !suspended) {
      if (affinity) {
        PoolEntry mine = lastUsed.get();
        if (mine != null && mine.cas(PoolEntry.IDLE, PoolEntry.IN_USE)) {
          return mine;
        }
      }
      return slots.claimIdle();
    }
    return null;
  }

  /** Returns poolTimeout in nanoseconds, saturated: a timeout beyond ~292 years waits forever. */
  long timeoutNanos() {
    return saturatedNanos(config.poolTimeout());
  }

  static long saturatedNanos(Duration d) {
    return PoolTime.nanos(d);
  }

  /** Returns true if a slot could be reserved for a new connection now (below the maximum). */
  boolean canOpen() {
    return !closed && total.get() + closer.pending() < maxSize;
  }

  /**
   * Checks a just-claimed entry: stale, expired, or (pre-ping) dead ones are replaced. The ping is
   * bounded by what is left of the borrow's deadline; when nothing is left, the entry goes back
   * unchecked and the borrower times out.
   */
  private boolean usable(PoolEntry e, long start) {
    if (e.id <= staleUpToId) {
      retire(e, PoolEntry.IN_USE);
      return false;
    }
    if (recycling && expired(e, ticker.nanoTime())) {
      retire(e, PoolEntry.IN_USE);
      return false;
    }
    if (health.prePing()
        && e.uses > 0
        && ticker.nanoTime() - e.lastReturnedNanos > PoolHealth.PRE_PING_BYPASS.toNanos()) {
      Duration limit = health.validationTimeout();
      long timeout = timeoutNanos();
      if (timeout > 0) { // with poolTimeout 0 a ping, like an opening, runs its own course
        long left = timeout - (ticker.nanoTime() - start);
        if (left <= 0) {
          release(e); // not checked: the next borrower pings it
          throw waitQueue.timeoutSince(start);
        }
        if (left < saturatedNanos(limit)) {
          limit = Duration.ofNanos(left);
        }
      }
      if (!support.validator().isAlive(e.raw, limit)) {
        SQLException cause = new SQLException("pre-ping found " + e + " dead", "08006");
        invalidate(e, cause);
        softInvalidateAll(cause); // if one died, the others from that time probably did too
        return false;
      }
    }
    return true;
  }

  /**
   * Takes a borrowed entry back: ends the borrower's transaction and restores what it changed (see
   * {@link ConnectionState}), then returns it to the pool. An entry that cannot be reset is
   * discarded, and a new connection is opened if someone waits.
   */
  @Override
  public void giveBack(PoolEntry e) {
    int state = e.state();
    if (state == PoolEntry.REMOVED) {
      return; // invalidated or detached while borrowed: nothing to give back
    }
    if (state != PoolEntry.IN_USE) {
      log.warn("pool '{}': {} returned twice; ignoring the second return", config.name(), e);
      return;
    }
    ResetOnReturn kind = config.resetOnReturn();
    boolean listening = listener.active(); // read once: a return reads no more than that
    if (listening) {
      // before the pool's own reset, so that a listener can do a custom one (SQLAlchemy's order)
      listener.reset(e, PoolListeners.resetState(kind, closed, false));
    }
    try {
      e.connectionState.reset(kind);
    } catch (SQLException | RuntimeException ex) {
      log.warn(
          "pool '{}': resetting {} on return failed, discarding it: {}",
          config.name(),
          e,
          ex.toString());
      invalidate(e, ex);
      if (listening) {
        listener.checkin(e); // as SQLAlchemy: a checkout is checked in even when its reset failed
      }
      return;
    }
    if (listening) {
      listener.checkin(e);
    }
    release(e);
  }

  @Override
  public void closeDetached(PoolEntry e) {
    DetachedClose.close(e, config, listener);
  }

  /**
   * Takes an entry back from its holder: retires it if it is used up, expired or stale, hands it to
   * the longest waiter, closes it if it is an overflow connection, or makes it idle.
   */
  void release(PoolEntry e) {
    if (e.state() != PoolEntry.IN_USE) {
      log.warn("pool '{}': {} returned twice; ignoring the second return", config.name(), e);
      return;
    }
    if (closed
        || (health.maxUses() > 0 && e.uses >= health.maxUses())
        || (recycling && expired(e, ticker.nanoTime()))
        || e.id <= staleUpToId) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    e.lastReturnedNanos = health.prePing() ? ticker.nanoTime() : coarseNow;
    if (idleSetFull()) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    if (affinity) {
      lastUsed.set(e);
    }
    makeIdle(e);
  }

  /**
   * Returns true if a returning connection should be closed rather than kept: as SQLAlchemy's
   * QueuePool, only when poolSize connections are idle already and nobody waits. A connection above
   * poolSize is kept while fewer are idle, so demand that stays between poolSize and the maximum
   * does not close one connection per return and open one per borrow; idleTimeout shrinks what is
   * left once demand drops. The idle count is read only above poolSize (a scan of at most poolSize
   * + maxOverflow slots); two returns racing may both keep theirs, one idle too many, which
   * idleTimeout takes back.
   */
  private boolean idleSetFull() {
    int size = config.poolSize();
    return size > 0
        && total.get() > size
        && waitQueue.waiting() == 0
        && slots.count(PoolEntry.IDLE) >= size;
  }

  /** Makes an entry its owner holds idle, serving a borrower that queued up meanwhile. */
  void makeIdle(PoolEntry e) {
    if (slots.ordered()) {
      slots.stampIdle(e);
    }
    e.setState(PoolEntry.IDLE);
    if (!suspended && waitQueue.waiting() > 0) {
      waitQueue.idleWithWaiters(e);
    }
  }

  /**
   * Called by the creator with a new connection, in a slot reserved for it: to a waiter, or into
   * the pool idle. If anything fails on the way the connection is closed and its slot freed before
   * the error is thrown: a connection the driver opened is adopted or closed, never lost, and the
   * counts stay exact.
   */
  void added(Connection raw) {
    PoolEntry e;
    try {
      e = newEntry(raw);
    } catch (RuntimeException | Error ex) {
      closeUnadopted(raw, ex);
      unreserveSlot();
      throw ex;
    }
    try {
      adopt(e);
    } catch (RuntimeException | Error ex) {
      // In the slots or not, it holds the reserved slot: retire() frees both and closes it. If it
      // is no longer IN_USE, a borrower or the idle set has it: it was adopted after all.
      log.warn("pool '{}': adopting a new connection failed: {}", config.name(), ex.toString());
      retire(e, PoolEntry.IN_USE);
      throw ex;
    }
  }

  /** For tests: runs between the driver opening a connection and the pool adopting it. */
  volatile java.util.function.Consumer<PoolEntry> beforeAdoption;

  private PoolEntry newEntry(Connection raw) {
    long now = ticker.nanoTime();
    PoolEntry e = new PoolEntry(raw, creator.nextId(), now, PoolEntry.IN_USE);
    if (recycling) {
      long life = PoolTime.nanos(health.recycle());
      long spread = Math.min(life / 40, 30_000_000_000L); // up to 2.5%, at most 30 s
      // an age, compared with the age so far: "now + life" would overflow for a huge poolRecycle
      e.maxAgeNanos = life - (spread > 0 ? ThreadLocalRandom.current().nextLong(spread) : 0);
    }
    return e;
  }

  private void closeUnadopted(Connection raw, Throwable why) {
    log.warn(
        "pool '{}': a new connection could not be adopted, closing it: {}",
        config.name(),
        why.toString());
    try {
      raw.close();
    } catch (SQLException | RuntimeException ex) {
      why.addSuppressed(ex);
    }
  }

  private void adopt(PoolEntry e) {
    slots.add(e);
    java.util.function.Consumer<PoolEntry> hook = beforeAdoption;
    if (hook != null) {
      hook.accept(e);
    }
    maintenance.started();
    // always, even with no listener yet: one added later must not take a later connection for
    // the first
    listener.opened(e); // the first connection's firstConnect + connect before any other connect
    if (closed) {
      retire(e, PoolEntry.IN_USE);
      return;
    }
    if (suspended || !waitQueue.handOff(e)) {
      makeIdle(e);
    }
  }

  /** Reserves a slot for a connection about to be opened; false if the pool is full. */
  boolean reserveSlot() {
    while (true) {
      int t = total.get();
      if (t + closer.pending() >= maxSize || closed) {
        return false;
      }
      if (total.compareAndSet(t, t + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot reserved for a connection that could not be opened. */
  void unreserveSlot() {
    total.decrementAndGet();
  }

  /**
   * Removes an entry its owner holds in state {@code from} and closes it off the caller's thread.
   */
  boolean retire(PoolEntry e, int from) {
    closer.expect(); // counted as closing before it stops counting as borrowed: close() waits
    if (!e.cas(from, PoolEntry.REMOVED)) {
      closer.unexpect();
      return false;
    }
    slots.remove(e);
    closer.closeExpected(e); // counted as closing before it stops counting as open
    total.decrementAndGet();
    return true;
  }

  /**
   * Like {@link #retire} for a connection found broken: listeners hear of the invalidation before
   * the connection is closed, so they can still look at it.
   */
  boolean retireInvalid(PoolEntry e, int from, Throwable cause) {
    closer.expect(); // as in retire
    if (!e.cas(from, PoolEntry.REMOVED)) {
      closer.unexpect();
      return false;
    }
    try {
      if (listener.active()) {
        listener.invalidate(e, cause);
      }
    } finally { // closed even if a listener throws: the expected close must happen
      slots.remove(e);
      closer.closeExpected(e); // counted as closing before it stops counting as open
      total.decrementAndGet();
    }
    return true;
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    retireInvalid(e, PoolEntry.IN_USE, cause);
  }

  @Override
  public void softInvalidateAll(Throwable cause) {
    staleUpToId = creator.lastId();
    if (listener.active()) {
      listener.softInvalidate(cause);
    }
  }

  @Override
  public void detach(PoolEntry e) {
    if (!e.cas(PoolEntry.IN_USE, PoolEntry.REMOVED)) {
      return;
    }
    slots.remove(e);
    total.decrementAndGet();
    if (listener.active()) {
      listener.detach(e);
    }
    if (!closed && waitQueue.waiting() > 0) {
      creator.request(waitQueue.unserved());
    }
  }

  @Override
  public boolean isDisconnect(SQLException e) {
    return support.disconnect().test(e);
  }

  /** Stops handing out connections: borrowers wait (up to their timeout) until {@link #resume}. */
  @Override
  public void suspend() {
    suspended = true;
  }

  /** Hands out connections again, first to the borrowers that waited. */
  @Override
  public void resume() {
    suspended = false;
    waitQueue.serveIdle(slots);
    creator.request(waitQueue.unserved());
  }

  /** Returns true while suspended. */
  public boolean isSuspended() {
    return suspended;
  }

  /** Runs maintenance now, as if the clock read {@code nowNanos}; for tests with a fake clock. */
  public void maintain(long nowNanos) {
    maintenance.run(nowNanos);
  }

  boolean isStale(PoolEntry e, long now) {
    return e.id <= staleUpToId || (recycling && expired(e, now));
  }

  /** Returns true if the entry outlived its maximum age (poolRecycle) at time {@code now}. */
  private static boolean expired(PoolEntry e, long now) {
    return now - e.createdNanos >= e.maxAgeNanos;
  }

  Creator creator() {
    return creator;
  }

  @Override
  public PoolStatus status() {
    return slots.status(config, waitQueue.waiting());
  }

  @Override
  public java.util.List<PoolEntry> borrowed() {
    return slots.inState(PoolEntry.IN_USE);
  }

  /**
   * Describes who holds the borrowed entries, for a timeout's message; null if the support says
   * nothing or fails (a timeout must not fail for its description).
   */
  String describeHolders() {
    try {
      return support.holders().apply(borrowed());
    } catch (RuntimeException e) {
      log.debug("pool '{}': could not describe the holders", config.name(), e);
      return null;
    }
  }

  /** Returns the number of idle entries. */
  int idleCount() {
    return slots.count(PoolEntry.IDLE);
  }

  /** Returns the entries now in the pool; for tests and maintenance. */
  public PoolEntry[] entries() {
    return slots.all();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the pool: idle connections are closed now, borrowed ones when they come back, and
   * waiting borrowers get {@link PoolClosedException}.
   */
  @Override
  public void close() {
    if (!closing0.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    waitQueue.wakeAll();
    for (PoolEntry e : slots.all()) {
      retire(e, PoolEntry.IDLE);
    }
    creator.shutdown(); // the closer stays: borrowed connections are closed when they come back
    maintenance.shutdown();
    if (listener.active()) {
      listener.disposed();
    }
    // idle connections are closed when close() returns: the server really sees them gone
    closer.drain(System.nanoTime() + CLOSE_WAIT.toNanos());
  }

  @Override
  public boolean awaitClosed(Duration timeout) {
    // capped at ~73 years so that the deadline cannot overflow: "as long as it takes" all the same
    return closer.drain(System.nanoTime() + Math.min(PoolTime.nanos(timeout), Long.MAX_VALUE / 4));
  }

  @Override
  public String toString() {
    return status().toString();
  }
}
