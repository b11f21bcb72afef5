package dev.cistern.internal.engine;

import dev.cistern.internal.dialect.KeepAliveSocketFactory;
import dev.cistern.internal.pool.ConnectionFactory;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The TCP socket under each physical connection an engine opened, where the driver made it with
 * Cistern's {@link KeepAliveSocketFactory} (pgjdbc, MariaDB Connector/J), so that the engine can
 * cut a connection whose driver cannot be stopped: MariaDB Connector/J's {@code abort} reads from
 * the socket itself and so waits for a statement's read blocked on a dead network. Closing the
 * socket ends that read at once. Keys are weak: a connection closed and dropped is forgotten.
 */
final class Sockets {
  private final Map<Connection, Socket> sockets = Collections.synchronizedMap(new WeakHashMap<>());

  /** Opens a connection with {@code f} and notes the socket the driver made for it, if any. */
  Connection open(ConnectionFactory f) throws SQLException {
    KeepAliveSocketFactory.takeLast(); // one made on this thread before belongs to another
    Connection c = f.create();
    Socket s = KeepAliveSocketFactory.takeLast();
    if (s != null) {
      sockets.put(c, s);
    }
    return c;
  }

  /** Closes the socket under {@code c} now; returns false if its socket is not known. */
  boolean cut(Connection c) {
    Socket s = sockets.remove(c);
    if (s == null) {
      return false;
    }
    try {
      s.close();
    } catch (IOException e) {
      // closed either way
    }
    return true;
  }

  /** Returns true if the socket under {@code c} is known (for tests). */
  boolean knows(Connection c) {
    return sockets.containsKey(c);
  }
}
