package dev.cistern.internal.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a listener and logs what it throws, so a faulty listener never breaks the pool. */
final class SafeListener implements PoolListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
  private final PoolListener l;
  private final String pool;

  SafeListener(PoolListener l, String pool) {
    this.l = l;
    this.pool = pool;
  }

  private void failed(String event, RuntimeException e) {
    log.warn("pool '{}': a listener failed on {}; the pool goes on", pool, event, e);
  }

  @Override
  public void connect(PoolEntry e) {
    try {
      l.connect(e);
    } catch (RuntimeException ex) {
      failed("connect", ex);
    }
  }

  @Override
  public void firstConnect(PoolEntry e) {
    try {
      l.firstConnect(e);
    } catch (RuntimeException ex) {
      failed("firstConnect", ex);
    }
  }

  @Override
  public void checkout(PoolEntry e) {
    try {
      l.checkout(e);
    } catch (CheckoutVeto veto) {
      throw veto;
    } catch (RuntimeException ex) {
      failed("checkout", ex);
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    try {
      l.checkin(e);
    } catch (RuntimeException ex) {
      failed("checkin", ex);
    }
  }

  @Override
  public void reset(PoolEntry e) {
    try {
      l.reset(e);
    } catch (RuntimeException ex) {
      failed("reset", ex);
    }
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    try {
      l.invalidate(e, cause);
    } catch (RuntimeException ex) {
      failed("invalidate", ex);
    }
  }

  @Override
  public void softInvalidate(Throwable cause) {
    try {
      l.softInvalidate(cause);
    } catch (RuntimeException ex) {
      failed("softInvalidate", ex);
    }
  }

  @Override
  public void close(PoolEntry e) {
    try {
      l.close(e);
    } catch (RuntimeException ex) {
      failed("close", ex);
    }
  }

  @Override
  public void detach(PoolEntry e) {
    try {
      l.detach(e);
    } catch (RuntimeException ex) {
      failed("detach", ex);
    }
  }

  @Override
  public void disposed() {
    try {
      l.disposed();
    } catch (RuntimeException ex) {
      failed("disposed", ex);
    }
  }
}
