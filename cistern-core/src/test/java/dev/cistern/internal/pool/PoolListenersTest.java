package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.EngineListener.ResetState;
import dev.cistern.ResetOnReturn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Combining pool listeners, and the pool's dispatch that isolates each one's errors. */
class PoolListenersTest {
  private final PoolEntry entry = new PoolEntry(null, 7, 0, PoolEntry.IN_USE);

  /** Records "name:event". */
  private static PoolListener recording(String name, List<String> into) {
    return new PoolListener() {
      @Override
      public void connect(PoolEntry e) {
        into.add(name + ":connect");
      }

      @Override
      public void firstConnect(PoolEntry e) {
        into.add(name + ":firstConnect");
      }

      @Override
      public void checkout(PoolEntry e) {
        into.add(name + ":checkout");
      }

      @Override
      public void checkin(PoolEntry e) {
        into.add(name + ":checkin");
      }

      @Override
      public void reset(PoolEntry e, ResetState state) {
        into.add(name + ":reset");
      }

      @Override
      public void invalidate(PoolEntry e, Throwable cause) {
        into.add(name + ":invalidate");
      }

      @Override
      public void softInvalidate(Throwable cause) {
        into.add(name + ":softInvalidate");
      }

      @Override
      public void close(PoolEntry e) {
        into.add(name + ":close");
      }

      @Override
      public void detach(PoolEntry e) {
        into.add(name + ":detach");
      }

      @Override
      public void closeDetached(PoolEntry e) {
        into.add(name + ":closeDetached");
      }

      @Override
      public void disposed() {
        into.add(name + ":disposed");
      }
    };
  }

  @Test
  void noListenersIsNone() {
    assertThat(PoolListeners.compose(List.of())).isSameAs(PoolListener.NONE);
    assertThat(PoolListeners.compose(List.of(PoolListener.NONE, PoolListener.NONE)))
        .isSameAs(PoolListener.NONE);
  }

  @Test
  void oneListenerIsItself() {
    PoolListener l = recording("a", new ArrayList<>());
    assertThat(PoolListeners.compose(List.of(l))).isSameAs(l);
    assertThat(PoolListeners.compose(List.of(PoolListener.NONE, l))).isSameAs(l);
  }

  @Test
  void everyEventReachesEachListenerInOrder() {
    List<String> got = new CopyOnWriteArrayList<>();
    PoolListener c = PoolListeners.compose(List.of(recording("a", got), recording("b", got)));

    c.firstConnect(entry);
    c.connect(entry);
    c.checkout(entry);
    c.checkin(entry);
    c.reset(entry, new ResetState(ResetOnReturn.ROLLBACK, false, false));
    c.invalidate(entry, null);
    c.softInvalidate(null);
    c.close(entry);
    c.detach(entry);
    c.closeDetached(entry);
    c.disposed();

    List<String> expected = new ArrayList<>();
    for (String ev :
        List.of(
            "firstConnect",
            "connect",
            "checkout",
            "checkin",
            "reset",
            "invalidate",
            "softInvalidate",
            "close",
            "detach",
            "closeDetached",
            "disposed")) {
      expected.add("a:" + ev);
      expected.add("b:" + ev);
    }
    assertThat(got).containsExactlyElementsOf(expected);
  }

  @Test
  void aThrowingListenerDoesNotKeepTheEventFromTheNext() {
    List<String> got = new CopyOnWriteArrayList<>();
    PoolListener broken =
        new PoolListener() {
          @Override
          public void checkin(PoolEntry e) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void checkout(PoolEntry e) {
            throw new IllegalStateException("broken");
          }
        };
    PoolListener c =
        PoolListeners.dispatch(PoolListeners.compose(List.of(broken, recording("b", got))), "p");

    c.checkin(entry);
    c.checkout(entry);

    assertThat(got).containsExactly("b:checkin", "b:checkout");
  }

  @Test
  void aCheckoutVetoReachesThePoolAndStopsTheFanOut() {
    List<String> got = new CopyOnWriteArrayList<>();
    PoolListener veto =
        new PoolListener() {
          @Override
          public void checkout(PoolEntry e) {
            throw new CheckoutVeto("no", null);
          }
        };
    PoolListener c =
        PoolListeners.dispatch(
            PoolListeners.compose(List.of(recording("a", got), veto, recording("b", got))), "p");

    assertThatThrownBy(() -> c.checkout(entry)).isInstanceOf(PoolListener.CheckoutVeto.class);
    assertThat(got).containsExactly("a:checkout");
  }

  @Test
  void groupsFlattenSoEachComponentIsIsolatedOnItsOwn() {
    List<String> got = new CopyOnWriteArrayList<>();
    PoolListener broken =
        new PoolListener() {
          @Override
          public void close(PoolEntry e) {
            throw new IllegalStateException("broken");
          }
        };
    PoolListener inner = PoolListeners.compose(List.of(broken, recording("b", got)));
    PoolListener c =
        PoolListeners.dispatch(
            PoolListeners.compose(List.of(recording("a", got), inner, recording("c", got))), "p");

    c.close(entry);

    assertThat(got).containsExactly("a:close", "b:close", "c:close");
  }

  @Test
  void aGroupCalledOutsideTheDispatchDoesNotCatch() {
    PoolListener broken =
        new PoolListener() {
          @Override
          public void close(PoolEntry e) {
            throw new IllegalStateException("broken");
          }
        };
    PoolListener g = PoolListeners.compose(List.of(broken, recording("b", new ArrayList<>())));

    assertThatThrownBy(() -> g.close(entry)).hasMessage("broken");
  }

  @Test
  void anErrorFromASingleListenerIsLoggedAndTheEventGoesOn() {
    PoolListener broken =
        new PoolListener() {
          @Override
          public void disposed() {
            throw new IllegalStateException("broken");
          }
        };

    PoolListeners.dispatch(broken, "p").disposed(); // does not throw
    assertThatThrownBy(broken::disposed).isInstanceOf(IllegalStateException.class);
  }
}
