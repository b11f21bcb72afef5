/**
 * Cistern: a database engine with a fast connection pool and a lifecycle done right.
 *
 * <p>Only {@code dev.cistern} is exported; everything under {@code dev.cistern.internal} may change
 * at any time.
 */
module dev.cistern {
  requires transitive java.sql;
  requires org.slf4j;
  requires java.management; // the engine's JMX bean (registerMbeans)
  requires static jdk.net; // TCP keepalive tuning where the runtime has it
  requires static jdk.jfr; // Flight Recorder events where the runtime resolves it (internal.jfr)

  exports dev.cistern;
}
