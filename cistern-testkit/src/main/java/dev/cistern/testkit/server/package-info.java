/**
 * Private database servers for destructive tests: a PostgreSQL cluster ({@link
 * dev.cistern.testkit.server.PrivatePostgres}, also as a primary with streaming replicas) and a
 * MariaDB server ({@link dev.cistern.testkit.server.PrivateMariaDb}) that a test creates, stops,
 * restarts, kills the sessions of and drops, on its own loopback port, without ever touching the
 * shared servers on 5432 and 3306; and a PgBouncer ({@link dev.cistern.testkit.server.PgBouncer})
 * in front of any PostgreSQL server.
 */
package dev.cistern.testkit.server;
