/**
 * Private database servers for destructive tests: a PostgreSQL cluster ({@link
 * dev.cistern.testkit.server.PrivatePostgres}) and a MariaDB server ({@link
 * dev.cistern.testkit.server.PrivateMariaDb}) that a test creates, stops, restarts, kills the
 * sessions of and drops, on its own loopback port, without ever touching the shared servers on 5432
 * and 3306.
 */
package dev.cistern.testkit.server;
