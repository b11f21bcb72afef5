package dev.cistern.testkit.stub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written abstract stub type {@code X}: the build's annotation processor ({@code
 * dev.cistern.codegen.ForwardingProcessor}, module cistern-codegen) writes {@code final class
 * GeneratedX extends X} in which every JDBC method {@code X} does not implement throws {@link
 * java.sql.SQLFeatureNotSupportedException} naming the method ({@code "X.m is not supported"}). So
 * {@code X} holds only what the stub really does; the generated source is under {@code
 * target/generated-sources/annotations}.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface Unsupported {}
