package dev.cistern.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per database kind, displayed as {@code [postgresql]}, {@code [mariadb]}
 * and {@code [h2]}. Each invocation receives a fresh {@link TestDatabase} of that kind through an
 * unannotated {@code TestDatabase} parameter; it is dropped after the invocation. An invocation
 * whose server is unreachable is skipped (or fails when {@code CI=true}, see {@link TestServers}).
 *
 * <pre>{@code
 * @OnEachDatabase
 * void roundTrip(TestDatabase db) throws SQLException { ... }
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface OnEachDatabase {
  /**
   * The kinds to run on, in order; all three by default.
   *
   * @return the database kinds to run the test on
   */
  DatabaseKind[] value() default {DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.H2};
}
