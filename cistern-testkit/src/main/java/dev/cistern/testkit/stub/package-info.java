/**
 * A stub JDBC driver for pool-mechanics tests and benchmarks.
 *
 * <p>URLs have the form {@code jdbc:stub:<name>[?param=value&...]}. Every name maps to one {@link
 * dev.cistern.testkit.stub.StubDatabase}, which counts physical connections and lets a test inject
 * faults (failures, hangs and delays) into connect, validation and close. No SQL is parsed: queries
 * return a configurable number of rows with a single integer column.
 */
package dev.cistern.testkit.stub;
