/**
 * A stub JDBC driver for pool-mechanics tests and benchmarks.
 *
 * <p>URLs have the form {@code jdbc:stub:<name>[?param=value&...]}. Every name maps to one {@link
 * dev.cistern.testkit.stub.StubDatabase}, which counts physical connections and lets a test inject
 * faults (failures, hangs and delays) into connect, validation and close. No SQL is parsed: queries
 * return a configurable number of rows with a single integer column.
 *
 * <p>Each JDBC type of the stub is an abstract class holding only what the stub does, annotated
 * {@code @Unsupported}; the build writes its {@code Generated...} subclass, in which every other
 * JDBC method throws {@link java.sql.SQLFeatureNotSupportedException}.
 */
package dev.cistern.testkit.stub;
