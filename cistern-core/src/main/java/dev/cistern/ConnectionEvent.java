package dev.cistern;

import java.sql.Connection;

/**
 * What an {@link EngineListener} is told about one pooled connection when something happens to it.
 *
 * <p>An event is only valid during the listener call that receives it; do not keep the connection
 * beyond it.
 *
 * @param engineName the name of the engine (and of its pool)
 * @param connectionId the connection's number within its pool, from 1
 * @param connection the physical driver connection, for example to set session variables in {@link
 *     EngineListener#connect}; never close it yourself. {@code null} only in {@link
 *     EngineListener#checkin} after a failed reset, the connection having been invalidated
 * @param checkouts how many times the connection has been checked out so far
 */
public record ConnectionEvent(
    String engineName, long connectionId, Connection connection, long checkouts) {}
