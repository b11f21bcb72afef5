package dev.cistern.internal.pool;

import dev.cistern.EngineListener.ResetState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A pool listener that records its events as "event#id", and can veto or fail checkouts. */
final class RecordingListener implements PoolListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  /** Checkouts still to veto. */
  final AtomicInteger vetoes = new AtomicInteger();

  /** Throw an IllegalStateException (not a veto) from every checkout. */
  volatile boolean failCheckouts;

  long count(String event) {
    return events.stream().filter(s -> s.startsWith(event + "#") || s.equals(event)).count();
  }

  @Override
  public void connect(PoolEntry e) {
    events.add("connect#" + e.id());
  }

  @Override
  public void firstConnect(PoolEntry e) {
    events.add("firstConnect#" + e.id());
  }

  @Override
  public void checkout(PoolEntry e) {
    events.add("checkout#" + e.id());
    if (vetoes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new CheckoutVeto("vetoed by the test", null);
    }
    if (failCheckouts) {
      throw new IllegalStateException("a faulty listener");
    }
  }

  @Override
  public void checkin(PoolEntry e) {
    events.add("checkin#" + e.id());
  }

  @Override
  public void reset(PoolEntry e, ResetState state) {
    events.add("reset#" + e.id());
  }

  @Override
  public void invalidate(PoolEntry e, Throwable cause) {
    events.add("invalidate#" + e.id());
  }

  @Override
  public void softInvalidate(Throwable cause) {
    events.add("softInvalidate");
  }

  @Override
  public void close(PoolEntry e) {
    events.add("close#" + e.id());
  }

  @Override
  public void detach(PoolEntry e) {
    events.add("detach#" + e.id());
  }

  @Override
  public void closeDetached(PoolEntry e) {
    events.add("closeDetached#" + e.id());
  }

  @Override
  public void disposed() {
    events.add("disposed");
  }
}
