/**
 * Cistern for Hibernate ORM: {@link dev.cistern.hibernate.CisternConnectionProvider}, selected with
 * {@code hibernate.connection.provider_class=cistern}.
 */
package dev.cistern.hibernate;
