/**
 * A fault-injecting TCP proxy for reliability tests: {@link dev.cistern.testkit.fault.FaultProxy}
 * sits on 127.0.0.1 between a JDBC driver and a loopback database server and black-holes, resets,
 * fails over, delays, throttles or half-opens its connections on demand, without touching the
 * server.
 */
package dev.cistern.testkit.fault;
