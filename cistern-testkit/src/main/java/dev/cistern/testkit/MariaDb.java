package dev.cistern.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a {@link TestDatabase} parameter of a test, lifecycle method or constructor to receive a
 * database on the configured MariaDB server ({@link DatabaseKind#MARIADB}), fresh for the test and
 * dropped after it. Implies {@code @ExtendWith(DatabaseExtension.class)}.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseExtension.class)
public @interface MariaDb {}
