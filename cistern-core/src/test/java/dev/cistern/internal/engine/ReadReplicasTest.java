package dev.cistern.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.DatabaseUrl;
import dev.cistern.DisposalReport;
import dev.cistern.internal.dialect.Dialects;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's URL, the failover disconnect test and the merged disposal report. */
class ReadReplicasTest {
  private static final DatabaseUrl PRIMARY =
      DatabaseUrl.parse("postgresql://app:s3cret@db1:5432/shop");

  @Test
  void noReplicasAndOneHostMeansNoReader() {
    assertThat(ReadReplicas.readerUrl(PRIMARY, List.of())).isEmpty();
    assertThat(
            ReadReplicas.readerUrl(
                DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433/db"), List.of()))
        .as("several hosts but no targetServerType=primary: the URL says nothing about roles")
        .isEmpty();
  }

  @Test
  void aMultiHostPrimaryUrlReadsFromItsStandbys() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433/db?targetServerType=primary");
    DatabaseUrl reader = ReadReplicas.readerUrl(url, List.of()).orElseThrow();
    assertThat(reader.hosts()).isEqualTo(url.hosts());
    assertThat(reader.driverProperties()).containsEntry("targetServerType", "preferSecondary");
  }

  @Test
  void replicasComeFirstAndThePrimaryIsTheFallback() {
    DatabaseUrl reader =
        ReadReplicas.readerUrl(
                PRIMARY,
                List.of(
                    DatabaseUrl.parse("postgresql://app:s3cret@r1:5433/shop"),
                    DatabaseUrl.parse("postgresql://app:s3cret@r2:5434/shop")))
            .orElseThrow();
    assertThat(reader.hosts())
        .extracting(DatabaseUrl.Host::name)
        .containsExactly("r1", "r2", "db1");
    assertThat(reader.driverProperties())
        .containsEntry("targetServerType", "preferSecondary")
        .containsEntry("loadBalanceHosts", "true");
    assertThat(reader.password()).contains("s3cret");
    assertThat(reader.toString()).doesNotContain("s3cret");
  }

  @Test
  void aReplicaOfAnotherKindIsRefused() {
    assertThatThrownBy(
            () -> ReadReplicas.readerUrl(PRIMARY, List.of(DatabaseUrl.parse("mariadb://u@r1/db"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same kind of database");
  }

  @Test
  void readOnlyTransactionErrorsCountAsLostOnlyWhenTheUrlWatchesThePrimary() {
    SQLException readOnly =
        new SQLException("cannot execute INSERT in a read-only transaction", "25006");
    DatabaseUrl watching =
        DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433/db?targetServerType=primary");
    assertThat(Failover.disconnectTest(watching, Dialects.forUrl(watching)).test(readOnly))
        .isTrue();
    assertThat(
            Failover.disconnectTest(watching, Dialects.forUrl(watching))
                .test(new SQLException("wrapped", "XX000", new SQLException("x", "25006"))))
        .as("found in the cause chain")
        .isTrue();
    assertThat(Failover.disconnectTest(PRIMARY, Dialects.forUrl(PRIMARY)).test(readOnly))
        .as("one host: a read-only error is the borrower's, not a failover")
        .isFalse();
    DatabaseUrl reader =
        DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433/db?targetServerType=preferSecondary");
    assertThat(Failover.disconnectTest(reader, Dialects.forUrl(reader)).test(readOnly)).isFalse();
  }

  @Test
  void oneReportCoversBoth() {
    DisposalReport primary =
        new DisposalReport(
            "shop", 3, 1, 0, Duration.ofMillis(20), List.of(), List.of("connection #1 by 'a'"));
    DisposalReport reader =
        new DisposalReport(
            "shop/reader",
            2,
            0,
            1,
            Duration.ofMillis(50),
            List.of(new IllegalStateException("x")),
            List.of("connection #4 by 'b'"));
    DisposalReport both = ReadReplicas.merge(primary, reader);
    assertThat(both.engineName()).isEqualTo("shop");
    assertThat(both.closedIdle()).isEqualTo(5);
    assertThat(both.returnedDuringGrace()).isEqualTo(1);
    assertThat(both.aborted()).isEqualTo(1);
    assertThat(both.took()).isEqualTo(Duration.ofMillis(50));
    assertThat(both.errors()).hasSize(1);
    assertThat(both.leaked())
        .containsExactly("connection #1 by 'a'", "reader: connection #4 by 'b'");
  }
}
