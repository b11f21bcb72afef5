package dev.cistern.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cistern.CannotConnectException;
import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.engine.DialectConnectionFactory;
import dev.cistern.internal.engine.DialectPoolSupport;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.ServerSessions;
import dev.cistern.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 4 on a real server: connections that fail adoption are closed, so the server
 * sees no session left after the pool closes.
 */
class AdoptionServerSessionsTest {
  @Test
  void failedAdoptionsLeaveNoServerSession(@Postgres TestDatabase db) {
    DatabaseUrl url = DatabaseUrl.parse(db.cisternUrl());
    Dialect dialect = Dialects.forUrl(url);
    String app = db.applicationName() + "-adopt";
    ConnectionPool p =
        new ConnectionPool(
            PoolConfig.defaults("adopt").withSize(2, 1).withTimeout(Duration.ofSeconds(10)),
            new DialectConnectionFactory(url, dialect, app, null),
            Ticker.SYSTEM,
            DialectPoolSupport.of(dialect, PoolListener.NONE));
    AtomicInteger failures = new AtomicInteger(5);
    p.beforeAdoption =
        e -> {
          if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("injected between open and adoption");
          }
        };
    try {
      // A borrow fails when the opening it waited for failed adoption; one may also be served by
      // an opening a closer started meanwhile. Borrow until every injected failure happened.
      int failed = 0;
      for (int i = 0; i < 50 && failures.get() > 0; i++) {
        Throwable t = catchThrowable(() -> p.giveBack(p.acquire()));
        if (t != null) {
          assertThat(t).isInstanceOf(CannotConnectException.class);
          failed++;
        }
      }
      assertThat(failed).isPositive();
      assertThat(failures.get()).as("every injected failure happened").isNotPositive();
      PoolEntry a = p.acquire();
      PoolEntry b = p.acquire();
      PoolEntry c = p.acquire();
      assertThat(p.status()).extracting("size", "inUse").containsExactly(3, 3);
      assertThat(ServerSessions.awaitCount(db, app, 3, Duration.ofSeconds(10)))
          .as("no more sessions than the pool holds")
          .isEqualTo(3);
      p.giveBack(a);
      p.giveBack(b);
      p.giveBack(c);
    } finally {
      p.close();
    }
    assertThat(ServerSessions.awaitCount(db, app, 0, Duration.ofSeconds(10))).isZero();
  }
}
