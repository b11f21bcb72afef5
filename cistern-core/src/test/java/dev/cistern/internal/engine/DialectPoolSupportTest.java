package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import dev.cistern.internal.dialect.Dialect;
import dev.cistern.internal.dialect.Dialects;
import dev.cistern.internal.pool.PoolListener;
import dev.cistern.internal.pool.PoolSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DialectPoolSupportTest {
  @Test
  void validatesWithTheDialectsPingAndClassifiesWithItsDisconnectTest() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse("h2:mem:support?user=sa");
    Dialect dialect = Dialects.forUrl(url);
    PoolListener listener = new PoolListener() {};
    PoolSupport support = DialectPoolSupport.of(dialect, listener);

    assertThat(support.listener()).isSameAs(listener);
    Connection c = dialect.connect(url, null);
    assertThat(support.validator().isAlive(c, Duration.ofSeconds(1))).isTrue();
    c.close();
    assertThat(support.validator().isAlive(c, Duration.ofSeconds(1))).isFalse();

    assertThat(support.disconnect().test(new SQLException("gone", "08006"))).isTrue();
    assertThat(support.disconnect().test(new SQLNonTransientConnectionException("gone"))).isTrue();
    SQLException wrapped = new SQLException("outer", "HY000", new SQLException("inner", "08S01"));
    assertThat(support.disconnect().test(wrapped)).isTrue();
    assertThat(support.disconnect().test(new SQLException("syntax", "42601"))).isFalse();
  }
}
