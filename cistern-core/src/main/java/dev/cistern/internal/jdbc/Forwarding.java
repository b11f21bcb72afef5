package dev.cistern.internal.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written abstract JDBC proxy {@code X}: the build's annotation processor ({@code
 * dev.cistern.codegen.ForwardingProcessor}, module cistern-codegen) writes {@code final class
 * GeneratedX extends X} with every JDBC method {@code X} does not implement, each with the one
 * uniform body: the guard ({@code checkOpen()}, or {@code beforeExecute()} where {@link
 * #dirtyPrefixes()} or {@link #dirtyResultSets()} say so), the call to {@link #to()}, a driver
 * {@code SQLException} passed through {@code fail(e)}, and every JDBC object returned passed
 * through an overload of {@code wrap(...)} that {@code X} declares. So {@code X} holds only real
 * logic; the generated source is under {@code target/generated-sources/annotations}.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface Forwarding {
  /**
   * The field holding the driver's object that the generated methods call, or a no-argument method
   * returning it, written with its parentheses ({@code "prepared()"}).
   */
  String to() default "raw";

  /**
   * Method-name prefixes whose generated body starts with {@code beforeExecute()} (which notes that
   * a transaction may now be open, and that the connection now waits for the server) instead of
   * {@code checkOpen()}, and ends with {@code afterExecute()} in a {@code finally} (the wait
   * ended).
   */
  String[] dirtyPrefixes() default {};

  /** Whether every method returning a {@code ResultSet} starts with {@code beforeExecute()}. */
  boolean dirtyResultSets() default false;
}
