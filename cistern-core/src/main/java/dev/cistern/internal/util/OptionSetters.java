package dev.cistern.internal.util;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class {@code X} that extends {@code XOptions}, which the build's annotation processor
 * ({@code dev.cistern.codegen.OptionSettersProcessor}, module cistern-codegen) writes from {@link
 * dev.cistern.Option}'s constants: a typed JavaBean setter and getter per engine option, calling
 * the hooks {@code put} and {@code value} that {@code X} implements.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface OptionSetters {}
