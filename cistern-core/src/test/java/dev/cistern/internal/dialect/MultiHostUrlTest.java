package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cistern.DatabaseUrl;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Multi-host PostgreSQL URLs: parsed, masked, and passed through to pgjdbc. */
class MultiHostUrlTest {
  private static final String URL =
      "postgresql://app:s3cret@10.0.0.1:5432,10.0.0.2:5433/shop?targetServerType=primary";

  @Test
  void parsesEveryHostAndKeepsTheDriverProperties() {
    DatabaseUrl url = DatabaseUrl.parse(URL);
    assertThat(url.hosts())
        .containsExactly(
            new DatabaseUrl.Host("10.0.0.1", 5432), new DatabaseUrl.Host("10.0.0.2", 5433));
    assertThat(url.driverProperties()).containsEntry("targetServerType", "primary");
    assertThat(url.toString())
        .contains("10.0.0.1:5432,10.0.0.2:5433")
        .doesNotContain("s3cret")
        .contains("targetServerType=primary");
  }

  @Test
  void pgjdbcGetsTheHostListTargetAndAShortHostRecheck() {
    DatabaseUrl url = DatabaseUrl.parse(URL);
    Dialect pg = Dialects.forUrl(url);
    assertThat(pg.jdbcUrl(url)).isEqualTo("jdbc:postgresql://10.0.0.1:5432,10.0.0.2:5433/shop");
    Properties p = pg.connectionProperties(url, "app");
    assertThat(p)
        .containsEntry("targetServerType", "primary")
        .containsEntry(
            "hostRecheckSeconds", String.valueOf(PostgresDialect.MULTI_HOST_RECHECK_SECONDS));
    Properties own =
        pg.connectionProperties(DatabaseUrl.parse(URL + "&hostRecheckSeconds=30"), "app");
    assertThat(own).as("the URL's own value wins").containsEntry("hostRecheckSeconds", "30");
    Properties single =
        pg.connectionProperties(DatabaseUrl.parse("postgresql://app@db/shop"), "app");
    assertThat(single).as("one host: pgjdbc's default").doesNotContainKey("hostRecheckSeconds");
  }
}
