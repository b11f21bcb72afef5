package dev.cistern.it;

import static dev.cistern.testkit.DatabaseKind.MARIADB;
import static dev.cistern.testkit.DatabaseKind.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.Engine;
import dev.cistern.testkit.OnEachDatabase;
import dev.cistern.testkit.TestDatabase;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway 11 migrates, reports, validates and cleans through an engine's data source. */
class FlywayTest {
  @OnEachDatabase({POSTGRESQL, MARIADB})
  void migrateInfoValidateClean(TestDatabase db) throws SQLException {
    String name = Its.name(db, "flyway");
    Engine engine = Engine.builder(db.cisternUrl()).name(name).build();
    try {
      // README "Works with": Flyway
      Flyway flyway =
          Flyway.configure()
              .dataSource(engine.dataSource())
              .locations("classpath:db/it")
              .cleanDisabled(false)
              .load();
      MigrateResult result = flyway.migrate();

      assertThat(result.success).isTrue();
      assertThat(result.migrationsExecuted).isEqualTo(2);
      assertThat(Its.count(engine, "person")).isEqualTo(2);

      MigrationInfo[] applied = flyway.info().applied();
      assertThat(applied)
          .extracting(i -> i.getVersion().getVersion(), MigrationInfo::getState)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("1", MigrationState.SUCCESS),
              org.assertj.core.groups.Tuple.tuple("2", MigrationState.SUCCESS));
      assertThat(flyway.info().pending()).isEmpty();
      assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
      flyway.validate();
      assertThat(flyway.migrate().migrationsExecuted).as("nothing left to do").isZero();

      flyway.clean();
      assertThatThrownBy(() -> Its.count(engine, "person")).isInstanceOf(SQLException.class);
      assertThat(flyway.info().applied()).isEmpty();
      assertThat(flyway.info().pending()).hasSize(2);
      assertThat(engine.status().inUse()).as("Flyway gave every connection back").isZero();
    } finally {
      Its.closeAndExpectNoSession(engine, db, name);
    }
  }
}
